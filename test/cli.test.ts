import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createConnection } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { accountBody, adminClient, tenantClient } from './helpers/emulator.js';
import { CLI } from './helpers/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY = /^zuora-emulator listening on (http:\/\/\S+)$/m;
const SYNC_READY = /^sync engine listening on (http:\/\/\S+)$/m;
const STRIPE_READY = /^stripe api listening on (http:\/\/\S+) \(account (acct_\w+), key (sk_test_\w+)\)$/m;

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startCli(args: string[], env: Record<string, string> = {}): Promise<Started> {
  // A free Stripe port unless a test names one, so parallel runs never collide on the default.
  return startProcess(process.execPath, [...CLI, 'start', '--stripe-port', '0', ...args], env);
}

function startProcess(command: string, args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, cwd: ROOT });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
  });
}

/** Whether something still accepts connections at the URL's port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A process's threads by id, each with its nice value and the CPU time it has run. */
function threadsOf(pid: number): { id: number; nice: number; cpuNs: number }[] {
  return readdirSync(`/proc/${pid}/task`)
    .map(Number)
    .sort((a, b) => a - b)
    .map((id) => {
      // The fields after the command name, which is in parentheses and may hold spaces; nice is the 19th field.
      const stat = readFileSync(`/proc/${pid}/task/${id}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpuNs = Number(readFileSync(`/proc/${pid}/task/${id}/schedstat`, 'utf8').split(' ')[0]);
      return { id, nice: Number(fields[16]), cpuNs };
    });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('zuora-emulator start', () => {
  it('prints the ready line with the real port and the default credentials, and exits 0 on SIGTERM', async () => {
    const started = await startCli(['--port', '0', '--sync-port', '0', '--in-memory']);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.url).not.toMatch(/:0$/);
    expect(started.output()).toContain('client_id=zuora-emulator-default-client-000001');
    expect(started.output()).toContain('client_secret=zuora-emulator-default-secret');
    const health = await fetch(`${started.url}/__emulator/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', tenants: 1, stripeAccounts: 1 });
    const exited = exitOf(started.child);
    started.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('keeps state in --data-dir across a SIGINT restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'zuora-emulator-cli-'));
    try {
      const first = await startCli(['--port', '0', '--sync-port', '0', '--data-dir', dataDir]);
      const client = await tenantClient(first.url, 'zuora-emulator-default-client-000001', 'zuora-emulator-default-secret');
      const created = await client.post('/v2/accounts', accountBody({ name: 'Kept by the CLI' }));
      const firstExit = exitOf(first.child);
      first.child.kill('SIGINT');
      expect(await firstExit).toBe(0);

      const second = await startCli(['--port', '0', '--sync-port', '0', '--data-dir', dataDir]);
      const again = await tenantClient(second.url, 'zuora-emulator-default-client-000001', 'zuora-emulator-default-secret');
      const read = await again.get(`/v1/accounts/${created.body.account_number}`);
      expect(read.body.basicInfo.name).toBe('Kept by the CLI');
      const secondExit = exitOf(second.child);
      second.child.kill('SIGTERM');
      expect(await secondExit).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad port', async () => {
    await expect(startCli(['--port', 'eighty', '--in-memory'])).rejects.toThrow(/--port/);
  });

  it('starts the sync engine beside the emulator, connected to the default tenant, and stops both on SIGTERM', async () => {
    const started = await startCli(['--port', '0', '--sync-port', '0', '--in-memory']);
    const syncUrl = SYNC_READY.exec(started.output())?.[1];
    expect(syncUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(syncUrl).not.toMatch(/:0$/);
    expect(syncUrl).not.toBe(started.url);
    expect(started.output()).toContain(`callouts go to ${syncUrl}/webhooks/zuora`);
    const health = await fetch(`${syncUrl}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    // Connected: the tenant's callout templates point at the engine's webhook.
    const client = await tenantClient(started.url, 'zuora-emulator-default-client-000001', 'zuora-emulator-default-secret');
    const templates = await client.get('/notifications/callout-templates');
    expect(JSON.stringify(templates.body)).toContain(`${syncUrl}/webhooks/zuora`);
    const exited = exitOf(started.child);
    started.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it("delivers the default tenant's callouts to the sync engine beside it, which answers them, and moves the engine with the tenant's clock", async () => {
    const started = await startCli(['--port', '0', '--sync-port', '0', '--in-memory']);
    const admin = adminClient(started.url, undefined, /admin token: (\S+)/.exec(started.output())?.[1]);
    const client = await tenantClient(started.url, 'zuora-emulator-default-client-000001', 'zuora-emulator-default-secret');
    const created = await client.post('/v2/accounts', accountBody({ name: 'Unknown to the platform' }));
    expect((await admin.post('/callouts/flush')).body).toMatchObject({ failed: 0, dropped: 0 });
    const { data } = (await admin.get('/callouts?event=1500')).body as { data: Array<{ objectId: string; status: string; attempts: Array<{ status: number; responseBody: string }> }> };
    const delivery = data.find((each) => each.objectId === created.body.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: [{ status: 200 }] });
    // The engine's own answer: the account is no platform customer of its.
    expect(JSON.parse(delivery?.attempts[0]?.responseBody ?? '{}')).toEqual({ applied: false, event: 'Customer', reason: `no platform customer for Zuora account ${created.body.id}` });
    // The advance waits for the engine's hourly work at each step of the clock.
    const advanced = await admin.post('/clock/advance', { by: 'P2D' });
    expect(advanced.status).toBe(200);
    const exited = exitOf(started.child);
    started.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('serves the Stripe dialect on its own port, named on a ready line with the default account and key', async () => {
    const started = await startCli(['--port', '0', '--in-memory', '--no-sync', '--stripe-port', '0']);
    const [, stripeUrl, account, key] = STRIPE_READY.exec(started.output()) ?? [];
    expect(stripeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stripeUrl).not.toMatch(/:0$/);
    const customers = await fetch(`${stripeUrl}/v1/customers`, { headers: { Authorization: `Bearer ${key}` } });
    expect(customers.status).toBe(200);
    expect(await customers.json()).toMatchObject({ object: 'list', data: [], url: '/v1/customers' });
    expect(account).toMatch(/^acct_/);
    const exited = exitOf(started.child);
    started.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad Stripe port', async () => {
    await expect(startCli(['--port', '0', '--in-memory', '--stripe-port', 'x'])).rejects.toThrow(/--stripe-port/);
  });

  it('leaves the sync engine out with --no-sync', async () => {
    const started = await startCli(['--port', '0', '--in-memory', '--no-sync']);
    expect(started.output()).not.toMatch(SYNC_READY);
    const exited = exitOf(started.child);
    started.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  // Threads and their priorities are read from /proc, which only Linux has.
  it.skipIf(!existsSync('/proc/self/task'))('serves first: V8\'s background threads run at the lowest priority, the main thread and the I/O threads at the normal one (Linux only)', async () => {
    const started = await startCli(['--port', '0', '--in-memory', '--no-sync']);
    const pid = started.child.pid as number;
    const client = await tenantClient(started.url, 'zuora-emulator-default-client-000001', 'zuora-emulator-default-secret');
    for (let i = 0; i < 200; i++) expect((await client.post('/v1/accounts', accountBody())).status).toBe(200);
    const threads = threadsOf(pid);
    const afterMain = threads.filter((thread) => thread.id > pid);
    // Node starts V8's pool (its task scheduler and four workers) before any JavaScript runs.
    const pool = afterMain.slice(0, 5);
    expect(threads.find((thread) => thread.id === pid)?.nice).toBe(0);
    expect(pool.map((thread) => thread.nice)).toEqual([19, 19, 19, 19, 19]);
    // They are the threads V8 compiled the request paths on.
    expect(pool.reduce((sum, thread) => sum + thread.cpuNs, 0)).toBeGreaterThan(0);
    const rest = afterMain.slice(5);
    expect(rest.length).toBeGreaterThanOrEqual(4);
    expect(rest.map((thread) => thread.nice)).toEqual(rest.map(() => 0));
  });

  it('prints a fresh admin token on the ready lines, and the admin API answers only to it', async () => {
    const started = await startCli(['--port', '0', '--in-memory', '--no-sync']);
    const token = /admin token: (\S+)/.exec(started.output())?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(24);
    expect((await fetch(`${started.url}/__emulator/clock`)).status).toBe(401);
    expect((await fetch(`${started.url}/__emulator/clock`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    started.child.kill('SIGTERM');
  });

  it('takes the admin token from --admin-token, else from ZUORA_EMULATOR_ADMIN_TOKEN', async () => {
    const flagged = await startCli(['--port', '0', '--in-memory', '--no-sync', '--admin-token', 'flag-token-1234'], { ZUORA_EMULATOR_ADMIN_TOKEN: 'env-token-5678' });
    expect(flagged.output()).toContain('admin token: flag-token-1234');
    flagged.child.kill('SIGTERM');
    const fromEnv = await startCli(['--port', '0', '--in-memory', '--no-sync'], { ZUORA_EMULATOR_ADMIN_TOKEN: 'env-token-5678' });
    expect(fromEnv.output()).toContain('admin token: env-token-5678');
    expect((await fetch(`${fromEnv.url}/__emulator/clock`, { headers: { Authorization: 'Bearer env-token-5678' } })).status).toBe(200);
    fromEnv.child.kill('SIGTERM');
  });

  it('opens the admin API with --admin-open', async () => {
    const started = await startCli(['--port', '0', '--in-memory', '--no-sync', '--admin-open']);
    expect((await fetch(`${started.url}/__emulator/clock`)).status).toBe(200);
    started.child.kill('SIGTERM');
  });

  it('refuses to listen beyond loopback without an admin token', async () => {
    await expect(startCli(['--port', '0', '--in-memory', '--no-sync', '--host', '0.0.0.0'], { ZUORA_EMULATOR_ADMIN_TOKEN: '' })).rejects.toThrow(
      /exited with 2[\s\S]*admin token/,
    );
  });

  it('through `npm start`: --port 0 picks both ports, and SIGTERM to npm frees both', async () => {
    // npm hands the signal to the script's shell, which has become the server through `exec`.
    const started = await startProcess('npm', ['start', '--', '--port', '0', '--in-memory']);
    const syncUrl = SYNC_READY.exec(started.output())?.[1] ?? '';
    expect(started.url).not.toMatch(/:(0|4010)$/);
    expect(syncUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(syncUrl).not.toMatch(/:(0|4020)$/);
    expect(await listening(started.url)).toBe(true);
    expect(await listening(syncUrl)).toBe(true);
    const exited = exitOf(started.child);
    started.child.kill('SIGTERM');
    await exited;
    expect(await listening(started.url)).toBe(false);
    expect(await listening(syncUrl)).toBe(false);
  });
});
