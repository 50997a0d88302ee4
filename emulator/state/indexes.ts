import type { Collection, StoredRecord } from './document.js';

type Postings = Map<unknown, Set<string>>;

/**
 * Secondary indexes (field value -> record ids) so lookups by number, SKU or parent id do not scan
 * a collection, which would make every write slower as state grows. An index is built the first
 * time a (tenant, object, field) is looked up and kept current by every commit after that.
 */
export class Indexes {
  /** tenant -> object -> field -> postings */
  private readonly built = new Map<string, Map<string, Map<string, Postings>>>();

  ids(tenant: string, object: string, field: string, value: unknown, collection: Collection | undefined): ReadonlySet<string> {
    return this.postings(tenant, object, field, collection).get(value) ?? new Set();
  }

  /** Called for every record a commit replaces, before and after. */
  update(tenant: string, object: string, id: string, before: StoredRecord | undefined, after: StoredRecord | undefined): void {
    const fields = this.built.get(tenant)?.get(object);
    if (!fields) return;
    for (const [field, postings] of fields) {
      // Leaving an unchanged value alone keeps postings in creation order.
      if (before && after && before[field] === after[field]) continue;
      if (before) postings.get(before[field])?.delete(id);
      if (after) add(postings, after[field], id);
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

  private postings(tenant: string, object: string, field: string, collection: Collection | undefined): Postings {
    let objects = this.built.get(tenant);
    if (!objects) this.built.set(tenant, (objects = new Map()));
    let fields = objects.get(object);
    if (!fields) objects.set(object, (fields = new Map()));
    let postings = fields.get(field);
    if (!postings) {
      postings = new Map();
      for (const record of Object.values(collection ?? {})) add(postings, record[field], record.id);
      fields.set(field, postings);
    }
    return postings;
  }
}

function add(postings: Postings, value: unknown, id: string): void {
  if (value === undefined || value === null) return;
  let ids = postings.get(value);
  if (!ids) postings.set(value, (ids = new Set()));
  ids.add(id);
}
