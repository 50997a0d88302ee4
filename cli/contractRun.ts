import { officialSpecSet, subsetSpecSet, type ResponseSpecSet } from '../contracts/checks/specs.js';
import { findOfficialSpecDir, loadOfficialSpecs } from '../contracts/official/index.js';
import { runSuites } from '../contracts/suites/index.js';
import { SubsetSpecs } from '../contracts/subset/validate.js';
import { finishRun, runConsole } from './contractReport.js';
import { runStripeContract } from './contractStripe.js';
import { openTarget, TARGET_OPTIONS } from './contractTarget.js';
import { UsageError } from './errors.js';
import { parseFlags } from './flags.js';

const HELP = `Usage: zuora-emulator contract run [options]

Runs the contract suites (every endpoint the platform calls, in order) against a Zuora-like target
and checks every answer. Against a real sandbox the suites only create data named
zemu-contract-<run id> and remove what they can at the end.

  --target URL            base URL of the target (default: an in-process emulator)
  --client-id ID          OAuth client id (required with --target)
  --client-secret SECRET  OAuth client secret (required with --target)
  --admin-token T         an emulator target's admin token (default: $ZUORA_EMULATOR_ADMIN_TOKEN)
  --official-spec DIR     folder of Zuora's official specs (default: $ZUORA_OPENAPI_DIR or ../shared/zuora-openapi)
  --reporter console|junit  output format (default console)
  --out FILE              write the report to FILE (junit) instead of stdout
  -h, --help              show this help

With --dialect stripe, the Stripe suites instead (the calls of the sync engine's Stripe
integration), against the emulator's Stripe API, or a real Stripe account in test mode:

  --dialect zuora|stripe  which suites (default zuora)
  --target URL            Stripe's API: https://api.stripe.com, or an emulator's Stripe port
                          (default: an in-process emulator and its default account)
  --secret-key KEY        the account's test-mode secret key (sk_test_...; default $STRIPE_SECRET_KEY)
  --fixtures FILE         Stripe's example objects (fixtures3.json) the answers' shapes are checked
                          against (default $STRIPE_FIXTURES); without them only status and behaviour

Exits 1 when any step fails.
`;

/** Spec sets to validate against: the official specs when found, and the project's subset. */
async function specSets(explicitDir: string | undefined): Promise<{ sets: ResponseSpecSet[]; notes: string[] } | string> {
  const sets: ResponseSpecSet[] = [];
  const notes: string[] = [];
  const dir = findOfficialSpecDir(explicitDir);
  if (dir) sets.push(officialSpecSet(await loadOfficialSpecs(dir)));
  else if (explicitDir) return `--official-spec ${explicitDir}: no such folder`;
  else notes.push("Zuora's official specs were not found: answers are checked against the project's subset only");
  sets.push(subsetSpecSet(new SubsetSpecs()));
  return { sets, notes };
}

export async function runContractRun(argv: string[]): Promise<number> {
  const { values } = parseFlags('contract run', argv, {
      ...TARGET_OPTIONS,
      'official-spec': { type: 'string' },
      dialect: { type: 'string', default: 'zuora' },
      'secret-key': { type: 'string' },
      fixtures: { type: 'string' },
      reporter: { type: 'string', default: 'console' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.reporter !== 'console' && values.reporter !== 'junit') throw new UsageError('--reporter must be console or junit', 'contract run');
  if (values.dialect === 'stripe') return runStripeContract(values);
  if (values.dialect !== 'zuora') throw new UsageError('--dialect must be zuora or stripe', 'contract run');
  const specs = await specSets(values['official-spec']);
  if (typeof specs === 'string') throw new UsageError(specs, 'contract run');
  const target = await openTarget(values);
  if (typeof target === 'string') throw new UsageError(target, 'contract run');
  // Console lines stream as steps finish, unless stdout is busy carrying the JUnit XML.
  const { log, onStep, end } = runConsole(values);
  for (const note of specs.notes) log(`note: ${note}`);
  log(`contract run against ${target.client.baseUrl}`);
  try {
    const result = await runSuites({
      target: target.client,
      specs: specs.sets,
      onStep,
    });
    return await finishRun(result, values, log);
  } finally {
    end();
    await target.close();
  }
}
