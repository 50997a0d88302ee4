import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadStripeFixtures, type StripeFixtures } from '../contracts/stripe/shape.js';
import { runStripeSuites } from '../contracts/stripe/runner.js';
import { startEmulator } from '../emulator/index.js';
import { finishRun, runConsole } from './contractReport.js';
import { UsageError } from './errors.js';

// `contract run --dialect stripe`: the Stripe suites against the emulator's Stripe API (in process
// by default, or one already running), or against a real Stripe account in test mode.

export interface StripeContractFlags {
  target?: string;
  'secret-key'?: string;
  fixtures?: string;
  reporter?: string;
  out?: string;
}

/** `--fixtures FILE`, else $STRIPE_FIXTURES, else the fixtures file beside a checkout of the project, when there. */
function fixturesOf(explicit: string | undefined): { fixtures?: StripeFixtures; note?: string } {
  const file = explicit ?? process.env.STRIPE_FIXTURES ?? path.resolve('..', 'shared', 'stripe', 'fixtures3.json');
  if (existsSync(file)) return { fixtures: loadStripeFixtures(file) };
  if (explicit) throw new UsageError(`--fixtures ${explicit}: no such file`, 'contract run');
  return { note: "Stripe's fixtures (fixtures3.json) were not found: answers are checked for status and behaviour, not shape (give --fixtures FILE)" };
}

export async function runStripeContract(flags: StripeContractFlags): Promise<number> {
  const key = flags['secret-key'] ?? process.env.STRIPE_SECRET_KEY;
  if (key?.startsWith('sk_live_') || key?.startsWith('rk_live_')) throw new UsageError('the Stripe suites create and cancel subscriptions: give a test-mode key (sk_test_...), never a live one', 'contract run');
  if (flags.target && !key) throw new UsageError('--target needs --secret-key (or $STRIPE_SECRET_KEY)', 'contract run');
  const { fixtures, note } = fixturesOf(flags.fixtures);
  // Without a target: an in-process emulator's Stripe port and its default account.
  const emulator = flags.target ? undefined : await startEmulator({ inMemory: true, port: 0, stripePort: 0 });
  const apiUrl = flags.target ?? emulator?.stripe?.url ?? '';
  const secretKey = flags.target ? (key as string) : (emulator?.stripe?.secretKey ?? '');
  const { log, onStep, end } = runConsole(flags);
  if (note) log(`note: ${note}`);
  log(`contract run (stripe) against ${apiUrl}`);
  try {
    return await finishRun(await runStripeSuites({ apiUrl, secretKey, ...(fixtures ? { fixtures } : {}), onStep }), flags, log);
  } finally {
    end();
    await emulator?.close();
  }
}
