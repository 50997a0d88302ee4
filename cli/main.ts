import { parseArgs } from 'node:util';
import { runStart } from './start.js';

const USAGE = `Usage: zuora-emulator <command> [options]

Commands:
  start       run the emulator (see: zuora-emulator start --help)
`;

/** Dispatches `zuora-emulator <command>`; each command parses its own flags. */
export async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const [command] = positionals;
  const rest = argv.slice(argv.indexOf(command ?? '') + 1);
  switch (command) {
    case 'start':
      return runStart(rest);
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
