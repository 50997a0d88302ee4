// The commands and how `zuora-emulator <command>` picks one: main.ts runs it from the sources, the
// bin runs the same through the compiled bundle (scripts/bundle-cli.mjs).
import { PACKAGE_VERSION } from '../emulator/packageInfo.js';
import { describeFailure, isUsageError, UsageError } from './errors.js';

const USAGE = `Usage: zuora-emulator <command> [options]

Commands:
  start       run the emulator and the bundled sync engine (see: zuora-emulator start --help)
  sync        run the sync engine alone against any Zuora (see: zuora-emulator sync --help)
  scenario    replay scenario files against the emulator and the sync engine (see: zuora-emulator scenario --help)
  contract    contract suites, fuzzing, drift and coverage against any Zuora-like target (see: zuora-emulator contract --help)

Options for every command:
  --verbose   show the stack trace of a failure (so does DEBUG=1)
  --version   print the version
  -h, --help  show help
`;

// Each command loads what it needs when it runs: --version and --help load nothing, and only their
// own commands load the scenario runner and the spec parsers.
const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  start: async (argv) => (await import('./start.js')).runStart(argv),
  sync: async (argv) => (await import('./sync.js')).runSync(argv),
  scenario: async (argv) => (await import('./scenario.js')).runScenarioCommand(argv),
  contract: async (argv) => (await import('./contract.js')).runContract(argv),
};

/** Flags before `--`: what follows it belongs to the command's positionals. */
const flagsOf = (argv: string[]): string[] => (argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv);

/** Dispatches `zuora-emulator <command>`; each command parses its own flags. */
export async function main(argv: string[]): Promise<number> {
  if (flagsOf(argv).includes('--version')) {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  const verbose = flagsOf(argv).includes('--verbose') || Boolean(process.env.DEBUG);
  const args = argv.filter((arg, index) => !(arg === '--verbose' && index < flagsOf(argv).length));
  const [command, ...rest] = args;
  try {
    if (command === undefined) throw new UsageError('give a command: start, sync, scenario or contract', '');
    if (command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(USAGE);
      return 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command '${command}'; the commands are ${Object.keys(COMMANDS).join(', ')}`, '');
    return await run(rest);
  } catch (error) {
    const { line, exitCode } = describeFailure(error, command ?? '');
    process.stderr.write(`${line}\n`);
    if (verbose && error instanceof Error && !isUsageError(error)) process.stderr.write(`${error.stack ?? ''}\n`);
    return exitCode;
  }
}
