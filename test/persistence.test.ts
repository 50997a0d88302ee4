import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import { Store } from '../emulator/state/store.js';
import { createTenant } from '../emulator/state/tenants.js';
import { accountBody, adminClient, request, tenantClient } from './helpers/emulator.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'zuora-emulator-test-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function storeWithTenant(options: { compactAfterBytes?: number } = {}): Promise<Store> {
  const store = await Store.open({ dataDir, ...options });
  await createTenant(store, { clientId: 't', clientSecret: 's', now: '2026-01-01T00:00:00Z' }, new Date());
  return store;
}

/** What a process that died leaves behind for the next: its files, and a lock naming a pid that is gone. */
async function leftByDeadProcess(): Promise<void> {
  await writeFile(path.join(dataDir, 'lock'), '999999999\n');
}

function insertNote(store: Store, index: number): Promise<unknown> {
  return store.transact('t', (tx) => tx.insert('Note', { id: tx.newId(), index }));
}

describe('durable store', () => {
  it('lets concurrent commits share fsyncs and keeps every one of them', async () => {
    const store = await storeWithTenant();
    const before = store.stats();
    await Promise.all(Array.from({ length: 200 }, (_, index) => insertNote(store, index)));
    const after = store.stats();
    expect(after.commits - before.commits).toBe(200);
    // Group commit: while one write+fsync is in flight the rest queue for the next one.
    expect(after.flushes - before.flushes).toBeLessThan(50);
    await store.close();

    const reopened = await Store.open({ dataDir });
    const indexes = reopened.view('t').all<{ index: number }>('Note').map((note) => note.index);
    expect(indexes).toEqual(Array.from({ length: 200 }, (_, index) => index));
    await reopened.close();
  });

  it('replays the journal after a crash that skipped the final compaction', async () => {
    const store = await storeWithTenant();
    for (let index = 0; index < 5; index += 1) await insertNote(store, index);
    // No close(): the process "dies" with everything only in the journal.
    await leftByDeadProcess();
    const recovered = await Store.open({ dataDir });
    expect(recovered.view('t').all('Note')).toHaveLength(5);
    await recovered.close();
  });

  it('ignores a torn last journal line, which was never acknowledged', async () => {
    const store = await storeWithTenant();
    await insertNote(store, 1);
    await appendFile(path.join(dataDir, 'journal.ndjson'), '[{"path":["tenants","t","obj');
    await leftByDeadProcess();
    const recovered = await Store.open({ dataDir });
    expect(recovered.view('t').all('Note')).toHaveLength(1);
    await recovered.close();
  });

  it('folds the journal into the JSON snapshot as it grows, losing nothing', async () => {
    const store = await storeWithTenant({ compactAfterBytes: 2048 });
    for (let index = 0; index < 300; index += 1) await insertNote(store, index);
    const stats = store.stats();
    expect(stats.compactions).toBeGreaterThan(0);
    expect(stats.journalBytes).toBeLessThan(300 * 100);
    const snapshot = JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8'));
    expect(Object.keys(snapshot.tenants.t.objects.Note).length).toBeGreaterThan(0);

    await store.close();
    const reopened = await Store.open({ dataDir });
    expect(reopened.view('t').all('Note')).toHaveLength(300);
    await reopened.close();
  });

  it('puts folding off while a burst of work asks it to (an advance), then folds once, losing nothing', async () => {
    const store = await storeWithTenant({ compactAfterBytes: 4096 });
    const { compactions } = store.stats();
    const foldNow = store.foldLater();
    // Some 14 KiB of journal: over three times the size that folds it, under the four that would fold it anyway.
    const bulky = 'x'.repeat(1000);
    for (let index = 0; index < 12; index += 1) await store.transact('t', (tx) => tx.insert('Note', { id: tx.newId(), index, bulky }));
    expect(store.stats().journalBytes).toBeGreaterThan(3 * 4096);
    expect(store.stats().compactions).toBe(compactions);

    foldNow();
    await store.settled();
    expect(store.stats()).toMatchObject({ compactions: compactions + 1, journalBytes: 0 });
    const snapshot = JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8'));
    expect(Object.keys(snapshot.tenants.t.objects.Note)).toHaveLength(12);
    await store.close();
  });

  it('keeps what changed while a snapshot was being written, updates and deletions too, across a crash', async () => {
    const store = await storeWithTenant({ compactAfterBytes: 1024 });
    // Notes large enough that a snapshot is written in several chunks, with commits landing between them.
    const bulky = 'x'.repeat(8000);
    for (let index = 0; index < 100; index += 1) await store.transact('t', (tx) => tx.insert('Note', { id: tx.newId(), index, bulky }));
    const ids = store.view('t').all<{ id: string }>('Note').map((note) => note.id);
    // Concurrent commits: snapshots start and are written while the others land.
    await Promise.all([
      ...ids.slice(0, 50).map((id) => store.transact('t', (tx) => tx.update<{ id: string; index: number }>('Note', id, { index: -1 }))),
      ...ids.slice(50, 80).map((id) => store.transact('t', (tx) => tx.remove('Note', id))),
      ...Array.from({ length: 50 }, (_, index) => insertNote(store, 1000 + index)),
    ]);
    expect(store.stats().compactions).toBeGreaterThan(1);
    const expected = store.view('t').all('Note');
    await store.settled();
    await leftByDeadProcess();
    const recovered = await Store.open({ dataDir });
    expect(recovered.view('t').all('Note')).toEqual(expected);
    expect(expected).toHaveLength(120);
    await recovered.close();
  });

  it('leaves the snapshot as it was on a clean stop when nothing changed', async () => {
    const store = await storeWithTenant();
    await insertNote(store, 1);
    await store.close();
    const file = path.join(dataDir, 'state.json');
    const written = await stat(file);
    const reopened = await Store.open({ dataDir });
    expect(reopened.view('t').all('Note')).toHaveLength(1);
    await reopened.close();
    expect((await stat(file)).mtimeMs).toBe(written.mtimeMs);
  });

  it('writes the snapshot as compact JSON, one record to a line, so a change is a one-line diff', async () => {
    const store = await storeWithTenant();
    await store.transact('t', (tx) => tx.insert('Note', { id: 'note-1', index: 1, tags: ['a', 'b'], detail: { text: 'one' } }));
    await insertNote(store, 2);
    await store.close();
    const lines = (await readFile(path.join(dataDir, 'state.json'), 'utf8')).split('\n');
    expect(lines).toContain('"note-1":{"id":"note-1","index":1,"tags":["a","b"],"detail":{"text":"one"}},');
    expect(lines.filter((line) => line.includes('"index":'))).toHaveLength(2);
    expect(lines.every((line) => !line.startsWith(' '))).toBe(true);
  });

  it('hands out records read back from disk frozen, as freshly written ones are', async () => {
    const store = await storeWithTenant();
    await store.transact('t', (tx) => tx.insert('Note', { id: 'note-1', index: 1, detail: { text: 'one' } }));
    await store.close();
    const reopened = await Store.open({ dataDir });
    const view = reopened.view('t');
    for (const note of [view.get<{ detail: object }>('Note', 'note-1'), view.all<{ detail: object }>('Note')[0], view.findBy<{ detail: object }>('Note', 'index', 1)]) {
      expect(Object.isFrozen(note)).toBe(true);
      expect(Object.isFrozen(note?.detail)).toBe(true);
    }
    await reopened.close();
  });

  it('writes nothing when the work throws', async () => {
    const store = await storeWithTenant();
    await expect(
      store.transact('t', (tx) => {
        tx.insert('Note', { id: tx.newId(), index: 1 });
        throw new Error('rule broken');
      }),
    ).rejects.toThrow('rule broken');
    expect(store.view('t').all('Note')).toEqual([]);
    expect(store.view('t').meta().counters).toEqual({});
    await store.close();
  });

  it('publishes changes in commit order, only after they are durable', async () => {
    const store = await storeWithTenant();
    const seen: string[] = [];
    store.feed.subscribe((changes) => {
      for (const change of changes) seen.push(`${change.changeType} ${change.object} #${change.seq}`);
    });
    const id = await store.transact('t', (tx) => tx.insert('Note', { id: tx.newId(), index: 1 }).id);
    await store.transact('t', (tx) => tx.update<{ id: string; index: number }>('Note', id, { index: 2 }));
    await store.transact('t', (tx) => tx.remove('Note', id));
    expect(seen).toEqual(['INSERT Note #1', 'UPDATE Note #2', 'DELETE Note #3']);
    await store.close();
  });
});

describe('restart on the same data dir', () => {
  it('keeps accounts, numbering and tokens across a restart', async () => {
    const first = await startEmulator({ dataDir, port: 0 });
    const client = await tenantClient(first.url, first.credentials.clientId, first.credentials.clientSecret);
    const created = await client.post('/v2/accounts', accountBody({ name: 'Survivor' }));
    await first.close();

    const second = await startEmulator({ dataDir, port: 0 });
    const read = await request(`${second.url}/v1/accounts/${created.body.account_number}`, 'GET', undefined, {
      Authorization: `Bearer ${client.token}`,
    });
    expect(read.body.basicInfo).toMatchObject({ id: created.body.id, name: 'Survivor', stiggCustomerId__c: 'customer-1' });
    const again = await tenantClient(second.url, second.credentials.clientId, second.credentials.clientSecret);
    expect((await again.post('/v2/accounts', accountBody())).body.account_number).toBe('A00000002');
    await second.close();
  });

  it('keeps tenants created through the admin API', async () => {
    const first = await startEmulator({ dataDir, port: 0 });
    await adminClient(first.url, undefined, first.adminToken).post('/tenants', { clientId: 'kept', clientSecret: 'kept-secret' });
    await first.close();
    const second = await startEmulator({ dataDir, port: 0 });
    await expect(tenantClient(second.url, 'kept', 'kept-secret')).resolves.toBeDefined();
    await second.close();
  });
});
