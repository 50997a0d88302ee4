import { parseArgs } from 'node:util';
import { runStart } from './start.js';
import { runSync } from './sync.js';

const USAGE = `Usage: zuora-emulator <command> [options]

Commands:
  start       run the emulator and the bundled sync engine (see: zuora-emulator start --help)
  sync        run the sync engine alone against any Zuora (see: zuora-emulator sync --help)
  scenario    replay scenario files against the emulator and the sync engine (see: zuora-emulator scenario help)
  contract    contract suites, fuzzing, drift and coverage against any Zuora-like target (see: zuora-emulator contract help)
`;

/** Dispatches `zuora-emulator <command>`; each command parses its own flags. */
export async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const [command] = positionals;
  const rest = argv.slice(argv.indexOf(command ?? '') + 1);
  switch (command) {
    case 'start':
      return runStart(rest);
    case 'sync':
      return runSync(rest);
    case 'scenario':
      // Loaded on demand, as contract is: only this command needs the runner.
      return (await import('./scenario.js')).runScenarioCommand(rest);
    case 'contract':
      // Loaded on demand: the contract tools pull in spec parsers that `start` does not need.
      return (await import('./contract.js')).runContract(rest);
    case undefined:
    case 'help':
      process.stdout.write(USAGE);
      return command === 'help' ? 0 : 1;
    default:
      process.stderr.write(`zuora-emulator: unknown command '${command}'\n${USAGE}`);
      return 1;
  }
}

const exitCode = await main(process.argv.slice(2));
if (exitCode !== 0) process.exitCode = exitCode;
