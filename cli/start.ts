import path from 'node:path';
import { isKnownVersion, LATEST_VERSION, OLDEST_VERSION } from '../emulator/api/minorVersions.js';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from '../emulator/config.js';
import { startEmulator, UnsafeOptionsError } from '../emulator/index.js';
import { DEFAULT_STRIPE_PORT } from '../emulator/api/stripe/server.js';
import { checkJsonFile, prepareDataDir } from '../emulator/state/dataDir.js';
import { receiveInProcess } from '../emulator/services.js';
import { DEFAULT_SYNC_PORT, SYNC_SUBDIR } from '../sync/config.js';
import { startSyncEngineBeside } from '../sync/besideEmulator.js';
import type { RunningSyncEngine } from '../sync/index.js';
import { answerLocally } from '../sync/httpClient.js';
import { UsageError } from './errors.js';
import { parseFlags } from './flags.js';
import { listenFailure, parsePort } from './ports.js';
import { untilStopped } from './signals.js';
import { tuneForServing } from './tiering.js';

/** Every flag of `start`, with the environment variable that sets it when the flag is absent (as in the Docker image). */
const FLAGS = {
  port: { type: 'string', env: 'ZUORA_EMULATOR_PORT', help: `emulator port (default ${DEFAULT_PORT}; 0 picks a free one, for the sync engine too)` },
  'sync-port': { type: 'string', env: 'ZUORA_EMULATOR_SYNC_PORT', help: `sync engine port (default ${DEFAULT_SYNC_PORT}; 0 picks a free one)` },
  'stripe-port': { type: 'string', env: 'ZUORA_EMULATOR_STRIPE_PORT', help: `Stripe API port (default ${DEFAULT_STRIPE_PORT}; 0 picks a free one)` },
  host: { type: 'string', env: 'ZUORA_EMULATOR_HOST', help: `interface both bind (default ${DEFAULT_HOST}; 0.0.0.0 for every interface)` },
  'data-dir': { type: 'string', env: 'ZUORA_EMULATOR_DATA_DIR', help: `where state is kept (default ${DEFAULT_DATA_DIR}; the sync engine's in DIR/${SYNC_SUBDIR})` },
  'in-memory': { type: 'boolean', env: 'ZUORA_EMULATOR_IN_MEMORY', help: 'keep state in memory only' },
  'no-sync': { type: 'boolean', env: 'ZUORA_EMULATOR_NO_SYNC', help: 'do not start the bundled sync engine' },
  now: { type: 'string', env: 'ZUORA_EMULATOR_NOW', help: "start the default tenant's clock here (ISO date-time) when it is first created" },
  'zuora-version': { type: 'string', env: 'ZUORA_EMULATOR_ZUORA_VERSION', help: "the default tenant's default minor version (default 211.0), e.g. 223.0" },
  'admin-token': {
    type: 'string',
    env: 'ZUORA_EMULATOR_ADMIN_TOKEN',
    help: 'the bearer token the admin API (/__emulator/*) requires (default: a fresh one, printed on the ready lines); required with a --host beyond loopback',
  },
  'admin-open': { type: 'boolean', env: 'ZUORA_EMULATOR_ADMIN_OPEN', help: 'the admin API needs no token (a trusted local loop only; refused beyond loopback)' },
} as const;

type FlagName = keyof typeof FLAGS;

const HELP = `Usage: zuora-emulator start [options]

Runs the emulator and, beside it, the bundled sync engine connected to its default tenant.
Each option can also be set by the environment variable shown (the flag wins).

${Object.entries(FLAGS)
  .map(([name, flag]) => `  --${`${name}${flag.type === 'string' ? ' VALUE' : ''}`.padEnd(17)} ${flag.help}\n  ${''.padEnd(19)} [${flag.env}${flag.type === 'boolean' ? '=1' : ''}]`)
  .join('\n')}
  -h, --help          show this help
`;

const TRUE_WORDS = ['1', 'true', 'yes'];
const FALSE_WORDS = ['', '0', 'false', 'no'];

/** The flag's value, else its environment variable's, else undefined. */
function setting(values: Partial<Record<FlagName, string | boolean>>, name: FlagName): string | boolean | undefined {
  if (values[name] !== undefined) return values[name];
  const { env, type } = FLAGS[name];
  const text = process.env[env];
  if (text === undefined) return undefined;
  if (type === 'string') return text;
  if (TRUE_WORDS.includes(text.toLowerCase())) return true;
  if (FALSE_WORDS.includes(text.toLowerCase())) return false;
  throw new UsageError(`${env} must be 1 or 0 (got '${text}')`, 'start');
}

interface StartSettings {
  port: number;
  syncPort: number;
  stripePort: number;
  host: string;
  dataDir: string;
  inMemory: boolean;
  sync: boolean;
  now?: string;
  zuoraVersion?: string;
  adminToken?: string;
  adminOpen: boolean;
}

function startSettings(argv: string[]): StartSettings | 'help' {
  const options = { ...Object.fromEntries(Object.entries(FLAGS).map(([name, flag]) => [name, { type: flag.type }])), help: { type: 'boolean', short: 'h' } } as const;
  const { values } = parseFlags('start', argv, options as Record<FlagName | 'help', { type: 'string' | 'boolean'; short?: string }>);
  if (values.help) return 'help';
  const read = (name: FlagName) => setting(values as Partial<Record<FlagName, string | boolean>>, name);
  const port = portSetting('port', read('port'), DEFAULT_PORT);
  // `--port 0` alone asks for free ports: the sync engine's too, so two runs never collide.
  const syncPort = portSetting('sync-port', read('sync-port'), port === 0 ? 0 : DEFAULT_SYNC_PORT);
  const stripePort = portSetting('stripe-port', read('stripe-port'), port === 0 ? 0 : DEFAULT_STRIPE_PORT);
  const host = String(read('host') ?? DEFAULT_HOST);
  if (host.trim() === '') throw new UsageError('--host needs an address, such as 127.0.0.1', 'start');
  const now = read('now') as string | undefined;
  if (now !== undefined && Number.isNaN(Date.parse(now))) {
    throw new UsageError(`--now must be an ISO date-time such as 2026-01-01T00:00:00Z (got '${now}')`, 'start');
  }
  const zuoraVersion = read('zuora-version') as string | undefined;
  if (zuoraVersion !== undefined && !isKnownVersion(zuoraVersion)) {
    throw new UsageError(`--zuora-version must be a minor version from ${OLDEST_VERSION} to ${LATEST_VERSION}, such as 223.0 (got '${zuoraVersion}')`, 'start');
  }
  return {
    port,
    syncPort,
    stripePort,
    host,
    dataDir: String(read('data-dir') ?? DEFAULT_DATA_DIR),
    inMemory: read('in-memory') === true,
    sync: read('no-sync') !== true,
    ...(now !== undefined ? { now } : {}),
    ...(zuoraVersion !== undefined ? { zuoraVersion } : {}),
    ...(read('admin-token') ? { adminToken: String(read('admin-token')) } : {}),
    adminOpen: read('admin-open') === true,
  };
}

function portSetting(name: 'port' | 'sync-port' | 'stripe-port', value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = parsePort(String(value));
  if (port === undefined) throw new UsageError(`--${name} must be a whole number from 0 to 65535 (got '${String(value)}')`, 'start');
  return port;
}

/** Runs until SIGINT/SIGTERM, then stops the sync engine and the emulator, flushes state and exits 0. */
export async function runStart(argv: string[]): Promise<number> {
  const settings = startSettings(argv);
  if (settings === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const { port, syncPort, host, dataDir, inMemory } = settings;
  tuneForServing();
  const syncDataDir = path.join(dataDir, SYNC_SUBDIR);
  // The data directory first, before any port is taken: a mistake there is one line, never a hang.
  if (!inMemory) {
    await prepareDataDir(dataDir);
    // The emulator's own state file is checked as it is loaded, before it listens: read once, not twice.
    await checkJsonFile(path.join(syncDataDir, 'state.json'));
  }
  // Listening from here on: whoever saw a ready line may signal at once, before the line after it runs.
  const stopped = untilStopped();
  const emulator = await startEmulator({
    port,
    host,
    dataDir,
    inMemory,
    stripePort: settings.stripePort,
    adminOpen: settings.adminOpen,
    ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
    ...(settings.now ? { now: settings.now } : {}),
    ...(settings.zuoraVersion ? { zuoraVersion: settings.zuoraVersion } : {}),
  }).catch((error: unknown) => {
    if (error instanceof UnsafeOptionsError) throw new UsageError(error.message, 'start');
    throw listenFailure(error, host, port, '--port');
  });
  const lines = [
    `zuora-emulator listening on ${emulator.url}`,
    `  default tenant: client_id=${emulator.credentials.clientId} client_secret=${emulator.credentials.clientSecret}`,
    `  admin token: ${emulator.adminToken}${settings.adminOpen ? ' (not required: --admin-open)' : ''}`,
    `  state: ${inMemory ? 'in memory' : dataDir}`,
    `  inspector: ${emulator.url}/__emulator/ui (sign in with the admin token)`,
    ...(emulator.stripe ? [`stripe api listening on ${emulator.stripe.url} (account ${emulator.stripe.account}, key ${emulator.stripe.secretKey})`] : []),
  ];
  let sync: RunningSyncEngine | undefined;
  let stopInProcess: (() => void) | undefined;
  let stopLocalReads: (() => void) | undefined;
  if (settings.sync) {
    const tenant = { url: emulator.url, ...emulator.credentials, adminToken: emulator.adminToken };
    // The engine's reads of its tenant are answered in this process, without HTTP (the same
    // answers and request log: emulator/http/app.ts answerInProcess); from its first, at connect.
    stopLocalReads = answerLocally(emulator.url, emulator.answerInProcess);
    try {
      sync = await startSyncEngineBeside(tenant, { port: syncPort, host, dataDir: syncDataDir, inMemory }).catch((error: unknown) => {
        throw listenFailure(error, host, syncPort, '--sync-port');
      });
    } catch (error) {
      await emulator.close();
      throw error;
    }
    // The engine runs in this process: the emulator calls its clock tick and hands it the tenant's
    // callouts directly rather than over HTTP, as the scenario runner does (same attempts, answers
    // and records; the engine still listens for everyone else).
    stopInProcess = receiveInProcess(emulator.services, sync);
    lines.push(
      `sync engine listening on ${sync.url}`,
      `  connected to the default tenant; callouts go to ${sync.webhookUrl}`,
      `  standard Account and Subscription notifications configured for it, as the tenant's Zuora administrator would`,
      `  state: ${inMemory ? 'in memory' : syncDataDir}`,
    );
  }
  // One write, so whoever waits for a ready line also has the lines after it.
  process.stdout.write(`${lines.join('\n')}\n`);
  await stopped;
  // The engine first, since it may still be talking to the emulator.
  stopInProcess?.();
  await sync?.close();
  stopLocalReads?.();
  await emulator.close();
  return 0;
}
