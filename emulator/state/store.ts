import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { Activity } from './activity.js';
import { ChangeFeed, type Change } from './changeFeed.js';
import { checkJsonFile, lockDataDir, prepareDataDir } from './dataDir.js';
import type { SetOp, StateDocument, StoredRecord, TenantData } from './document.js';
import { Indexes } from './indexes.js';
import { Journal } from './journal.js';
import { applyOp, deepFreeze } from './paths.js';
import { Transaction, type ReadView } from './transaction.js';

export interface StoreOptions {
  /** Directory holding `state.json` and `journal.ndjson`. Ignored when `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
  /** Journal size that triggers folding it into the snapshot (grows with the snapshot, see compactIfDue). */
  compactAfterBytes?: number;
}

export class UnknownTenantError extends Error {
  constructor(readonly tenant: string) {
    super(`unknown tenant ${tenant}`);
  }
}

const emptyDocument = (): StateDocument => ({
  version: 1,
  tokenSecret: randomBytes(32).toString('hex'),
  tenants: {},
  snapshots: {},
});

/**
 * The one place state changes. Everything is held in memory; a commit is acknowledged once its ops
 * are in the fsynced journal, and the journal is folded into the lowdb JSON snapshot when it has
 * grown as large as the snapshot itself, which keeps the amortised cost of a write flat as state grows.
 */
export class Store {
  readonly feed = new ChangeFeed();
  /** Every commit, by tenant, once it is durable (see activity.ts). */
  readonly activity = new Activity();
  private readonly indexes = new Indexes();
  private snapshotBytes = 0;
  private commits = 0;
  private compactions = 0;

  private constructor(
    private readonly doc: StateDocument,
    private readonly low: Low<StateDocument> | null,
    private journal: Journal | null,
    private readonly snapshotFile: string | null,
    private readonly compactAfterBytes: number,
    /** Gives the data directory back to other processes (a no-op in memory). */
    private readonly unlock: () => Promise<void> = async () => {},
  ) {}

  static async open(options: StoreOptions = {}): Promise<Store> {
    const compactAfterBytes = options.compactAfterBytes ?? 4 * 1024 * 1024;
    if (options.inMemory || !options.dataDir) {
      return new Store(emptyDocument(), null, null, null, compactAfterBytes);
    }
    await prepareDataDir(options.dataDir);
    const snapshotFile = path.join(options.dataDir, 'state.json');
    await checkJsonFile(snapshotFile);
    const unlock = await lockDataDir(options.dataDir);
    const low = new Low<StateDocument>(new JSONFile(snapshotFile), emptyDocument());
    let store: Store;
    let opened: Awaited<ReturnType<typeof Journal.open>>;
    try {
      await low.read();
      store = new Store(low.data, low, null, snapshotFile, compactAfterBytes, unlock);
      opened = await Journal.open(path.join(options.dataDir, 'journal.ndjson'), () => store.compactIfDue());
    } catch (error) {
      await unlock();
      throw error;
    }
    const { journal, batches } = opened;
    const doc = low.data;
    for (const ops of batches) for (const op of ops) applyOp(doc as unknown as Record<string, unknown>, op);
    store.journal = journal;
    for (const tenant of Object.values(doc.tenants)) freezeRecords(tenant);
    return store;
  }

  get tokenSecret(): string {
    return this.doc.tokenSecret;
  }

  tenantKeys(): string[] {
    return Object.keys(this.doc.tenants);
  }

  tenant(key: string): TenantData | undefined {
    return this.doc.tenants[key];
  }

  snapshot(tenant: string, name: string): TenantData | undefined {
    return this.doc.snapshots[tenant]?.[name];
  }

  /** A read-only view of a tenant's current state. */
  view(tenant: string): ReadView {
    return new Transaction(tenant, this.requireTenant(tenant), this.indexes);
  }

  /** A transaction that is never committed: previews run real domain code on it and throw it away. */
  scratch(tenant: string): Transaction {
    return new Transaction(tenant, this.requireTenant(tenant), this.indexes);
  }

  /**
   * Runs `work` against the tenant and commits what it wrote. `work` is synchronous, so no other
   * transaction interleaves with it; if it throws, nothing is written.
   */
  async transact<T>(tenant: string, work: (tx: Transaction) => T): Promise<T> {
    const tx = new Transaction(tenant, this.requireTenant(tenant), this.indexes);
    const result = work(tx);
    const ops = tx.ops();
    if (ops.length === 0) return result;
    const at = tx.now().toISOString();
    const changes: Change[] = tx.changes().map((change) => ({
      ...change,
      seq: this.feed.nextSeq(tenant),
      tenant,
      at,
    }));
    await this.commit(ops);
    this.feed.publish(changes);
    return result;
  }

  /** Commits raw ops (tenant lifecycle, snapshots); they bypass the change feed by design. */
  async commit(ops: readonly SetOp[]): Promise<void> {
    this.commits += 1;
    const touched = new Set<string>();
    for (const op of ops) {
      const [root, tenant, area, object, id] = op.path;
      if (root === 'tenants' && tenant) touched.add(tenant);
      const isRecord = root === 'tenants' && area === 'objects' && op.path.length === 5;
      const before = isRecord ? this.doc.tenants[tenant as string]?.objects[object as string]?.[id as string] : undefined;
      applyOp(this.doc as unknown as Record<string, unknown>, op);
      if (isRecord) {
        this.indexes.update(tenant as string, object as string, id as string, before, op.value as StoredRecord | undefined);
      } else if (root === 'tenants' && tenant && op.path.length === 2) {
        this.indexes.drop(tenant);
        if (op.value !== undefined) freezeRecords(this.requireTenant(tenant));
      }
    }
    if (this.journal) await this.journal.append(ops);
    for (const tenant of touched) this.activity.notify(tenant, 'state');
  }

  /** Counters that show group commit and compaction at work. */
  stats(): { commits: number; flushes: number; compactions: number; journalBytes: number } {
    return {
      commits: this.commits,
      flushes: this.journal?.flushes ?? 0,
      compactions: this.compactions,
      journalBytes: this.journal?.bytes ?? 0,
    };
  }

  /** Waits for pending writes, folds the journal into the snapshot and releases the files. */
  async close(): Promise<void> {
    if (!this.journal) return;
    await this.journal.settle();
    await this.compact();
    await this.journal.close();
    this.journal = null;
    await this.unlock();
  }

  private requireTenant(tenant: string): TenantData {
    const data = this.doc.tenants[tenant];
    if (!data) throw new UnknownTenantError(tenant);
    return data;
  }

  private async compactIfDue(): Promise<void> {
    if (!this.journal) return;
    if (this.journal.bytes >= Math.max(this.compactAfterBytes, this.snapshotBytes)) await this.compact();
  }

  private async compact(): Promise<void> {
    if (!this.low || !this.snapshotFile || !this.journal) return;
    this.low.data = this.doc;
    await this.low.write();
    const handle = await open(this.snapshotFile, 'r');
    try {
      await handle.sync();
      this.snapshotBytes = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
    await this.journal.truncate();
    this.compactions += 1;
  }
}

/** Records loaded from disk or a snapshot get the same protection as freshly written ones. */
function freezeRecords(tenant: TenantData): void {
  for (const collection of Object.values(tenant.objects)) {
    for (const record of Object.values(collection)) deepFreeze(record);
  }
}
