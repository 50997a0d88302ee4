import path from 'node:path';
import { checkJsonFile, prepareDataDir } from '../emulator/state/dataDir.js';
import { DEFAULT_SYNC_DATA_DIR, DEFAULT_SYNC_HOST, DEFAULT_SYNC_PORT } from '../sync/config.js';
import { startSyncEngine } from '../sync/index.js';
import { UsageError } from './errors.js';
import { parseFlags } from './flags.js';
import { listenFailure, parsePort } from './ports.js';
import { untilStopped } from './signals.js';

const HELP = `Usage: zuora-emulator sync --zuora-url URL --client-id ID --client-secret SECRET [options]

Runs the sync engine alone against any Zuora (a sandbox, or an emulator elsewhere), on the wall clock.

  --zuora-url URL       Zuora base URL, e.g. https://rest.apisandbox.zuora.com
  --client-id ID        OAuth client id
  --client-secret S     OAuth client secret
  --port N              port to listen on (default ${DEFAULT_SYNC_PORT}; 0 picks a free one)
  --host HOST           interface to bind (default ${DEFAULT_SYNC_HOST})
  --data-dir DIR        where state is kept (default ${DEFAULT_SYNC_DATA_DIR})
  --in-memory           keep state in memory only
  --public-url URL      the URL Zuora reaches this engine at, for callouts and entity links
                        (default the listen URL)
  -h, --help            show this help

Then connect Zuora's callouts with: POST <url>/api/integration/connect
`;

function fail(message: string): never {
  throw new UsageError(message, 'sync');
}

/** Runs until SIGINT/SIGTERM, then flushes state and exits 0. */
export async function runSync(argv: string[]): Promise<number> {
  const { values } = parseFlags('sync', argv, {
    'zuora-url': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    port: { type: 'string', default: String(DEFAULT_SYNC_PORT) },
    host: { type: 'string', default: DEFAULT_SYNC_HOST },
    'data-dir': { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    'public-url': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const baseUrl = values['zuora-url'];
  const clientId = values['client-id'];
  const clientSecret = values['client-secret'];
  if (!baseUrl || !clientId || !clientSecret) fail('--zuora-url, --client-id and --client-secret are required');
  if (!URL.canParse(baseUrl)) fail(`--zuora-url is not a URL: ${baseUrl}`);
  if (values['public-url'] !== undefined && !URL.canParse(values['public-url'])) fail(`--public-url is not a URL: ${values['public-url']}`);
  if (values['data-dir'] !== undefined && values['in-memory']) fail('give --data-dir or --in-memory, not both');
  const port = parsePort(values.port);
  if (port === undefined) fail(`--port must be a whole number from 0 to 65535 (got '${values.port}')`);
  const dataDir = values['data-dir'] ?? DEFAULT_SYNC_DATA_DIR;
  // The data directory first, before the port is taken: a mistake there is one line, never a hang.
  if (!values['in-memory']) {
    await prepareDataDir(dataDir);
    await checkJsonFile(path.join(dataDir, 'state.json'));
  }
  // Listening from here on: whoever saw a ready line may signal at once, before the line after it runs.
  const stopped = untilStopped();
  const engine = await startSyncEngine({
    port,
    host: values.host,
    dataDir,
    inMemory: values['in-memory'],
    zuora: { baseUrl, clientId, clientSecret },
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
  }).catch((error: unknown) => {
    throw listenFailure(error, values.host, port, '--port');
  });
  process.stdout.write(
    [
      `sync engine listening on ${engine.url}`,
      `  zuora: ${baseUrl} (client_id=${clientId})`,
      `  callouts: ${engine.webhookUrl} (connect with POST ${engine.url}/api/integration/connect)`,
      `  state: ${values['in-memory'] ? 'in memory' : dataDir}`,
      '',
    ].join('\n'),
  );
  await stopped;
  await engine.close();
  return 0;
}
