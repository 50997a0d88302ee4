// Sign-up orders through the bin as a user starts it: `zuora-emulator start` on a data directory, the
// bundled sync engine beside it connected to the default tenant (so its triggers and notifications
// raise events and send callouts on every sign-up), and the same with `--no-sync` for comparison.
// Orders per CPU-second of the bin's whole process tree (the emulator and the sync engine).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { binCompiled, spawnBin } from './bin.js';
import { measure, type Measured } from './compare.js';
import { mainThreadCpuSeconds, treeCpuSeconds, type BenchServer } from './servers.js';
import { createCatalog, session, signUpOrder, type Session } from './tenant.js';

export interface DefaultStartRun extends Measured {
  /** Whether the bundled sync engine ran beside the emulator (the default) or not (`--no-sync`). */
  sync: boolean;
  /** Whether the bin ran its compiled bundle (else the sources through tsx). */
  compiled: boolean;
  /** Callouts the default tenant recorded during the load. */
  callouts: number;
  /** Then a year of the default tenant's clock over those sign-ups, in one advance (when asked for). */
  advance?: { wallMs: number; cpuSeconds: number; jobsRun: number; callouts: number };
}

async function startBin(dataDir: string, sync: boolean): Promise<BenchServer> {
  const args = ['start', '--port', '0', '--sync-port', '0', '--stripe-port', '0', '--data-dir', dataDir, ...(sync ? [] : ['--no-sync'])];
  // BENCH_SERVER_ARGS adds Node flags, as for the bench's other servers (`--cpu-prof --cpu-prof-dir=DIR`).
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  // The bin writes its ready lines in one write, the sync engine's included.
  const { child, printed: seen } = await spawnBin(args, (printed) => printed.includes('zuora-emulator listening') && printed.endsWith('\n'), extra);
  const url = /zuora-emulator listening on (\S+)/.exec(seen)?.[1] ?? '';
  const credentials = /client_id=(\S+) client_secret=(\S+)/.exec(seen);
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    kind: 'emulator',
    url,
    pid,
    readyMs: 0,
    startMs: 0,
    compiled: binCompiled(),
    clientId: credentials?.[1] ?? '',
    clientSecret: credentials?.[2] ?? '',
    adminToken: /admin token: (\S+)/.exec(seen)?.[1] ?? '',
    cpuSeconds: () => treeCpuSeconds(pid),
    mainThreadCpuSeconds: () => mainThreadCpuSeconds(pid),
    stats: async () => ({ objects: 0, rssBytes: 0 }),
    answer: async () => {},
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Sign-up orders on the default tenant of a fresh data directory, `amount` of them at `connections`;
 * with `advanceYear`, then a year of its clock in one `POST /__emulator/clock/advance`.
 */
export async function benchDefaultStart(sync: boolean, amount: number, connections: number, advanceYear = false): Promise<DefaultStartRun> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zuora-bench-default-'));
  const server = await startBin(dataDir, sync);
  try {
    const api = await session(server);
    const catalog = await createCatalog(api);
    const body = JSON.stringify(signUpOrder(catalog));
    const request = { method: 'POST' as const, path: '/v1/orders', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` }, body };
    const verifyBody = (text: string): boolean => text.includes('"success":true') && text.includes('"subscriptionNumbers"');
    // A few orders first, so the run measures a warm process (code cache, first-use loading).
    await measure(server, { request, verifyBody, connections, bound: { amount: Math.min(100, Math.ceil(amount / 2)) } });
    const before = await lastCallout(api);
    const measured = await measure(server, { request, verifyBody, connections, bound: { amount } }, sync ? 'sign-ups, sync engine connected' : 'sign-ups, --no-sync');
    const during = (await api.admin('GET', `/__emulator/callouts?after=${before}`)) as { data: { seq: number }[] };
    const run: DefaultStartRun = { ...measured, sync, compiled: server.compiled === true, callouts: during.data.length };
    if (!advanceYear) return run;
    const cpuBefore = server.cpuSeconds();
    const started = performance.now();
    const { jobsRun } = (await api.admin('POST', '/__emulator/clock/advance', { by: 'P1Y' })) as { jobsRun: number };
    const wallMs = performance.now() - started;
    const cpuSeconds = server.cpuSeconds() - cpuBefore;
    const year = (await api.admin('GET', `/__emulator/callouts?after=${during.data.at(-1)?.seq ?? before}`)) as { data: unknown[] };
    return { ...run, advance: { wallMs, cpuSeconds, jobsRun, callouts: year.data.length } };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The sequence number of the tenant's latest delivery (0 when it has none). */
async function lastCallout(api: Session): Promise<number> {
  const { data } = (await api.admin('GET', '/__emulator/callouts')) as { data: { seq: number }[] };
  return data.at(-1)?.seq ?? 0;
}
