// The Stripe contract suites against the emulator's Stripe API: every step's status, the shape of
// Stripe's example object of its kind, and the behaviour the sync engine counts on; a check that
// finds a difference fails its step; and the CLI's `contract run --dialect stripe`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStripeSuites } from '../contracts/stripe/runner.js';
import { loadStripeFixtures, type StripeFixtures } from '../contracts/stripe/shape.js';
import { STRIPE_SUITES } from '../contracts/stripe/suites.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { CLI } from './helpers/cli.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../shared/stripe/fixtures3.json');
const fixturesPresent = existsSync(FIXTURES);
const fixtures: StripeFixtures | undefined = fixturesPresent ? loadStripeFixtures(FIXTURES) : undefined;

let emulator: RunningEmulator;
let stripe: { apiUrl: string; secretKey: string };

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0 });
  stripe = { apiUrl: emulator.stripe?.url ?? '', secretKey: emulator.stripe?.secretKey ?? '' };
});

afterAll(async () => {
  await emulator?.close();
});

describe('the Stripe contract suites', () => {
  it('pass against the emulator: status, behaviour and (with the fixtures) shape of every answer', async () => {
    const result = await runStripeSuites({ ...stripe, ...(fixtures ? { fixtures } : {}) });
    const failures = result.suites.flatMap((suite) => suite.steps).filter((step) => step.outcome !== 'passed');
    expect(failures.map((step) => `${step.suite} › ${step.name}: ${JSON.stringify(step.checks)} ${step.reason ?? ''}`)).toEqual([]);
    expect(result.suites.map((suite) => suite.name)).toEqual(STRIPE_SUITES.map((suite) => suite.name));
    expect(result.passed).toBe(STRIPE_SUITES.reduce((sum, suite) => sum + suite.steps.length, 0));
    const checks = result.suites.flatMap((suite) => suite.steps).flatMap((step) => step.checks);
    expect(checks.filter((check) => check.name === 'behaviour' && check.result.outcome === 'pass').length).toBeGreaterThanOrEqual(15);
    if (fixtures) expect(checks.filter((check) => check.name === 'fixture-shape' && check.result.outcome === 'pass').length).toBeGreaterThanOrEqual(20);
  });

  it.skipIf(!fixturesPresent)('fails a step whose answer lacks a key of the fixture object', async () => {
    const stricter: StripeFixtures = { ...fixtures, customer: { ...(fixtures?.customer as object), loyalty_tier: 'gold' } };
    const [customers] = STRIPE_SUITES.filter((suite) => suite.name === 'stripe-customers');
    const result = await runStripeSuites({ ...stripe, fixtures: stricter, suites: customers ? [customers] : [] });
    const created = result.suites[0]?.steps[0];
    expect(created?.outcome).toBe('failed');
    expect(created?.checks.find((check) => check.name === 'fixture-shape')?.result).toEqual({ outcome: 'fail', message: '1 difference(s) from the fixture: customer.loyalty_tier: missing' });
  });

  it('fails the behaviour a wrong key cannot show, and skips what depends on it', async () => {
    const result = await runStripeSuites({ apiUrl: stripe.apiUrl, secretKey: 'sk_test_not_this_account', suites: STRIPE_SUITES.slice(0, 1) });
    const [first, second] = result.suites[0]?.steps ?? [];
    expect(first?.status).toBe(401);
    expect(first?.outcome).toBe('failed');
    expect(second?.outcome).toBe('skipped');
    expect(second?.reason).toContain('${product.id}');
  });
});

describe('zuora-emulator contract run --dialect stripe', () => {
  it("runs the suites against an emulator's Stripe port and writes JUnit XML", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zemu-stripe-contract-'));
    try {
      const out = path.join(dir, 'junit.xml');
      const args = [...CLI, 'contract', 'run', '--dialect', 'stripe', '--target', stripe.apiUrl, '--secret-key', stripe.secretKey, '--reporter', 'junit', '--out', out, ...(fixturesPresent ? ['--fixtures', FIXTURES] : [])];
      const { stdout } = await promisify(execFile)(process.execPath, args);
      expect(stdout).toMatch(/^PASS stripe-subscriptions › subscribe: the first invoice is charged at once {2}POST .*\/v1\/subscriptions → 200 .*\[status ✓, (fixture-shape ✓, )?behaviour ✓\]$/m);
      expect(stdout).toMatch(/^\d+ passed, 0 failed \(\d+ ms\)$/m);
      expect(await readFile(out, 'utf8')).toMatch(/<testsuite name="stripe-declines" tests="5" failures="0"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a live key', async () => {
    const failed = await promisify(execFile)(process.execPath, [...CLI, 'contract', 'run', '--dialect', 'stripe', '--target', 'https://api.stripe.com', '--secret-key', 'sk_live_123']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('never a live one');
  });
});
