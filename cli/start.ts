import path from 'node:path';
import { parseArgs } from 'node:util';
import { isKnownVersion, LATEST_VERSION, OLDEST_VERSION } from '../emulator/api/minorVersions.js';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from '../emulator/config.js';
import { startEmulator, UnsafeOptionsError } from '../emulator/index.js';
import { DEFAULT_SYNC_PORT, SYNC_SUBDIR } from '../sync/config.js';
import { emulatorTime } from '../sync/emulatorTime.js';
import { startSyncEngine, type RunningSyncEngine } from '../sync/index.js';
import { parsePort } from './ports.js';
import { untilStopped } from './signals.js';

const HELP = `Usage: zuora-emulator start [options]

Runs the emulator and, beside it, the bundled sync engine connected to its default tenant.

  --port N          emulator port (default ${DEFAULT_PORT}; 0 picks a free one)
  --sync-port N     sync engine port (default ${DEFAULT_SYNC_PORT}; 0 picks a free one)
  --host HOST       interface both bind (default ${DEFAULT_HOST})
  --data-dir DIR    where state is kept (default ${DEFAULT_DATA_DIR}; the sync engine's in DIR/${SYNC_SUBDIR})
  --in-memory       keep state in memory only
  --no-sync         do not start the bundled sync engine
  --now ISO         start the default tenant's clock here when it is first created
  --zuora-version V the default tenant's default minor version (default 211.0), e.g. 223.0
  --admin-token T   the bearer token the admin API (/__emulator/*) requires (default: $ZUORA_EMULATOR_ADMIN_TOKEN,
                    else a fresh one, printed on the ready lines); required with a --host beyond loopback
  --admin-open      the admin API needs no token (a trusted local loop only; refused beyond loopback)
  -h, --help        show this help
`;

/** Runs until SIGINT/SIGTERM, then stops the sync engine and the emulator, flushes state and exits 0. */
export async function runStart(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      'sync-port': { type: 'string', default: String(DEFAULT_SYNC_PORT) },
      host: { type: 'string', default: DEFAULT_HOST },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      'in-memory': { type: 'boolean', default: false },
      'no-sync': { type: 'boolean', default: false },
      now: { type: 'string' },
      'zuora-version': { type: 'string' },
      'admin-token': { type: 'string' },
      'admin-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const zuoraVersion = values['zuora-version'];
  if (zuoraVersion !== undefined && !isKnownVersion(zuoraVersion)) {
    process.stderr.write(`zuora-emulator: --zuora-version must be a minor version from ${OLDEST_VERSION} to ${LATEST_VERSION}, such as 223.0\n`);
    return 1;
  }
  const port = parsePort(values.port);
  const syncPort = parsePort(values['sync-port']);
  if (port === undefined || syncPort === undefined) {
    process.stderr.write(`zuora-emulator: ${port === undefined ? '--port' : '--sync-port'} must be a number from 0 to 65535\n`);
    return 1;
  }
  // Listening from here on: whoever saw a ready line may signal at once, before the line after it runs.
  const stopped = untilStopped();
  const inMemory = values['in-memory'];
  const adminToken = values['admin-token'] ?? process.env.ZUORA_EMULATOR_ADMIN_TOKEN;
  let emulator;
  try {
    emulator = await startEmulator({
      port,
      host: values.host,
      dataDir: values['data-dir'],
      inMemory,
      adminOpen: values['admin-open'],
      ...(adminToken ? { adminToken } : {}),
      ...(values.now ? { now: values.now } : {}),
      ...(zuoraVersion ? { zuoraVersion } : {}),
    });
  } catch (error) {
    if (!(error instanceof UnsafeOptionsError)) throw error;
    process.stderr.write(`zuora-emulator: ${error.message}\n`);
    return 1;
  }
  const lines = [
    `zuora-emulator listening on ${emulator.url}`,
    `  default tenant: client_id=${emulator.credentials.clientId} client_secret=${emulator.credentials.clientSecret}`,
    `  admin token: ${emulator.adminToken}${values['admin-open'] ? ' (not required: --admin-open)' : ''}`,
    `  state: ${inMemory ? 'in memory' : values['data-dir']}`,
  ];
  let sync: RunningSyncEngine | undefined;
  if (!values['no-sync']) {
    const { clientId, clientSecret } = emulator.credentials;
    const syncDataDir = path.join(values['data-dir'], SYNC_SUBDIR);
    try {
      sync = await startSyncEngine({
        port: syncPort,
        host: values.host,
        dataDir: syncDataDir,
        inMemory,
        zuora: { baseUrl: emulator.url, clientId, clientSecret },
        // The platform lives on the tenant's virtual clock, so clock advances move it too.
        time: emulatorTime(emulator.url, clientId, emulator.adminToken),
      });
      await sync.connect();
      await sync.followEmulatorClock(emulator.url, clientId, emulator.adminToken);
    } catch (error) {
      process.stderr.write(`zuora-emulator: the sync engine could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      await sync?.close();
      await emulator.close();
      return 1;
    }
    lines.push(
      `sync engine listening on ${sync.url}`,
      `  connected to the default tenant; callouts go to ${sync.webhookUrl}`,
      `  state: ${inMemory ? 'in memory' : syncDataDir}`,
    );
  }
  // One write, so whoever waits for a ready line also has the lines after it.
  process.stdout.write(`${lines.join('\n')}\n`);
  await stopped;
  // The engine first, since it may still be talking to the emulator.
  await sync?.close();
  await emulator.close();
  return 0;
}
