import { fuzzReport, runFuzz } from '../contracts/fuzz/index.js';
import { openTarget, TARGET_OPTIONS } from './contractTarget.js';
import { UsageError } from './errors.js';
import { progress } from './progress.js';
import { parseFlags } from './flags.js';

const HELP = `Usage: zuora-emulator contract fuzz --seed N --count N [options]

Sends seeded json-schema-faker bodies, valid and deliberately broken, to every write endpoint and
checks that valid ones are accepted or refused as business errors, broken ones are refused in the
dialect's error shape, nothing answers 5xx, and (on this emulator) a refused write changes no state.

  --seed N                seed of the run (default 1); the same seed sends the same inputs
  --count N               number of inputs (default 200), shared evenly by the endpoints
  --only I[,J...]         replay only these input indexes of the seed (after the fixtures)
  --target URL            base URL of the target (default: an in-process emulator)
  --client-id ID          OAuth client id (required with --target)
  --client-secret SECRET  OAuth client secret (required with --target)
  --admin-token T         an emulator target's admin token (default: $ZUORA_EMULATOR_ADMIN_TOKEN)
  -h, --help              show this help

Exits 1 when any input fails a check.
`;

const isCount = (value: number): boolean => Number.isInteger(value) && value >= 0;

export async function runContractFuzz(argv: string[]): Promise<number> {
  const { values } = parseFlags('contract fuzz', argv, {
      ...TARGET_OPTIONS,
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '200' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const seed = Number(values.seed);
  const count = Number(values.count);
  const only = values.only?.split(',').map(Number);
  if (!Number.isInteger(seed) || !isCount(count) || (only && !only.every(isCount))) throw new UsageError('--seed must be an integer, --count and --only non-negative integers', 'contract fuzz');
  // A fuzzed call that hangs is itself a finding; do not wait the default 30 s for it.
  const target = await openTarget(values, 10_000);
  if (typeof target === 'string') throw new UsageError(target, 'contract fuzz');
  const targetFlags = values.target ? ` --target ${values.target} --client-id ${values['client-id']} --client-secret <secret>` : '';
  try {
    process.stdout.write(`contract fuzz against ${target.client.baseUrl}: seed ${seed}, ${only ? `inputs ${only.join(',')}` : `${count} inputs`}\n`);
    const counter = progress('fuzzing: input');
    const result = await runFuzz({
      target: target.client,
      seed,
      count,
      ...(only ? { only } : {}),
      onInput: (done, total) => counter.update(done + 1, total),
      replayCommand: (index) => `zuora-emulator contract fuzz${targetFlags} --seed ${seed} --only ${index}  (or --count ${index + 1} to replay every input before it too)`,
    });
    counter.end();
    process.stdout.write(fuzzReport(result));
    return result.failures.length > 0 ? 1 : 0;
  } finally {
    await target.close();
  }
}
