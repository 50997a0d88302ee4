import { coverageMarkdown } from '../contracts/coverage/index.js';
import { driftText } from '../contracts/drift/index.js';
import { UsageError } from './errors.js';
import { parseFlags } from './flags.js';
import { runContractFuzz } from './contractFuzz.js';
import { runContractRun } from './contractRun.js';

// `zuora-emulator contract <subcommand>`. Each subcommand is one entry of SUBCOMMANDS: a line for
// the usage text and a function that parses its own flags and returns the exit code.

interface Subcommand {
  usage: string;
  run: (argv: string[]) => Promise<number>;
}

const DRIFT_HELP = `Usage: zuora-emulator contract drift --official-spec FILE

Lists, for the endpoints the platform calls (seeds/001), how the project's OpenAPI subset
(contracts/openapi/) differs from an official Zuora spec file: missing paths and methods, request
fields required by one side only, and property types, nullability and enums that differ. FILE is a
V1 spec (zuora_openapi.yaml, or the 2017 Swagger file) or the Quickstart spec (swaggerv2API.yaml);
which one is detected. A report: exits 0 whatever it finds.
`;

async function runDrift(argv: string[]): Promise<number> {
  const { values } = parseFlags('contract drift', argv, { 'official-spec': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(DRIFT_HELP);
    return 0;
  }
  const file = values['official-spec'];
  if (!file) throw new UsageError('--official-spec FILE is required', 'contract drift');
  process.stdout.write(await driftText(file));
  return 0;
}

async function runCoverage(argv: string[]): Promise<number> {
  const { values } = parseFlags('contract coverage', argv, { help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write('Usage: zuora-emulator contract coverage\n\nPrints the coverage table (what `npm run contracts:coverage` writes to contracts/COVERAGE.md).\n');
    return 0;
  }
  process.stdout.write(await coverageMarkdown());
  return 0;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  run: {
    usage: 'run [--target URL --client-id ID --client-secret SECRET] [--official-spec DIR] [--reporter console|junit] [--out FILE]   the contract suites',
    run: runContractRun,
  },
  fuzz: { usage: 'fuzz [--target URL --client-id ID --client-secret SECRET] --seed N --count N [--only I]   seeded fuzzing of write endpoints', run: runContractFuzz },
  drift: { usage: 'drift --official-spec FILE   differences between the subset and an official spec file', run: runDrift },
  coverage: { usage: 'coverage                     the endpoint coverage table (contracts/COVERAGE.md)', run: runCoverage },
};

const USAGE = `Usage: zuora-emulator contract <subcommand> [options]

Subcommands:
${Object.values(SUBCOMMANDS)
  .map((subcommand) => `  ${subcommand.usage}`)
  .join('\n')}
`;

export async function runContract(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
  if (subcommand) return subcommand.run(rest);
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const names = Object.keys(SUBCOMMANDS).join(', ');
  throw new UsageError(name === undefined ? `give a subcommand: ${names}` : `unknown subcommand '${name}'; the subcommands are ${names}`, 'contract');
}
