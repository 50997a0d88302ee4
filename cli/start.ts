import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from '../emulator/config.js';
import { startEmulator } from '../emulator/index.js';

const HELP = `Usage: zuora-emulator start [options]

  --port N          port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host HOST       interface to bind (default ${DEFAULT_HOST})
  --data-dir DIR    where state is kept (default ${DEFAULT_DATA_DIR})
  --in-memory       keep state in memory only
  --no-sync         do not start the bundled sync engine
  --now ISO         start the default tenant's clock here when it is first created
  -h, --help        show this help
`;

/** Runs until SIGINT/SIGTERM, then flushes state and exits 0. */
export async function runStart(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: DEFAULT_HOST },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      'in-memory': { type: 'boolean', default: false },
      // Accepted now so scripts keep working once the sync engine is bundled.
      'no-sync': { type: 'boolean', default: false },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`zuora-emulator: --port must be a number from 0 to 65535\n`);
    return 1;
  }
  const emulator = await startEmulator({
    port,
    host: values.host,
    dataDir: values['data-dir'],
    inMemory: values['in-memory'],
    ...(values.now ? { now: values.now } : {}),
  });
  // One write, so whoever waits for the ready line also has the lines after it.
  process.stdout.write(
    [
      `zuora-emulator listening on ${emulator.url}`,
      `  default tenant: client_id=${emulator.credentials.clientId} client_secret=${emulator.credentials.clientSecret}`,
      `  state: ${values['in-memory'] ? 'in memory' : values['data-dir']}`,
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await emulator.close();
  return 0;
}
