import { randomBytes } from 'node:crypto';
import { access, rm } from 'node:fs/promises';
import path from 'node:path';
import { Activity } from './activity.js';
import { ChangeFeed, type Change } from './changeFeed.js';
import { CommitUnit } from './commitUnit.js';
import { lockDataDir, prepareDataDir, readJsonFile } from './dataDir.js';
import type { SetOp, StateDocument, StoredRecord, TenantData } from './document.js';
import { Indexes } from './indexes.js';
import { DISK_IO, Journal, JournalWriteError, type JournalIo } from './journal.js';
import { applyOp, checkPath, deepFreeze, own, UnsafePathError, valueAt } from './paths.js';
import { resolveSettings } from './settings.js';
import { writeSnapshotFile, type IdsOf } from './snapshotFile.js';
import { Transaction, type ReadView } from './transaction.js';
import { currentWork, outsideWork, runInWork } from './workContext.js';

export interface StoreOptions {
  /** Directory holding `state.json` and `journal.ndjson`. Ignored when `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
  /**
   * Journal size that triggers folding it into the snapshot (grows with the snapshot, see compactIfDue).
   * By default 16 MiB: folding rewrites the whole state, and while the state is small a rewrite every
   * few hundred commits cost more than the replay it saves (a clean stop folds the journal anyway, so
   * only a restart after a crash replays it).
   */
  compactAfterBytes?: number;
  /** How the journal reaches the disk; tests inject a full disk here. */
  journalIo?: JournalIo;
  /** Where warnings go (a cut torn record, a skipped operation, a taken-over lock); stderr by default. */
  warn?: (message: string) => void;
}

export class UnknownTenantError extends Error {
  constructor(readonly tenant: string) {
    super(`unknown tenant ${tenant}`);
  }
}

/** A commit that could not be made durable (disk full, I/O error); memory was rolled back, reads go on. */
export class StoreUnavailableError extends Error {}

/** Another request holds a record this transaction would change, and the tenant asked to be told. */
export class LockContentionError extends Error {
  constructor(
    readonly object: string,
    readonly id: string,
  ) {
    super(`${object} ${id} is being changed by another request; retry shortly`);
  }
}

/** Records of these objects are locked by the request changing them when the tenant's `lockContention` is on. */
const LOCKED_OBJECTS: ReadonlySet<string> = new Set(['Subscription']);

/** Answers `Store.memo` keeps at most; past it they are all dropped (a client polling a few keys is the case served). */
const MEMO_LIMIT = 1000;

/** Runs inside every transaction before it commits; may write to it (callout deliveries do). */
export type TransactionHook = (tx: Transaction) => void;

const emptyDocument = (): StateDocument => ({
  version: 1,
  tokenSecret: randomBytes(32).toString('hex'),
  tenants: {},
  snapshots: {},
});

const DONE = Promise.resolve();

const SNAPSHOT_FILE = 'state.json';
const DEFAULT_COMPACT_AFTER_BYTES = 16 * 1024 * 1024;
/** How much further the journal may grow before it is folded while folding is put off (`foldLater`). */
const FOLD_PUT_OFF = 4;
const JOURNAL_FILE = 'journal.ndjson';
/** The journal's records up to a snapshot being written; replayed before the journal if the write did not finish. */
const FOLDING_FILE = 'journal.folding.ndjson';

interface Loaded {
  doc: StateDocument;
  journal: Journal;
  skipped: number;
  tornBytes: number;
}

/**
 * The one place state changes. Everything is held in memory; a commit is acknowledged once its
 * record is in the fsynced journal, and the journal is folded into the JSON snapshot (lowdb's format) when it
 * has grown as large as the snapshot itself, which keeps the amortised cost of a write flat as state
 * grows. A failed journal write puts memory back to what the files hold.
 */
export class Store {
  readonly feed = new ChangeFeed();
  /** Every commit, by tenant, once it is durable (see activity.ts). */
  readonly activity = new Activity();
  private readonly indexes = new Indexes();
  /** Units whose writes are in memory but not yet durable. */
  private readonly inFlight = new Set<CommitUnit>();
  private readonly hooks: TransactionHook[] = [];
  /** Answers worked out from the current state (see `memo`); every write drops them all. */
  private readonly memos = new Map<string, unknown>();
  /** Bumped by every rollback; units begun before it fail. */
  private generation = 0;
  private recovering: Promise<void> | null = null;
  /** A snapshot being written in the background, while commits go on. */
  private folding: Promise<void> | null = null;
  /** Bursts of work under way that asked for folding to wait (see `foldLater`). */
  private foldsPutOff = 0;
  private snapshotBytes = 0;
  private commits = 0;
  private compactions = 0;

  private constructor(
    private doc: StateDocument,
    private readonly dataDir: string | null,
    private journal: Journal | null,
    private readonly compactAfterBytes: number,
    private readonly journalIo: JournalIo,
    private readonly warn: (message: string) => void,
    /** Gives the data directory back to other processes (a no-op in memory). */
    private readonly release: () => Promise<void>,
  ) {}

  static async open(options: StoreOptions = {}): Promise<Store> {
    const compactAfterBytes = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;
    const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
    const io = options.journalIo ?? DISK_IO;
    if (options.inMemory || !options.dataDir) {
      return new Store(emptyDocument(), null, null, compactAfterBytes, io, warn, async () => undefined);
    }
    const dataDir = options.dataDir;
    await prepareDataDir(dataDir);
    const release = await lockDataDir(dataDir, warn);
    try {
      // No snapshot yet, or one left half-folded: write one before serving (the token secret must be on disk).
      const fresh = !(await exists(path.join(dataDir, SNAPSHOT_FILE))) || (await exists(path.join(dataDir, FOLDING_FILE)));
      let store: Store | undefined;
      const loaded = await load(dataDir, io, () => store?.compactIfDue() ?? Promise.resolve());
      if (loaded.tornBytes > 0) warn(`zuora-emulator: ${path.join(dataDir, JOURNAL_FILE)}: cut a torn last record (${loaded.tornBytes} bytes), a write never acknowledged`);
      if (loaded.skipped > 0) warn(`zuora-emulator: skipped ${loaded.skipped} journal operation(s) whose path went through a prototype name (__proto__, prototype, constructor)`);
      store = new Store(loaded.doc, dataDir, loaded.journal, compactAfterBytes, io, warn, release);
      if (fresh) await store.compact();
      return store;
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** Whether commits wait for a journal on disk (not in memory). */
  get onDisk(): boolean {
    return this.journal !== null;
  }

  get tokenSecret(): string {
    return this.doc.tokenSecret;
  }

  tenantKeys(): string[] {
    return Object.keys(this.doc.tenants);
  }

  tenant(key: string): TenantData | undefined {
    return own(this.doc.tenants, key);
  }

  snapshot(tenant: string, name: string): TenantData | undefined {
    return own(own(this.doc.snapshots, tenant), name);
  }

  /** A read-only view of a tenant's current state. */
  view(tenant: string): ReadView {
    return new Transaction(tenant, this.requireTenant(tenant), this.indexes);
  }

  /**
   * `build()`'s answer, worked out once and shared until the state next changes (any write, in any
   * tenant, drops every answer): a client polling the same read skips the work. The answer is deep
   * frozen, since every caller gets the same object; `build` must read only the store.
   */
  memo<T extends object>(key: string, build: () => T): T {
    const kept = this.memos.get(key);
    if (kept !== undefined) return kept as T;
    const answer = deepFreeze(build());
    if (this.memos.size >= MEMO_LIMIT) this.memos.clear();
    this.memos.set(key, answer);
    return answer;
  }

  /** A transaction that is never committed: previews run real domain code on it and throw it away. */
  scratch(tenant: string): Transaction {
    return new Transaction(tenant, this.requireTenant(tenant), this.indexes);
  }

  /** `hook` runs inside every transaction, after its work and before it commits. */
  onTransaction(hook: TransactionHook): void {
    this.hooks.push(hook);
  }

  /**
   * Runs `work` as one unit: every transaction and commit inside it becomes durable in one journal
   * record when `work` is done, or none does. Nested units join the outer one.
   */
  async unit<T>(work: () => T | Promise<T>): Promise<T> {
    return this.unitNow(work);
  }

  /**
   * `unit`, answering at once when `work` finishes synchronously and writes nothing (most reads):
   * no promise is made, where every promise costs the work context's AsyncLocalStorage hooks (an
   * asynchronous unit's promises were some 5% of a read request's CPU).
   */
  unitNow<T>(work: () => T | Promise<T>): T | Promise<T> {
    const outer = currentWork();
    if (outer?.unit && this.joins(outer.unit)) return work();
    const unit = this.begin();
    let result: T | Promise<T>;
    try {
      // The outer context's warnings go on being gathered where its caller reads them.
      result = runInWork({ unit, warnings: outer?.warnings ?? [] }, work);
    } catch (error) {
      return this.settleUnit(unit, Promise.reject(error));
    }
    if (result instanceof Promise || !unit.empty) return this.settleUnit(unit, result);
    this.discard(unit);
    return result;
  }

  /** The end of a unit whose work went asynchronous, wrote or failed. */
  private async settleUnit<T>(unit: CommitUnit, result: T | Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await result;
    } catch (error) {
      // What the work wrote before it threw is kept, as a transaction committed alone would be.
      await this.seal(unit);
      throw error;
    }
    // A unit that wrote nothing (a read) has nothing to make durable or to publish.
    if (unit.empty) this.discard(unit);
    else await this.seal(unit);
    return value;
  }

  /**
   * Runs `work` against the tenant and commits what it wrote. `work` is synchronous, so no other
   * transaction interleaves with it; if it throws, nothing is written.
   */
  async transact<T>(tenant: string, work: (tx: Transaction) => T): Promise<T> {
    const { result, sealed } = this.run(tenant, work, false);
    await sealed;
    return result;
  }

  /**
   * Commits like `transact` but answers as soon as the change is in memory, without waiting for the
   * disk. Only for bookkeeping whose loss in a crash breaks no promise made to anyone: the clock's
   * time during an advance not yet answered, the record of a callout attempt (a lost one is sent
   * again, as Zuora's own retries would). The record is queued in commit order and shares the next
   * flush, at the latest a few milliseconds on (journal.ts SOON_WAIT_MS); its changes are published only
   * once it is durable, as any commit's. A failed write is handled as for any commit (memory rolled
   * back, `rollbacks` counts it); whoever needs the work kept calls `durable` before answering.
   */
  transactSoon<T>(tenant: string, work: (tx: Transaction) => T): T {
    const { result, sealed } = this.run(tenant, work, true);
    // Nobody awaits the seal: its failure is the rollback, which `durable` and `rollbacks` report.
    if (sealed !== DONE) sealed.catch(() => undefined);
    return result;
  }

  /**
   * Resolves once every commit made so far is on disk; fails with StoreUnavailableError when one of
   * them could not be written (memory was rolled back). Work made of commits that did not each wait
   * (`transactSoon`) calls it before it answers.
   */
  async durable(): Promise<void> {
    const journal = this.journal;
    if (!journal) return;
    try {
      await journal.flushed();
    } catch (error) {
      if (!(error instanceof JournalWriteError)) throw error;
      await this.rollback(error);
      throw new StoreUnavailableError(`the change could not be saved (${error.message}); memory was rolled back to the last durable state`);
    }
  }

  /**
   * Resolves once no commit still on its way to the disk holds the record (undefined when none
   * does, the usual case): work that sends a record's content out of the process (a callout)
   * waits here for the commit that stored it.
   */
  whenDurable(tenant: string, object: string, id: string): Promise<void> | undefined {
    if (this.inFlight.size === 0) return undefined;
    const path = ['tenants', tenant, 'objects', object, id];
    const holders = [...this.inFlight].filter((unit) => unit.holds(path));
    return holders.length === 0 ? undefined : Promise.all(holders.map((unit) => unit.done)).then(() => undefined);
  }

  /**
   * How many times memory has been rolled back to the files after a failed write. Work spanning
   * several commits notes it first: a change since means some of its commits may be gone.
   */
  get rollbacks(): number {
    return this.generation;
  }

  /** Applies `work` as a transaction; `sealed` settles once it is durable (or fails), at once when it joined an open unit. */
  private run<T>(tenant: string, work: (tx: Transaction) => T, soon: boolean): { result: T; sealed: Promise<void> } {
    const tx = new Transaction(tenant, this.requireTenant(tenant), this.indexes);
    const result = work(tx);
    for (const hook of this.hooks) hook(tx);
    const ops = tx.ops();
    if (ops.length === 0) return { result, sealed: DONE };
    const joined = this.joinable();
    this.checkLocks(tx, ops, joined);
    const at = tx.now().toISOString();
    // Written out rather than `extend`ed: one object per change, not two, on every commit.
    const changes: Change[] = tx.changes().map(({ object, changeType, before, after }) => ({ object, changeType, before, after, seq: this.feed.nextSeq(tenant), tenant, at }));
    const unit = joined ?? this.begin();
    this.apply(unit, ops);
    unit.changes.push(...changes);
    return { result, sealed: joined ? DONE : this.seal(unit, soon) };
  }

  /** Commits raw ops (tenant lifecycle, snapshots); they bypass the change feed by design. */
  async commit(ops: readonly SetOp[]): Promise<void> {
    const joined = this.joinable();
    const unit = joined ?? this.begin();
    this.apply(unit, ops);
    if (!joined) await this.seal(unit);
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

  /**
   * Resolves once every acknowledged write is on disk and no snapshot is being written: the moment a
   * crash test stops the store at, since an abandoned store's snapshot writer would go on racing the
   * reopened store for the same files (a crashed process's would not).
   */
  async settled(): Promise<void> {
    await this.journal?.settle();
    await this.folding;
  }

  /** Waits for pending writes, folds the journal into the snapshot (unless it is empty: nothing changed) and releases the files. */
  async close(): Promise<void> {
    if (!this.journal) return;
    await this.journal.settle();
    await this.recovering;
    await this.folding;
    if (this.journal.bytes > 0) await this.compact().catch((error: unknown) => this.warn(`zuora-emulator: the final compaction failed; the journal keeps everything: ${String(error)}`));
    await this.journal.close();
    this.journal = null;
    await this.release();
  }

  private begin(): CommitUnit {
    const unit = new CommitUnit(this.generation);
    this.inFlight.add(unit);
    return unit;
  }

  private joinable(): CommitUnit | undefined {
    const unit = currentWork()?.unit;
    return unit && this.joins(unit) ? unit : undefined;
  }

  /** An open unit of this store (work contexts are shared by every store in the process). */
  private joins(unit: CommitUnit): boolean {
    return unit.open && this.inFlight.has(unit);
  }

  /** A unit that wrote nothing: closed, and the store is done with it. */
  private discard(unit: CommitUnit): void {
    unit.open = false;
    this.finishUnit(unit);
  }

  private apply(unit: CommitUnit, ops: readonly SetOp[]): void {
    this.memos.clear();
    for (const op of ops) {
      const [root, tenant, area, object, id] = op.path;
      if (root === 'tenants' && area === 'objects' && op.path.length === 5) this.applyRecord(op, tenant as string, object as string, id as string);
      else {
        applyOp(this.doc as unknown as Record<string, unknown>, op);
        if (root === 'tenants' && tenant && op.path.length === 2) this.indexes.drop(tenant);
      }
      unit.touch(op.path);
    }
  }

  /**
   * Sets or deletes one record, most of what a commit does: its collection is looked up once and
   * read for the value before, rather than the path walked from the root once for that and again
   * to write. A collection the op creates goes through `applyOp`, which makes the containers.
   */
  private applyRecord(op: SetOp, tenant: string, object: string, id: string): void {
    checkPath(op.path);
    const records = own(own(this.doc.tenants, tenant)?.objects, object) as Record<string, StoredRecord> | undefined;
    const before = own(records, id);
    const after = op.value as StoredRecord | undefined;
    if (records) {
      if (after === undefined) delete records[id];
      else records[id] = after;
    } else {
      if (after !== undefined) this.indexes.collectionCreated(tenant, object);
      applyOp(this.doc as unknown as Record<string, unknown>, op);
    }
    this.indexes.update(tenant, object, id, before, after);
  }

  /**
   * With the tenant's `lockContention` on, a transaction may not change a locked object's record
   * that another request has changed and not yet made durable; off, the second simply goes after.
   */
  private checkLocks(tx: Transaction, ops: readonly SetOp[], unit: CommitUnit | undefined): void {
    if (resolveSettings(tx.meta().settings).lockContention !== 'on') return;
    for (const op of ops) {
      const object = op.path[3];
      if (op.path.length !== 5 || !object || !LOCKED_OBJECTS.has(object)) continue;
      for (const other of this.inFlight) {
        if (other !== unit && other.holds(op.path)) throw new LockContentionError(object, op.path[4] ?? '');
      }
    }
  }

  /**
   * Makes the unit durable as one journal record, then publishes its changes. `soon`: see
   * `transactSoon`. In memory there is nothing to wait for: the unit is published at once and the
   * answer is a settled promise, not one made for each commit.
   */
  private seal(unit: CommitUnit, soon = false): Promise<void> {
    unit.open = false;
    if (this.journal && !unit.empty) return this.write(unit, this.journal, soon);
    try {
      if (!unit.empty) {
        this.admit(unit);
        this.publish(unit);
      }
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    } finally {
      this.finishUnit(unit);
    }
  }

  private async write(unit: CommitUnit, journal: Journal, soon: boolean): Promise<void> {
    try {
      this.admit(unit);
      const root = this.doc as unknown as Record<string, unknown>;
      const record = Journal.record(unit.touched().map((at) => ({ path: at, value: valueAt(root, at) })));
      try {
        await journal.append(record, soon);
      } catch (error) {
        if (!(error instanceof JournalWriteError)) throw error;
        await this.rollback(error);
        throw new StoreUnavailableError(`the change could not be saved (${error.message}); nothing was changed`);
      }
      this.publish(unit);
    } finally {
      this.finishUnit(unit);
    }
  }

  /** Counts the commit; a unit begun before a rollback is refused. */
  private admit(unit: CommitUnit): void {
    this.commits += 1;
    if (unit.generation !== this.generation) throw new StoreUnavailableError('the store was rolled back while this request ran; nothing it wrote was kept');
  }

  /** Tells the unit's changes to the feed and its tenants' activity. */
  private publish(unit: CommitUnit): void {
    // Listeners start work of their own (callout delivery); it must not join this unit's context.
    outsideWork(() => {
      this.feed.publish(unit.changes);
      for (const tenant of unit.tenants()) this.activity.notify(tenant, 'state');
    });
  }

  /** The store is done with the unit: durable, failed, or nothing to write. */
  private finishUnit(unit: CommitUnit): void {
    this.inFlight.delete(unit);
    unit.finish();
  }

  /**
   * After a failed journal write: memory goes back to what the files hold, and every unit begun
   * before fails. Reads go on throughout; if the journal cannot be cut back, writes stay refused.
   */
  private rollback(error: JournalWriteError): Promise<void> {
    this.recovering ??= (async () => {
      this.warn(`zuora-emulator: ${error.message}; rolling memory back to the data directory`);
      const journal = this.journal;
      if (!journal || !this.dataDir) return;
      await journal.settle();
      const { doc, journal: reopened } = await load(this.dataDir, this.journalIo, () => this.compactIfDue());
      await journal.close().catch(() => undefined);
      this.doc = doc;
      this.memos.clear();
      this.journal = reopened;
      this.indexes.clear();
      this.generation += 1;
    })()
      .catch((failure: unknown) => this.warn(`zuora-emulator: rolling back failed; writes stay refused until restart: ${String(failure)}`))
      .finally(() => {
        this.recovering = null;
      });
    return this.recovering;
  }

  private requireTenant(tenant: string): TenantData {
    const data = this.tenant(tenant);
    if (!data) throw new UnknownTenantError(tenant);
    return data;
  }

  /**
   * Puts folding off while a burst of work runs (an advance through a year of bill runs), until the
   * journal is FOLD_PUT_OFF times the size that would fold it; the returned function ends that and
   * folds if due. The burst grows the journal fast: folding each time it is as large as the snapshot
   * wrote the whole state several times over during the burst (a year at 1,000 subscriptions on a data
   * directory took 3.4-3.5 s folding as it grew, 2.9 s folding once after). The price is a longer
   * replay if the process dies before the fold.
   */
  foldLater(): () => void {
    this.foldsPutOff += 1;
    return () => {
      this.foldsPutOff -= 1;
      // Folds start between journal writes (compactIfDue): an empty record, which writes nothing,
      // brings one about. It fails only when a write failed before, which that write's commits report.
      this.journal?.append('').catch(() => undefined);
    };
  }

  /**
   * After a journal write, when the journal has grown as large as the snapshot: the records so far
   * move aside and the snapshot is written from live memory in the background while commits go on
   * into the emptied journal, which is replayed over it on load (see writeSnapshotFile: nothing is
   * copied on the event loop first). Not while a unit is half-applied.
   */
  private async compactIfDue(): Promise<void> {
    if (!this.journal || !this.dataDir || this.folding) return;
    const foldAt = Math.max(this.compactAfterBytes, this.snapshotBytes) * (this.foldsPutOff > 0 ? FOLD_PUT_OFF : 1);
    if (this.journal.bytes < foldAt) return;
    if ([...this.inFlight].some((unit) => unit.open)) return;
    const folding = path.join(this.dataDir, FOLDING_FILE);
    const snapshot = path.join(this.dataDir, SNAPSHOT_FILE);
    const rotated = this.journal.rotate(folding);
    // Taken before the first await, so a second flush meanwhile does not start a second snapshot.
    this.folding = rotated
      .then(() => writeSnapshotFile(snapshot, this.doc, this.storedIds))
      .then(async (bytes) => {
        this.snapshotBytes = bytes;
        await rm(folding, { force: true });
        this.compactions += 1;
      })
      .catch((error: unknown) => this.warn(`zuora-emulator: writing the snapshot failed; the journal keeps everything: ${String(error)}`))
      .finally(() => {
        this.folding = null;
      });
    await rotated;
  }

  /** A live collection's ids for the snapshot writer, read lazily from the stored-order index. */
  private readonly storedIds: IdsOf = (tenant, object, records) => this.indexes.inStoredOrder(tenant, object, records).ids();

  /** Writes memory as the snapshot and empties the journal, with nothing else writing (start, close). */
  private async compact(): Promise<void> {
    if (!this.dataDir || !this.journal) return;
    this.snapshotBytes = await writeSnapshotFile(path.join(this.dataDir, SNAPSHOT_FILE), this.doc, this.storedIds);
    await rm(path.join(this.dataDir, FOLDING_FILE), { force: true });
    await this.journal.truncate();
    this.compactions += 1;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The document the files of a data directory hold: the snapshot with the journal replayed over it. */
async function load(dataDir: string, io: JournalIo, afterFlush: () => Promise<void>): Promise<Loaded> {
  // Read and parsed once (a file that is not JSON is refused here, naming the line).
  const doc = (await readJsonFile<StateDocument>(path.join(dataDir, SNAPSHOT_FILE))) ?? emptyDocument();
  const folded = await Journal.read(path.join(dataDir, FOLDING_FILE));
  const { journal, batches, tornBytes } = await Journal.open(path.join(dataDir, JOURNAL_FILE), afterFlush, io);
  let skipped = 0;
  for (const ops of [...folded.batches, ...batches]) {
    for (const op of ops) {
      try {
        applyOp(doc as unknown as Record<string, unknown>, op);
      } catch (error) {
        if (!(error instanceof UnsafePathError)) throw error;
        skipped += 1;
      }
    }
  }
  // Records are not frozen here but when a transaction first hands one out (see Transaction).
  return { doc, journal, skipped, tornBytes };
}
