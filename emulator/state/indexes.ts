import type { Collection, StoredRecord } from './document.js';
import { keptAnswers } from '../keptAnswers.js';
import { own } from './paths.js';

/**
 * A field's values, each with the records that have it by id, in the order they were stored. The
 * records themselves are held, not only their ids: a lookup then reads no collection (a large one is
 * a dictionary, a probe for each id), and every commit puts the new version of a record in place.
 */
type Postings = Map<unknown, Map<string, StoredRecord>>;

/** What an index answers for a value no record has: shared, where a new empty map for each miss showed in the garbage of every commit. */
const NO_RECORDS: ReadonlyMap<string, StoredRecord> = new Map();

/** Dotted field names split into their parts: every write to an indexed collection reads its fields again. */
const partsOf = keptAnswers((field): readonly string[] => field.split('.'), 1000);

/** A field's value; a dotted name reads into nested objects (`payload.accountId`). */
export function fieldValue(record: StoredRecord, field: string): unknown {
  if (!field.includes('.')) return record[field];
  let value: unknown = record;
  for (const part of partsOf(field)) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * An order over a collection's records: `keyOf` gives a record's sort key (compared as strings), or
 * undefined for a record the order leaves out. `name` tells orders apart; one name, one `keyOf`.
 */
export interface RecordOrder {
  readonly name: string;
  keyOf(record: StoredRecord): string | undefined;
}

/** A whole number as a sort key that orders as the number does (ids and sequence numbers are counted per tenant). */
export const numberKey = (value: number): string => String(value).padStart(15, '0');

/** Records in key order (ties by id), with where each id stands, so a change moves one entry. */
class Ordered {
  private readonly entries: { key: string; id: string }[] = [];
  private readonly keys = new Map<string, string>();

  constructor(private readonly order: RecordOrder) {}

  /** Read lazily: a caller takes what it needs (often the first) before anything commits. */
  *ids(): Generator<string> {
    for (const entry of this.entries) yield entry.id;
  }

  update(id: string, after: StoredRecord | undefined): void {
    const old = this.keys.get(id);
    const key = after ? this.order.keyOf(after) : undefined;
    if (old === key) return;
    if (old !== undefined) {
      // The first entry goes most often (the clock takes the next job, the lane the next callout):
      // it is found without a search, and shift() drops it without moving the others, where
      // splice() moves them all.
      const at = this.entries[0]?.id === id ? 0 : this.position(old, id);
      if (at === 0) this.entries.shift();
      else this.entries.splice(at, 1);
      this.keys.delete(id);
    }
    if (key !== undefined) {
      this.entries.splice(this.position(key, id), 0, { key, id });
      this.keys.set(id, key);
    }
  }

  /** Where (key, id) is, or would go: a binary search. */
  private position(key: string, id: string): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = this.entries[middle] as { key: string; id: string };
      if (entry.key < key || (entry.key === key && entry.id < id)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * A collection's ids in the order their records were stored, each with its place in that order (one
 * stored again after a delete goes last, as an object's own keys do). Read lazily: a list page's
 * first records cost the same from 100,000 records as from 100.
 */
export interface StoredOrder {
  ids(): Iterable<string>;
  /** Where the record stands: a larger place was stored later. */
  place(id: string): number | undefined;
  readonly size: number;
}

class Places implements StoredOrder {
  private readonly places = new Map<string, number>();
  private next = 0;

  constructor(ids: Iterable<string>) {
    for (const id of ids) this.add(id);
  }

  ids(): Iterable<string> {
    return this.places.keys();
  }

  place(id: string): number | undefined {
    return this.places.get(id);
  }

  get size(): number {
    return this.places.size;
  }

  add(id: string): void {
    this.places.set(id, this.next++);
  }

  delete(id: string): void {
    this.places.delete(id);
  }
}

/** The names of the members of an object-valued field (`customFields`) across a collection, in the order they first appear. */
class MemberNames {
  readonly names: string[] = [];
  private readonly known = new Set<string>();

  addFrom(record: StoredRecord, field: string): void {
    for (const name of memberNamesOf(record, field)) {
      if (this.known.has(name)) continue;
      this.known.add(name);
      this.names.push(name);
    }
  }
}

/** The member names of `record[field]` when it is an object, in its own order. */
export function memberNamesOf(record: StoredRecord, field: string): string[] {
  const value = record[field];
  return value !== null && typeof value === 'object' ? Object.keys(value) : [];
}

interface ObjectIndexes {
  fields: Map<string, Postings>;
  orders: Map<string, Ordered>;
  stored?: Places;
  members: Map<string, MemberNames>;
}

/**
 * Secondary indexes (field value -> record ids, and records in an order such as jobs by due time)
 * so lookups by number, SKU, parent id or due time do not scan a collection, which would make every
 * write slower as state grows. An index is built the first time a (tenant, object, field or order)
 * is used and kept current by every commit after that. A collection's stored order is kept from the
 * commit that creates the collection, so only state loaded from disk builds it on a read.
 */
export class Indexes {
  /** tenant -> object -> its indexes */
  private readonly built = new Map<string, Map<string, ObjectIndexes>>();

  /** The stored records whose `field` is `value`, by id, in the order they were stored. */
  matching(tenant: string, object: string, field: string, value: unknown, collection: Collection | undefined): ReadonlyMap<string, StoredRecord> {
    const indexes = this.of(tenant, object);
    let postings = indexes.fields.get(field);
    if (!postings) {
      postings = new Map();
      for (const record of Object.values(collection ?? {})) add(postings, fieldValue(record, field), record.id, record);
      indexes.fields.set(field, postings);
    }
    return postings.get(value) ?? NO_RECORDS;
  }

  /** Ids of the records `order` keeps, in its order. */
  ordered(tenant: string, object: string, order: RecordOrder, collection: Collection | undefined): Iterable<string> {
    const indexes = this.of(tenant, object);
    let ordered = indexes.orders.get(order.name);
    if (!ordered) {
      ordered = new Ordered(order);
      for (const record of Object.values(collection ?? {})) ordered.update(record.id, record);
      indexes.orders.set(order.name, ordered);
    }
    return ordered.ids();
  }

  /** The collection's ids in the order the records were stored. */
  inStoredOrder(tenant: string, object: string, collection: Collection | undefined): StoredOrder {
    const indexes = this.of(tenant, object);
    // Listing a collection's keys costs ~1 µs a record: done once, for a collection loaded from disk.
    indexes.stored ??= new Places(Object.keys(collection ?? {}));
    return indexes.stored;
  }

  /**
   * The member names of `field` across the collection, in the order they first appear in stored
   * order. A new record adds its new names at the end; a change to a record's names that could move
   * or drop one (an update, a delete) has the list built again on the next read.
   */
  memberNames(tenant: string, object: string, field: string, collection: Collection | undefined): readonly string[] {
    const indexes = this.of(tenant, object);
    let members = indexes.members.get(field);
    if (!members) {
      members = new MemberNames();
      for (const id of this.inStoredOrder(tenant, object, collection).ids()) members.addFrom(own(collection, id) as StoredRecord, field);
      indexes.members.set(field, members);
    }
    return members.names;
  }

  /** A commit is about to store the first record of a collection that did not exist: its stored order starts empty here. */
  collectionCreated(tenant: string, object: string): void {
    this.of(tenant, object).stored ??= new Places([]);
  }

  /** Called for every record a commit replaces, before and after. */
  update(tenant: string, object: string, id: string, before: StoredRecord | undefined, after: StoredRecord | undefined): void {
    const indexes = this.built.get(tenant)?.get(object);
    if (!indexes) return;
    for (const [field, postings] of indexes.fields) {
      const old = before ? fieldValue(before, field) : undefined;
      const now = after ? fieldValue(after, field) : undefined;
      // An unchanged value keeps the record where it stands (creation order), in its new version.
      if (before && after && old === now) {
        postings.get(now)?.set(id, after);
        continue;
      }
      if (before) postings.get(old)?.delete(id);
      if (after) add(postings, now, id, after);
    }
    for (const ordered of indexes.orders.values()) ordered.update(id, after);
    if (!before && after) indexes.stored?.add(id);
    if (before && !after) indexes.stored?.delete(id);
    for (const [field, members] of indexes.members) {
      if (!before && after) members.addFrom(after, field);
      else if (!sameNames(before ? memberNamesOf(before, field) : [], after ? memberNamesOf(after, field) : [])) indexes.members.delete(field);
    }
  }

  /** Memory was reloaded from disk: every index is rebuilt on demand. */
  clear(): void {
    this.built.clear();
  }

  /** A tenant's data was replaced wholesale (reset, restore): its indexes are rebuilt on demand. */
  drop(tenant: string): void {
    this.built.delete(tenant);
  }

  private of(tenant: string, object: string): ObjectIndexes {
    let objects = this.built.get(tenant);
    if (!objects) this.built.set(tenant, (objects = new Map()));
    let indexes = objects.get(object);
    if (!indexes) objects.set(object, (indexes = { fields: new Map(), orders: new Map(), members: new Map() }));
    return indexes;
  }
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((name, index) => name === b[index]);

function add(postings: Postings, value: unknown, id: string, record: StoredRecord): void {
  if (value === undefined || value === null) return;
  let records = postings.get(value);
  if (!records) postings.set(value, (records = new Map()));
  records.set(id, record);
}
