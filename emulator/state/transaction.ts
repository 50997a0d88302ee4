import type { ChangeType } from './changeFeed.js';
import type { SetOp, StoredRecord, TenantData, TenantMeta } from './document.js';
import { deterministicId, formatNumber, type NumberKind } from './ids.js';
import { fieldValue, memberNamesOf, type Indexes, type RecordOrder } from './indexes.js';
import { deepFreeze, extend, frozenCopy, frozenFresh, own } from './paths.js';

/** Read access to one tenant's state, as of a transaction's start plus its own writes. */
export interface ReadView {
  readonly tenant: string;
  now(): Date;
  meta(): TenantMeta;
  get<T extends object = StoredRecord>(object: string, id: string): T | undefined;
  all<T extends object = StoredRecord>(object: string): T[];
  /** The same records as `all`, in the same order (creation order), read lazily: a page takes what it needs. */
  scan<T extends object = StoredRecord>(object: string): Generator<T>;
  /** How many records `scan` yields, without reading them. */
  count(object: string): number;
  /** The records of `scan` whose `field` equals `value`, in the same order, through an index rather than a scan. */
  scanBy<T extends object = StoredRecord>(object: string, field: string, value: unknown): T[];
  /** The member names of an object-valued field (`customFields`) across the records, in the order `scan` first shows them. */
  memberNames(object: string, field: string): readonly string[];
  /** Records whose `field` equals `value`, through an index rather than a scan: committed ones in creation order, then the transaction's own writes. */
  filterBy<T extends object = StoredRecord>(object: string, field: string, value: unknown): T[];
  findBy<T extends object = StoredRecord>(object: string, field: string, value: unknown): T | undefined;
  /** The records `order` keeps, in its order, through an index: read lazily, take what you need. */
  inOrder<T extends object = StoredRecord>(object: string, order: RecordOrder): Generator<T>;
}

export interface PendingChange {
  readonly object: string;
  readonly changeType: ChangeType;
  readonly before: StoredRecord | null;
  readonly after: StoredRecord | null;
}

interface Keyed {
  key: string;
  id: string;
  record: StoredRecord;
}

/**
 * A committed record as handed to a caller: frozen, so no caller can change state behind the store's
 * back. Records the transaction writes are frozen as they are written; records read from disk are
 * frozen here, the first time one is handed out (freezing every record at load would make a restart
 * walk the whole state). A frozen record costs one check.
 */
const handedOut = <T>(record: T): T => deepFreeze(record);

/** The virtual time last read, parsed: a job reads its instant many times over, and parsing it each time showed. */
let lastNow = { iso: '', time: Number.NaN };

const comesBefore = (entry: Keyed, key: string, id: string): boolean => entry.key < key || (entry.key === key && entry.id < id);

/** Collections whose names start with `_` hold the emulator's own bookkeeping, not Zuora objects. */
export const isInternalCollection = (object: string): boolean => object.startsWith('_');

/**
 * A unit of work on one tenant. Writes stay in an overlay until the store commits them, so a
 * transaction that throws leaves no trace.
 */
export class Transaction implements ReadView {
  private readonly writes = new Map<string, Map<string, StoredRecord | null>>();
  private readonly pending: PendingChange[] = [];
  private metaValue: TenantMeta;
  private metaChanged = false;
  /**
   * The transaction's own copy of the counters, made at the first id or number it takes and bumped
   * in place after that (an order takes about fifteen; copying the meta for each was waste).
   */
  private counters: Record<string, number> | null = null;

  constructor(
    public readonly tenant: string,
    private readonly base: TenantData,
    private readonly indexes: Indexes,
  ) {
    this.metaValue = base.meta;
  }

  now(): Date {
    const iso = this.metaValue.now;
    if (iso !== lastNow.iso) lastNow = { iso, time: Date.parse(iso) };
    return new Date(lastNow.time);
  }

  meta(): TenantMeta {
    return this.metaValue;
  }

  get<T extends object = StoredRecord>(object: string, id: string): T | undefined {
    const written = this.writes.get(object)?.get(id);
    if (written !== undefined) return (written ?? undefined) as T | undefined;
    return handedOut(own(own(this.base.objects, object), id)) as T | undefined;
  }

  all<T extends object = StoredRecord>(object: string): T[] {
    return [...this.scan<T>(object)];
  }

  *scan<T extends object = StoredRecord>(object: string): Generator<T> {
    const stored = own(this.base.objects, object) ?? {};
    const written = this.writes.get(object);
    // Committed records where they stand (changed ones as changed), then the transaction's new ones.
    for (const id of this.indexes.inStoredOrder(this.tenant, object, stored).ids()) {
      const record = written?.has(id) ? written.get(id) : handedOut(own(stored, id));
      if (record) yield record as T;
    }
    for (const [id, record] of written ?? []) if (record && !Object.hasOwn(stored, id)) yield record as T;
  }

  count(object: string): number {
    const stored = own(this.base.objects, object);
    let count = this.indexes.inStoredOrder(this.tenant, object, stored).size;
    for (const [id, record] of this.writes.get(object) ?? []) {
      const committed = own(stored, id) !== undefined;
      if (committed && !record) count -= 1;
      if (!committed && record) count += 1;
    }
    return count;
  }

  scanBy<T extends object = StoredRecord>(object: string, field: string, value: unknown): T[] {
    const stored = own(this.base.objects, object);
    const order = this.indexes.inStoredOrder(this.tenant, object, stored);
    const place = (record: StoredRecord): number => order.place(record.id) ?? Number.POSITIVE_INFINITY;
    // Committed records in their stored places, the transaction's new ones after them in the order it wrote them (a stable sort).
    return this.filterBy<StoredRecord>(object, field, value).sort((a, b) => place(a) - place(b)) as T[];
  }

  memberNames(object: string, field: string): readonly string[] {
    const stored = own(this.base.objects, object);
    if (!this.writes.get(object)?.size) return this.indexes.memberNames(this.tenant, object, field, stored);
    // The transaction's own writes may move or drop a name: read them the long way.
    const names = new Set<string>();
    for (const record of this.scan(object)) for (const name of memberNamesOf(record, field)) names.add(name);
    return [...names];
  }

  filterBy<T extends object = StoredRecord>(object: string, field: string, value: unknown): T[] {
    const written = this.writes.get(object);
    const stored = own(this.base.objects, object);
    const result: StoredRecord[] = [];
    for (const [id, record] of this.indexes.matching(this.tenant, object, field, value, stored)) {
      if (!written?.has(id)) result.push(handedOut(record));
    }
    if (written) for (const record of written.values()) if (record && fieldValue(record, field) === value) result.push(record);
    return result as T[];
  }

  findBy<T extends object = StoredRecord>(object: string, field: string, value: unknown): T | undefined {
    return this.filterBy<T>(object, field, value)[0];
  }

  *inOrder<T extends object = StoredRecord>(object: string, order: RecordOrder): Generator<T> {
    const written = this.writes.get(object);
    const stored = own(this.base.objects, object);
    if (!written) {
      // A view, or a transaction that has not written here (the usual case): the index as it stands.
      for (const id of this.indexes.ordered(this.tenant, object, order, stored)) yield handedOut(own(stored, id) as StoredRecord) as T;
      return;
    }
    // The transaction's own writes that the order keeps, merged in by key (ties by id, as the index).
    const mine: Keyed[] = [];
    for (const record of written.values()) {
      const key = record ? order.keyOf(record) : undefined;
      if (record && key !== undefined) mine.push({ key, id: record.id, record });
    }
    mine.sort((a, b) => (comesBefore(a, b.key, b.id) ? -1 : 1));
    let next = 0;
    for (const id of this.indexes.ordered(this.tenant, object, order, stored)) {
      if (written.has(id)) continue;
      const record = handedOut(own(stored, id) as StoredRecord);
      // A record's key is worked out only while some of the transaction's own are left to merge in.
      if (next < mine.length) {
        const key = order.keyOf(record) as string;
        for (let early = mine[next]; early && comesBefore(early, key, id); early = mine[++next]) yield early.record as T;
      }
      yield record as T;
    }
    for (const late of mine.slice(next)) yield late.record as T;
  }

  /**
   * Stores a frozen copy of `record`. The copy stays even for a record the caller has just built
   * (an `extend`): frozen in place, such records (their members added one by one, out of the object)
   * made every later reading and writing of them slower, some 70 µs more a sign-up order (measured).
   */
  insert<T extends { id: string }>(object: string, record: T): T {
    if (this.get(object, record.id)) throw new Error(`${object} ${record.id} already exists`);
    return this.put(object, record, 'INSERT', null);
  }

  update<T extends { id: string }>(object: string, id: string, patch: Partial<T>): T {
    const before = this.get<T>(object, id);
    if (!before) throw new Error(`${object} ${id} does not exist`);
    // `extend` builds a new record that nothing else holds: frozen as it is, not copied again.
    return this.store(object, frozenFresh(extend(before, patch, { id })), 'UPDATE', before as unknown as StoredRecord);
  }

  remove(object: string, id: string): void {
    const before = this.get(object, id);
    if (!before) return;
    this.collection(object).set(id, null);
    this.record({ object, changeType: 'DELETE', before, after: null });
  }

  /** A fresh deterministic 32-hex id. */
  newId(): string {
    return deterministicId(this.tenant, this.bump('id'));
  }

  /** The next number of a kind, e.g. A00000001 for accounts. */
  nextNumber(kind: NumberKind): string {
    return formatNumber(kind, this.bump(kind));
  }

  /** The next number of a kind that is not taken yet; callers may have picked numbers by hand. */
  nextFreeNumber(kind: NumberKind, isTaken: (candidate: string) => boolean): string {
    for (;;) {
      const candidate = this.nextNumber(kind);
      if (!isTaken(candidate)) return candidate;
    }
  }

  /**
   * The number the caller gave, refused with `inUse()` when it is taken, or else the next free one
   * of the kind: free by construction, so not looked up a second time.
   */
  givenOrNextNumber(kind: NumberKind, given: string | null | undefined, isTaken: (candidate: string) => boolean, inUse: () => Error): string {
    if (given === undefined || given === null) return this.nextFreeNumber(kind, isTaken);
    if (isTaken(given)) throw inUse();
    return given;
  }

  setNow(iso: string): void {
    this.patchMeta({ now: iso });
  }

  patchMeta(patch: Partial<TenantMeta>): void {
    this.metaValue = { ...this.metaValue, ...patch };
    this.metaChanged = true;
  }

  /**
   * Runs `work` like a savepoint: if it throws, its writes are undone and the error is returned, while
   * the transaction's earlier writes stay. A scheduled order that fails is recorded as Failed this way.
   */
  attempt<T>(work: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
    const restore = this.savepoint();
    try {
      return { ok: true, value: work() };
    } catch (error) {
      restore();
      return { ok: false, error };
    }
  }

  /** Runs `work` and undoes its writes whatever happens: a dry run that only reports success or the error. */
  dryRun(work: () => void): { ok: true } | { ok: false; error: unknown } {
    const restore = this.savepoint();
    try {
      work();
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    } finally {
      restore();
    }
  }

  private savepoint(): () => void {
    const writes = new Map([...this.writes].map(([object, records]) => [object, new Map(records)]));
    const pending = this.pending.length;
    const { metaValue, metaChanged } = this;
    // Bumped in place from here on, so the counters as they stand now are kept apart.
    const counters = this.counters !== null && this.counters === metaValue.counters ? { ...this.counters } : null;
    return () => {
      this.writes.clear();
      for (const [object, records] of writes) this.writes.set(object, records);
      this.pending.splice(pending);
      this.metaValue = counters ? { ...metaValue, counters } : metaValue;
      this.metaChanged = metaChanged;
      this.counters = counters;
    };
  }

  /** The durable ops this transaction amounts to. */
  ops(): SetOp[] {
    const ops: SetOp[] = [];
    if (this.metaChanged) ops.push({ path: ['tenants', this.tenant, 'meta'], value: this.metaValue });
    for (const [object, records] of this.writes) {
      for (const [id, record] of records) {
        ops.push({ path: ['tenants', this.tenant, 'objects', object, id], value: record ?? undefined });
      }
    }
    return ops;
  }

  changes(): readonly PendingChange[] {
    return this.pending;
  }

  private put<T extends { id: string }>(object: string, record: T, changeType: ChangeType, before: StoredRecord | null): T {
    return this.store(object, frozenCopy(record), changeType, before);
  }

  /** Writes a record that is frozen throughout already. */
  private store<T extends { id: string }>(object: string, frozen: T, changeType: ChangeType, before: StoredRecord | null): T {
    const after = frozen as unknown as StoredRecord;
    this.collection(object).set(after.id, after);
    this.record({ object, changeType, before, after });
    return frozen;
  }

  private record(change: PendingChange): void {
    if (!isInternalCollection(change.object)) this.pending.push(change);
  }

  private collection(object: string): Map<string, StoredRecord | null> {
    let records = this.writes.get(object);
    if (!records) {
      records = new Map();
      this.writes.set(object, records);
    }
    return records;
  }

  private bump(counter: string): number {
    if (!this.counters || this.metaValue.counters !== this.counters) {
      this.counters = { ...this.metaValue.counters };
      this.patchMeta({ counters: this.counters });
    }
    const value = (own(this.counters, counter) ?? 0) + 1;
    this.counters[counter] = value;
    return value;
  }
}
