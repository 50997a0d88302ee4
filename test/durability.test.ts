import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFile, mkdtemp, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pendingJobs } from '../emulator/clock/jobs.js';
import { calloutJournal } from '../emulator/events/dispatcher.js';
import { startEmulator } from '../emulator/index.js';
import { DISK_IO, Journal, type JournalIo } from '../emulator/state/journal.js';
import { DataDirLockedError } from '../emulator/state/dataDir.js';
import { Store } from '../emulator/state/store.js';
import { createTenant } from '../emulator/state/tenants.js';
import { supportAccount } from './helpers/billedAccount.js';
import { createTestCatalog } from './helpers/catalog.js';
import { accountBody, adminClient, request, tenantClient, type TenantClient } from './helpers/emulator.js';
import { useReceiver } from './helpers/receiver.js';

// Nothing acknowledged is lost and nothing is done twice: a request's work, its idempotency record
// and its callouts are one journal record; a torn or failed write is cut and rolled back; one
// process holds a data directory. Crashes are real: a child process killed with SIGKILL.

const BIN = fileURLToPath(new URL('../bin/zuora-emulator.js', import.meta.url));
const READY = /^zuora-emulator listening on (http:\/\/\S+)$/m;
const ADMIN_TOKEN = 'durability-admin-token';
const CLIENT = { id: 'zuora-emulator-default-client-000001', secret: 'zuora-emulator-default-secret' };

let dataDir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'zuora-emulator-durability-'));
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

interface Child {
  process: ChildProcess;
  url: string;
  output: () => string;
}

/** `zuora-emulator start` on the test's data directory, in a process of its own that a test may kill -9. */
function startChild(args: readonly string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--no-sync', '--data-dir', dataDir, '--admin-token', ADMIN_TOKEN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match?.[1]) resolve({ process: child, url: match[1], output: () => output });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
  });
}

function kill(child: Child): Promise<void> {
  return new Promise((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}

/** An idempotent account create; undefined when the process died before answering. */
async function createWithKey(zuora: TenantClient, url: string, key: string): Promise<{ status: number; id?: string } | undefined> {
  try {
    const answer = await request(`${url}/v2/accounts`, 'POST', accountBody({ name: `Keyed ${key}` }), {
      Authorization: `Bearer ${zuora.token}`,
      'Idempotency-Key': key,
    });
    return { status: answer.status, id: answer.body?.id };
  } catch {
    return undefined;
  }
}

describe('a crash in the middle of idempotent creates', () => {
  it('leaves, after retrying every key, each account exactly once and every acknowledged one as answered', async () => {
    const first = await startChild();
    const zuora = await tenantClient(first.url, CLIENT.id, CLIENT.secret);
    const keys = Array.from({ length: 60 }, (_, index) => `create-${index}`);
    const answers = new Map<string, string>();
    let killed: Promise<void> | undefined;
    await Promise.all(
      keys.map(async (key) => {
        const answer = await createWithKey(zuora, first.url, key);
        if (answer?.status === 201 && answer.id) answers.set(key, answer.id);
        // Die once a third are answered, with the rest in every stage of being handled.
        if (answers.size === 20) killed ??= kill(first);
      }),
    );
    await killed;

    const second = await startChild();
    const again = await tenantClient(second.url, CLIENT.id, CLIENT.secret);
    for (const key of keys) {
      const answer = await createWithKey(again, second.url, key);
      expect(answer?.status, key).toBe(201);
      if (answers.has(key)) expect(answer?.id, `${key} was acknowledged`).toBe(answers.get(key));
    }
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await again.get(`/v2/accounts?page_size=99${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      names.push(...page.body.data.map((account: { name: string }) => account.name));
      cursor = page.body.next_page ?? undefined;
    } while (cursor);
    expect(names.sort()).toEqual(keys.map((key) => `Keyed ${key}`).sort());
    await kill(second);
  });
});

/** A callout, retried on failure, posting `params` to `url` on every standard event of `eventCategory`. */
async function categoryCallout(zuora: TenantClient, eventCategory: number, url: string, params: Record<string, string>): Promise<void> {
  const template = await zuora.post('/notifications/callout-templates', { name: `On ${eventCategory}`, eventCategory, calloutBaseurl: url, httpMethod: 'POST', calloutParams: params, calloutRetry: true, active: true });
  await zuora.post('/notifications/notification-definitions', { name: `Event ${eventCategory}`, eventCategory, active: true, calloutActive: true, calloutTemplateIds: [template.body.id] });
}

describe('callouts across a crash', () => {
  const receiver = useReceiver();

  it('delivers, after a restart, every callout an acknowledged change raised', async () => {
    receiver.reset();
    const first = await startChild();
    const zuora = await tenantClient(first.url, CLIENT.id, CLIENT.secret);
    await categoryCallout(zuora, 1500, `${receiver.url}/accounts`, { Id: '<Account.ID>', Name: '<Account.Name>' });
    // The receiver is down while the updates are made, so every callout is still owed at the crash.
    receiver.script = Array.from({ length: 100 }, () => 503);
    const { body: account } = await zuora.post('/v2/accounts', accountBody({ name: 'Renamed 0' }));
    const acknowledged: string[] = [];
    for (let index = 1; index <= 20; index += 1) {
      const renamed = await zuora.patch(`/v2/accounts/${account.id}`, { name: `Renamed ${index}` });
      if (renamed.status === 200) acknowledged.push(`Renamed ${index}`);
    }
    expect(acknowledged).toHaveLength(20);
    await kill(first);

    receiver.script = [];
    const second = await startChild();
    const admin = adminClient(second.url, undefined, ADMIN_TOKEN);
    // The first attempts failed before the crash; their retries are due on the clock.
    await admin.post('/callouts/flush');
    const delivered = new Set(receiver.at('/accounts').filter((_, index) => index >= 0).map((hit) => (hit.body as { Name: string }).Name));
    for (const name of acknowledged) expect(delivered, name).toContain(name);
    const journal = (await admin.get('/callouts')).body.data as Array<{ status: string; attempts: Array<{ status: number | null }> }>;
    expect(journal.filter((delivery) => delivery.status !== 'delivered')).toEqual([]);
    await kill(second);
  });
});

/** Two support accounts ($50 a month from 2026-01-01, billed on the 1st) whose invoices are called out to the receiver. */
async function billedTenant(zuora: TenantClient, receiverUrl: string): Promise<string[]> {
  // Standard event 1110: an invoice is posted.
  await categoryCallout(zuora, 1110, `${receiverUrl}/invoices`, { Id: '<Invoice.ID>' });
  const catalog = await createTestCatalog(zuora);
  const accounts: string[] = [];
  for (const name of ['First', 'Second']) accounts.push((await supportAccount(zuora, catalog, '2026-01-01', { overrides: { name } })).account.account_number);
  return accounts;
}

/** What an advance leaves that a user reads back: the clock, the jobs still due, every delivery with its attempts, each account's invoices. */
async function advanceOutcome(url: string, zuora: TenantClient, accounts: readonly string[]) {
  const admin = adminClient(url, undefined, ADMIN_TOKEN);
  const invoices: Record<string, unknown> = {};
  for (const account of accounts) {
    invoices[account] = ((await zuora.get(`/v1/transactions/invoices/accounts/${account}`)).body.invoices as Array<{ invoiceDate: string; amount: number; status: string }>).map(({ invoiceDate, amount, status }) => ({ invoiceDate, amount, status }));
  }
  return { clock: (await admin.get('/clock')).body, jobs: (await admin.get('/jobs')).body, callouts: (await admin.get('/callouts')).body.data, invoices };
}

describe('an advance on a data directory', () => {
  const receiver = useReceiver();

  it('answers once all its work is on disk: killed right after, the restart has every job it ran and every callout as it went', async () => {
    receiver.reset();
    const first = await startChild(['--now', '2026-01-01T00:00:00Z']);
    const zuora = await tenantClient(first.url, CLIENT.id, CLIENT.secret);
    const accounts = await billedTenant(zuora, receiver.url);
    // The receiver fails one attempt, so a retry is waiting on the clock too.
    receiver.script = [500];
    const advanced = await adminClient(first.url, undefined, ADMIN_TOKEN).post('/clock/advance', { by: 'P3M' });
    expect(advanced.status).toBe(200);
    const answered = await advanceOutcome(first.url, zuora, accounts);
    await kill(first);

    const second = await startChild();
    const again = await tenantClient(second.url, CLIENT.id, CLIENT.secret);
    expect(await advanceOutcome(second.url, again, accounts)).toEqual(answered);
    expect(answered.clock.now).toBe('2026-04-01T00:00:00.000Z');
    // Three monthly invoices for each account, each called out; the one refused attempt was retried on the way.
    const deliveries = answered.callouts as Array<{ status: string; attempts: unknown[] }>;
    expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(6).fill('delivered'));
    expect(deliveries.flatMap((delivery) => delivery.attempts)).toHaveLength(7);
    expect(receiver.at('/invoices')).toHaveLength(7);
    await kill(second);
  });

  it('runs the bill runs of one day in groups of 32 that share a disk flush, each group called out before the next runs', async () => {
    const emulator = await startEmulator({ dataDir, port: 0, now: '2026-01-01T00:00:00.000Z', adminToken: ADMIN_TOKEN });
    const admin = adminClient(emulator.url, undefined, ADMIN_TOKEN);
    // A receiver that, at the first callout of each group, calls back: how many of February's bill runs are still due.
    const dueAtCallout: number[] = [];
    const numbers: string[] = [];
    const calling = createServer((incoming, response) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', async () => {
        numbers.push((JSON.parse(text) as { Number: string }).Number);
        if (numbers.length === 1 || numbers.length === 33) {
          const due = (await admin.get('/jobs')).body.data as Array<{ kind: string; dueAt: string }>;
          dueAtCallout.push(due.filter((job) => job.kind === 'billing.billRun' && job.dueAt.startsWith('2026-02-01')).length);
        }
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => calling.listen(0, '127.0.0.1', resolve));
    try {
      const zuora = await tenantClient(emulator.url, emulator.credentials.clientId, emulator.credentials.clientSecret);
      const url = `http://127.0.0.1:${(calling.address() as AddressInfo).port}/invoices`;
      await categoryCallout(zuora, 1110, url, { Id: '<Invoice.ID>', Number: '<Invoice.InvoiceNumber>' });
      const catalog = await createTestCatalog(zuora);
      for (let index = 0; index < 40; index += 1) await supportAccount(zuora, catalog, '2026-01-01');
      const store = emulator.services.store;
      const before = store.stats();
      const advanced = await admin.post('/clock/advance', { by: 'P1M' });
      expect(advanced.status).toBe(200);
      const bills = (advanced.body.ran as Array<{ kind: string; outcome: string }>).filter((job) => job.kind === 'billing.billRun');
      expect(bills.map((job) => job.outcome)).toEqual(Array(40).fill('done'));
      // A flush per job took 41 here; now a flush per group of bill runs, and a few for the records of
      // their callouts' attempts (which wait a few milliseconds for a write to share).
      expect(store.stats().flushes - before.flushes).toBeLessThan(20);
      // Every callout before the answer, in commit order: the first group's while the second group's 8
      // bill runs were due, the second group's once they had run.
      expect(numbers).toHaveLength(40);
      expect(numbers).toEqual([...numbers].sort());
      expect(dueAtCallout).toEqual([8, 0]);
      expect(calloutJournal(store.view(emulator.credentials.clientId)).map((delivery) => delivery.status)).toEqual(Array(40).fill('delivered'));
    } finally {
      calling.close();
      await emulator.close();
    }
  });

  it('on a slow disk, answers only once the files hold all it did: a copy of the directory taken at the answer has every job and attempt', async () => {
    receiver.reset();
    // Each write takes a few milliseconds, so a record still on its way at the answer would be missing from the copy.
    const slowDisk: JournalIo = { write: async (handle, chunk, position) => new Promise((resolve, reject) => setTimeout(() => DISK_IO.write(handle, chunk, position).then(resolve, reject), 5)) };
    const emulator = await startEmulator({ dataDir, port: 0, journalIo: slowDisk, now: '2026-01-01T00:00:00.000Z', adminToken: ADMIN_TOKEN });
    const copy = await mkdtemp(path.join(tmpdir(), 'zuora-emulator-durability-copy-'));
    const tenant = emulator.credentials.clientId;
    /** What the state holds of the advance's work: the clock, the jobs still due, each delivery's status and attempts. */
    const workOf = (store: Store) => {
      const view = store.view(tenant);
      return { now: view.now().toISOString(), due: [...pendingJobs(view)].map((job) => job.id), deliveries: calloutJournal(view).map((delivery) => [delivery.id, delivery.status, delivery.attempts.length]) };
    };
    try {
      const zuora = await tenantClient(emulator.url, emulator.credentials.clientId, emulator.credentials.clientSecret);
      await billedTenant(zuora, receiver.url);
      const answer = await adminClient(emulator.url, undefined, ADMIN_TOKEN).post('/clock/advance', { by: 'P3M' });
      // At once, before the event loop lets any write on its way finish.
      const answered = workOf(emulator.services.store);
      cpSync(dataDir, copy, { recursive: true });
      expect(answer.status).toBe(200);
      expect(answered.deliveries.filter(([, status]) => status === 'delivered')).toHaveLength(6);
      const reopened = await Store.open({ dataDir: copy, warn: () => undefined });
      expect(workOf(reopened)).toEqual(answered);
      await reopened.close();
    } finally {
      await emulator.close();
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('answers 503 when a write fails on the way, loses nothing durable, and a second advance goes on from there to the same end', async () => {
    receiver.reset();
    const disk = fillableDisk();
    const warnings = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let accounts: string[] = [];
    let outcome: Awaited<ReturnType<typeof advanceOutcome>> | undefined;
    const emulator = await startEmulator({ dataDir, port: 0, journalIo: disk.io, now: '2026-01-01T00:00:00.000Z', adminToken: ADMIN_TOKEN });
    try {
      const zuora = await tenantClient(emulator.url, emulator.credentials.clientId, emulator.credentials.clientSecret);
      const admin = adminClient(emulator.url, undefined, ADMIN_TOKEN);
      accounts = await billedTenant(zuora, receiver.url);
      // The disk fills after the advance's first write (February's bill runs). The write that fails holds
      // the records of February's callout attempts, which did not wait for the disk, and most often
      // March's bill runs with them.
      disk.fullAfterWrites = 1;
      const refused = await admin.post('/clock/advance', { by: 'P3M' });
      expect(refused.status).toBe(503);
      expect(refused.body.error.message).toMatch(/^a write failed during the advance \(.*ENOSPC.*\); the clock stands at 2026-.* advance again to go on$/);
      expect((await admin.get('/clock')).body.now < '2026-04-01T00:00:00.000Z').toBe(true);

      disk.full = false;
      const resumed = await admin.post('/clock/advance', { to: '2026-04-01T00:00:00.000Z' });
      expect(resumed.status).toBe(200);
      outcome = await advanceOutcome(emulator.url, zuora, accounts);
      // Every bill run ran once: three months of invoices per account, none twice.
      for (const account of accounts) {
        expect((outcome.invoices[account] as Array<{ invoiceDate: string }>).map((invoice) => invoice.invoiceDate).sort()).toEqual(['2026-02-01', '2026-03-01', '2026-04-01']);
      }
      expect(outcome.callouts.filter((delivery: { status: string }) => delivery.status !== 'delivered')).toEqual([]);
      // A delivery whose attempt's record was lost is sent again: at least once, as Zuora's retries are.
      const sent = new Set(receiver.at('/invoices').map((hit) => (hit.body as { Id: string }).Id));
      expect(sent.size).toBe(6);
    } finally {
      await emulator.close();
      warnings.mockRestore();
    }
    const reopened = await startEmulator({ dataDir, port: 0, adminToken: ADMIN_TOKEN });
    try {
      const zuora = await tenantClient(reopened.url, reopened.credentials.clientId, reopened.credentials.clientSecret);
      expect(await advanceOutcome(reopened.url, zuora, accounts)).toEqual(outcome);
    } finally {
      await reopened.close();
    }
  });
});

describe('the outbox rule', () => {
  it("sends a callout only once the commit that stored it is on disk, though the lane reaches it while another request's write is still under way", async () => {
    // A disk that is slow for the rename's write alone; the test hears when that write starts and when it is done.
    const events: string[] = [];
    let renameWriteStarted: () => void = () => undefined;
    const renameWriting = new Promise<void>((resolve) => (renameWriteStarted = resolve));
    const slowForRename: JournalIo = {
      write: async (handle, chunk, position) => {
        if (!chunk.includes('Second name')) return DISK_IO.write(handle, chunk, position);
        renameWriteStarted();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await DISK_IO.write(handle, chunk, position);
        events.push('rename on disk');
      },
    };
    const emulator = await startEmulator({ dataDir, port: 0, journalIo: slowForRename, adminToken: ADMIN_TOKEN });
    const zuora = await tenantClient(emulator.url, emulator.credentials.clientId, emulator.credentials.clientSecret);
    let renamed: Promise<unknown> | undefined;
    let accountId = '';
    // While the first callout is being answered, the account is renamed: the lane, done with the
    // first, finds the rename's delivery in memory with its write still under way.
    const receiver = createServer((incoming, answer) => {
      let body = '';
      incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
      incoming.on('end', async () => {
        const { Name } = JSON.parse(body) as { Name: string };
        events.push(`callout ${Name}`);
        if (Name === 'First name') {
          renamed = zuora.patch(`/v2/accounts/${accountId}`, { name: 'Second name' });
          await renameWriting;
        }
        answer.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      await categoryCallout(zuora, 1500, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/accounts`, { Name: '<Account.Name>' });
      accountId = (await zuora.post('/v2/accounts', accountBody({ name: 'First name' }))).body.id;
      await vi.waitFor(() => expect(events).toContain('callout Second name'));
      expect((await renamed) as { status: number }).toMatchObject({ status: 200 });
      expect(events).toEqual(['callout First name', 'rename on disk', 'callout Second name']);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await emulator.close();
    }
  });
});

describe('the token secret', () => {
  it('is on disk before the first token is issued, so a token outlives a crash right after it', async () => {
    const first = await startChild();
    const zuora = await tenantClient(first.url, CLIENT.id, CLIENT.secret);
    await kill(first);
    const second = await startChild();
    const read = await request(`${second.url}/v2/accounts`, 'GET', undefined, { Authorization: `Bearer ${zuora.token}` });
    expect(read.status).toBe(200);
    await kill(second);
  });
});

describe('a torn journal', () => {
  it('is cut at its last good record on start, with a warning naming the bytes, and written on cleanly after', async () => {
    const first = await startChild();
    const zuora = await tenantClient(first.url, CLIENT.id, CLIENT.secret);
    const kept = await zuora.post('/v2/accounts', accountBody({ name: 'Before the tear' }));
    await kill(first);
    const journal = path.join(dataDir, 'journal.ndjson');
    const torn = `${Journal.frame([{ path: ['tenants', CLIENT.id, 'objects', 'Account', 'x'], value: { id: 'x' } }])}`.slice(0, 40);
    // Where the next write would have gone: after the last record, into the zeros the journal keeps
    // written there (a crash tore it).
    const bytes = await readFile(journal);
    const recordsEnd = bytes.lastIndexOf(0x0a) + 1;
    expect(bytes.subarray(recordsEnd).every((byte) => byte === 0)).toBe(true);
    const file = await open(journal, 'r+');
    await file.write(torn, recordsEnd);
    await file.close();

    const second = await startChild();
    expect(second.output()).toContain(`cut a torn last record (${torn.length} bytes)`);
    const again = await tenantClient(second.url, CLIENT.id, CLIENT.secret);
    expect((await again.get(`/v2/accounts/${kept.body.id}`)).body.name).toBe('Before the tear');
    const after = await again.post('/v2/accounts', accountBody({ name: 'After the tear' }));
    await kill(second);

    const third = await startChild();
    const last = await tenantClient(third.url, CLIENT.id, CLIENT.secret);
    expect((await last.get(`/v2/accounts/${after.body.id}`)).body.name).toBe('After the tear');
    expect(third.output()).not.toContain('torn');
    await kill(third);
  });

  it('torn by a power cut inside its room, a later part of the write kept and an earlier one lost, is cut where the write began', async () => {
    const store = await Store.open({ dataDir });
    await createTenant(store, { clientId: 't', clientSecret: 's' }, new Date());
    await store.transact('t', (tx) => tx.insert('Note', { id: 'kept' }));
    const journal = path.join(dataDir, 'journal.ndjson');
    const recordsEnd = (await readFile(journal)).lastIndexOf(0x0a) + 1;
    // The write began at the end of the records; its first 4 KiB never reached the disk, its last two records did.
    const lastPart = Buffer.concat(['lost', 'lost too'].map((id) => Journal.frame([{ path: ['tenants', 't', 'objects', 'Note', id], value: { id } }])));
    const file = await open(journal, 'r+');
    await file.write(lastPart, 0, lastPart.length, recordsEnd + 4096);
    await file.close();
    await writeFile(path.join(dataDir, 'lock'), '999999999\n');
    const warnings: string[] = [];
    const reopened = await Store.open({ dataDir, warn: (message) => warnings.push(message) });
    expect(reopened.view('t').all<{ id: string }>('Note').map((note) => note.id)).toEqual(['kept']);
    expect(warnings.join('\n')).toContain(`cut a torn last record (${lastPart.length} bytes)`);
    await reopened.close();
  });

  it('with a damaged record in the middle is refused rather than guessed at', async () => {
    const store = await Store.open({ dataDir });
    await createTenant(store, { clientId: 't', clientSecret: 's' }, new Date());
    await store.transact('t', (tx) => tx.insert('Note', { id: tx.newId() }));
    await store.transact('t', (tx) => tx.insert('Note', { id: tx.newId() }));
    await store.commit([]);
    const journal = path.join(dataDir, 'journal.ndjson');
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[0] = lines[0]?.replace('"t"', '"T"') ?? '';
    await writeFile(journal, lines.join('\n'));
    await writeFile(path.join(dataDir, 'lock'), '999999999\n');
    await expect(Store.open({ dataDir, warn: () => undefined })).rejects.toThrow(/damaged/);
  });
});

/**
 * A disk that fills up on demand: the write puts half its bytes down, then fails with ENOSPC. Full at
 * once, or after `fullAfterWrites` more writes.
 */
function fillableDisk(): { io: JournalIo; full: boolean; fullAfterWrites?: number } {
  const disk: { io: JournalIo; full: boolean; fullAfterWrites?: number } = {
    full: false,
    io: {
      write: async (handle: FileHandle, chunk: Buffer, position: number) => {
        if (disk.fullAfterWrites !== undefined) {
          disk.fullAfterWrites -= 1;
          if (disk.fullAfterWrites < 0) {
            disk.full = true;
            disk.fullAfterWrites = undefined;
          }
        }
        if (!disk.full) return DISK_IO.write(handle, chunk, position);
        await handle.write(chunk, 0, Math.floor(chunk.length / 2), position);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    } satisfies JournalIo,
  };
  return disk;
}

describe('a full disk', () => {
  it("answers the dialect's 5xx, rolls the change back in memory, keeps serving reads, and the directory starts again", async () => {
    const disk = fillableDisk();
    const warnings = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const emulator = await startEmulator({ dataDir, port: 0, journalIo: disk.io });
    try {
      const zuora = await tenantClient(emulator.url, emulator.credentials.clientId, emulator.credentials.clientSecret);
      const kept = await zuora.post('/v2/accounts', accountBody({ name: 'Kept' }));
      disk.full = true;
      const refused = await zuora.post('/v2/accounts', accountBody({ name: 'No room' }));
      expect(refused.status).toBe(503);
      expect(refused.body).toEqual({ type: 'service_unavailable', errors: [], retryable: true });
      const v1 = await zuora.post('/v1/orders', { orderDate: '2026-01-15', existingAccountNumber: kept.body.account_number, subscriptions: [] });
      expect(v1.status).toBe(503);
      expect(v1.body).toMatchObject({ success: false, reasons: [{ code: 50000061 }] });

      // Reads go on, and nothing of the refused writes is visible.
      const list = await zuora.get('/v2/accounts');
      expect(list.status).toBe(200);
      expect(list.body.data.map((account: { name: string }) => account.name)).toEqual(['Kept']);
      disk.full = false;
      const next = await zuora.post('/v2/accounts', accountBody({ name: 'After' }));
      expect(next.status).toBe(201);
      // The refused create took no number: numbering goes on from the last durable one.
      expect(next.body.account_number).toBe('A00000002');
    } finally {
      await emulator.close();
      warnings.mockRestore();
    }
    const reopened = await startEmulator({ dataDir, port: 0 });
    try {
      const zuora = await tenantClient(reopened.url, reopened.credentials.clientId, reopened.credentials.clientSecret);
      expect((await zuora.get('/v2/accounts')).body.data.map((account: { name: string }) => account.name)).toEqual(['Kept', 'After']);
    } finally {
      await reopened.close();
    }
  });

  it('leaves no half record behind after a failed write, even without a restart', async () => {
    const disk = fillableDisk();
    const store = await Store.open({ dataDir, journalIo: disk.io, warn: () => undefined });
    await createTenant(store, { clientId: 't', clientSecret: 's' }, new Date());
    const journal = path.join(dataDir, 'journal.ndjson');
    // The records, without the zeros the journal keeps written after them to write into.
    const records = async (): Promise<Buffer> => {
      const bytes = await readFile(journal);
      const room = bytes.indexOf(0);
      return room === -1 ? bytes : bytes.subarray(0, room);
    };
    const before = await records();
    disk.full = true;
    await expect(store.transact('t', (tx) => tx.insert('Note', { id: tx.newId() }))).rejects.toThrow(/could not be saved/);
    expect(await records()).toEqual(before);
    expect(store.view('t').all('Note')).toEqual([]);
    disk.full = false;
    await store.transact('t', (tx) => tx.insert('Note', { id: tx.newId() }));
    await store.close();
  });
});

describe('a crash while the snapshot is being written', () => {
  it('loses nothing: the records set aside for it are replayed before the journal, and folded in at start', async () => {
    const first = await Store.open({ dataDir });
    await createTenant(first, { clientId: 't', clientSecret: 's' }, new Date());
    for (let index = 1; index <= 5; index += 1) await first.transact('t', (tx) => tx.insert('Note', { id: tx.newId(), index }));
    await first.close();
    const second = await Store.open({ dataDir });
    for (let index = 6; index <= 8; index += 1) await second.transact('t', (tx) => tx.insert('Note', { id: tx.newId(), index }));
    // As the store does when the journal is due for folding: its records move aside and a new journal starts...
    await rename(path.join(dataDir, 'journal.ndjson'), path.join(dataDir, 'journal.folding.ndjson'));
    await writeFile(
      path.join(dataDir, 'journal.ndjson'),
      Journal.frame([{ path: ['tenants', 't', 'objects', 'Note', 'n9'], value: { id: 'n9', index: 9 } }]),
    );
    // ...and the process dies before the new snapshot is renamed into place.
    await writeFile(path.join(dataDir, 'lock'), '999999999\n');
    const third = await Store.open({ dataDir, warn: () => undefined });
    expect(third.view('t').all<{ index: number }>('Note').map((note) => note.index).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await expect(stat(path.join(dataDir, 'journal.folding.ndjson'))).rejects.toThrow();
    await third.close();
  });

  it('folds a growing journal in the background while commits go on, losing none', async () => {
    const store = await Store.open({ dataDir, compactAfterBytes: 4096 });
    await createTenant(store, { clientId: 't', clientSecret: 's' }, new Date());
    await Promise.all(Array.from({ length: 400 }, (_, index) => store.transact('t', (tx) => tx.insert('Note', { id: tx.newId(), index }))));
    // Once at start (the first snapshot), then in the background as the journal grew.
    await vi.waitFor(() => expect(store.stats().compactions).toBeGreaterThan(1));
    await store.close();
    const reopened = await Store.open({ dataDir });
    expect(reopened.view('t').all('Note')).toHaveLength(400);
    await reopened.close();
  });
});

describe('one process per data directory', () => {
  it('refuses a second emulator on a directory another process is using, naming the holder', async () => {
    const holder = await startChild();
    await expect(Store.open({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(Store.open({ dataDir })).rejects.toThrow(`in use by process ${holder.process.pid}`);
    await kill(holder);
  });

  it('takes over the lock of a process that died, with a warning', async () => {
    const first = await startChild();
    await kill(first);
    expect(await readFile(path.join(dataDir, 'lock'), 'utf8')).toBe(`${first.process.pid}\n`);
    const second = await startChild();
    expect(second.output()).toContain(`taking over the lock of ${dataDir} from process ${first.process.pid}`);
    await kill(second);
  });
});

describe('journal operations through prototype names', () => {
  it('are skipped on start with a warning, and touch no prototype', async () => {
    const store = await Store.open({ dataDir });
    await createTenant(store, { clientId: 't', clientSecret: 's' }, new Date());
    await store.close();
    await appendFile(path.join(dataDir, 'journal.ndjson'), Journal.frame([{ path: ['snapshots', '__proto__', 'polluted'], value: { yes: true } }]));
    const warnings: string[] = [];
    const reopened = await Store.open({ dataDir, warn: (message) => warnings.push(message) });
    expect(warnings.join('\n')).toMatch(/skipped 1 journal operation/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(reopened.tenant('t')).toBeDefined();
    await reopened.close();
  });
});

describe('lock contention', () => {
  it("with the setting on, the clock's own jobs never contend with each other: two scheduled orders on one subscription run on one day", async () => {
    const emulator = await startEmulator({ dataDir, port: 0, now: '2026-01-15T00:00:00.000Z', adminToken: ADMIN_TOKEN });
    try {
      const zuora = await tenantClient(emulator.url, emulator.credentials.clientId, emulator.credentials.clientSecret);
      const admin = adminClient(emulator.url, undefined, ADMIN_TOKEN);
      const catalog = await createTestCatalog(zuora);
      const { account, subscriptionNumber } = await supportAccount(zuora, catalog, '2026-01-15');
      const scheduleAddPro = () =>
        zuora.post('/v1/orders', {
          orderDate: '2026-01-15',
          existingAccountNumber: account.account_number,
          status: 'Scheduled',
          schedulingOptions: { scheduledDate: '2026-02-01', scheduledDatePolicy: 'SpecificDate' },
          subscriptions: [{ subscriptionNumber, orderActions: [{ type: 'AddProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-02-01' }], addProduct: { productRatePlanId: catalog.pro.planId } }] }],
        });
      const orders = [(await scheduleAddPro()).body.orderNumber, (await scheduleAddPro()).body.orderNumber];
      await admin.patch('/settings', { lockContention: 'on' });

      const advanced = await admin.post('/clock/advance', { to: '2026-02-02T00:00:00Z' });
      expect(advanced.status).toBe(200);
      const scheduled = (advanced.body.ran as Array<{ kind: string; outcome: string; error?: string }>).filter((job) => job.kind.startsWith('order.'));
      // A job that failed shows its error in place of its outcome.
      expect(scheduled.map(({ outcome, error }) => error ?? outcome)).toEqual(['done', 'done']);
      for (const orderNumber of orders) expect((await zuora.get(`/v1/orders/${orderNumber}`)).body.order.status).toBe('Completed');
    } finally {
      await emulator.close();
    }
  });

  it('with the setting on, a second change to a subscription while the first is being saved answers category 50', async () => {
    // A disk that holds a write until the test lets it go, so a change stays in flight.
    const gate: { holding: boolean; release?: () => void } = { holding: false };
    const releaseWrite = (): void => gate.release?.();
    const slowDisk: JournalIo = {
      write: async (handle, chunk, position) => {
        if (gate.holding) await new Promise<void>((resolve) => (gate.release = resolve));
        return DISK_IO.write(handle, chunk, position);
      },
    };
    const emulator = await startEmulator({ dataDir, port: 0, journalIo: slowDisk, now: '2026-01-15T00:00:00.000Z' });
    try {
      const zuora = await tenantClient(emulator.url, emulator.credentials.clientId, emulator.credentials.clientSecret);
      const admin = adminClient(emulator.url, undefined, emulator.adminToken);
      const catalog = await createTestCatalog(zuora);
      const { body: account } = await zuora.post('/v2/accounts', accountBody());
      const created = await zuora.post('/v1/orders', {
        orderDate: '2026-01-15',
        existingAccountNumber: account.account_number,
        subscriptions: [
          {
            orderActions: [
              { type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.pro.planId }] } },
            ],
          },
        ],
      });
      const number = created.body.subscriptionNumbers[0] as string;
      const addSupport = () =>
        zuora.post('/v1/orders', {
          orderDate: '2026-01-15',
          existingAccountNumber: account.account_number,
          subscriptions: [{ subscriptionNumber: number, orderActions: [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }] }],
        });

      await admin.patch('/settings', { lockContention: 'on' });
      gate.holding = true;
      const first = addSupport();
      await vi.waitFor(() => expect(gate.release).toBeDefined());
      gate.holding = false;
      const second = await addSupport();
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ success: false, reasons: [{ code: 53100050 }] });
      releaseWrite();
      expect((await first).body.success).toBe(true);

      await admin.patch('/settings', { lockContention: 'off' });
      gate.release = undefined;
      gate.holding = true;
      const third = addSupport();
      await vi.waitFor(() => expect(gate.release).toBeDefined());
      gate.holding = false;
      const fourth = addSupport();
      releaseWrite();
      expect((await third).body.success).toBe(true);
      expect((await fourth).body.success).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});
