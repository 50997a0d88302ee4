import type { ReadView } from '../../state/transaction.js';
import { definitionFor } from '../customFields.js';
import { notFound } from '../errors.js';
import { matches, type Condition } from './conditions.js';
import { idFields, type QueryableObject } from './objects.js';

/** A record as Zuora's generic object view shows it: every field of the object, custom fields after. */
export type ObjectRow = Record<string, unknown>;

/** A record as the store holds it. */
export type StoredRow = Readonly<Record<string, unknown>>;

/**
 * The fields one tenant's object has: the standard ones and its custom fields (those defined, and
 * those records carry without a definition, which the emulator accepts, in the order they first appear).
 */
export function fieldsOf(object: QueryableObject, view: ReadView): string[] {
  const custom = new Set(Object.keys(definitionFor(view, object.name)?.fields ?? {}));
  for (const name of view.memberNames(object.name, 'customFields')) custom.add(name);
  return [...object.fields, ...custom];
}

/** One field of a record as the generic object view shows it (null when the domain has no value). */
export function readField(object: QueryableObject, record: StoredRow, view: ReadView, field: string): unknown {
  const reader = object.readers[field];
  const value = reader ? reader(record, view) : field.endsWith('__c') ? ((record.customFields ?? {}) as StoredRow)[field] : record[field];
  return value === undefined ? null : value;
}

export function objectRow(object: QueryableObject, record: StoredRow, view: ReadView, fields = fieldsOf(object, view)): ObjectRow {
  const row: ObjectRow = {};
  for (const field of fields) row[field] = readField(object, record, view, field);
  return row;
}

/**
 * The records whose rows match `condition` (every record when it is null), lazily and in creation
 * order. Only the fields the condition names are read. An equality on the id, or on a field that
 * holds another record's id, goes through an index instead of the whole collection.
 */
export function* matchingRecords(object: QueryableObject, view: ReadView, condition: Condition | null, options: { ignoreCase?: boolean } = {}): Generator<StoredRow> {
  const read = (record: unknown, field: string): unknown => readField(object, record as StoredRow, view, field);
  for (const record of candidates(object, view, condition, options.ignoreCase ?? false)) {
    if (condition === null || matches(record, condition, { ...options, read })) yield record;
  }
}

/** The records `condition` can match: through an index when one of its ANDed terms is an equality on an id field. */
function candidates(object: QueryableObject, view: ReadView, condition: Condition | null, ignoreCase: boolean): Iterable<StoredRow> {
  const terms = condition === null ? [] : condition.kind === 'and' ? condition.operands : [condition];
  const ids = idFields(object);
  for (const term of terms) {
    if (term.kind !== 'compare' || term.op !== 'EQ' || !ids.has(term.field) || term.value === null || Array.isArray(term.value)) continue;
    // Ids are 32 lower-case hex characters, so under ZOQL's case-blind comparison the one stored value that can match is the literal in lower case.
    const value = ignoreCase ? String(term.value).toLowerCase() : String(term.value);
    if (term.field !== 'id') return view.scanBy<StoredRow>(object.name, term.field, value);
    const record = view.get<StoredRow>(object.name, value);
    return record ? [record] : [];
  }
  return view.scan<StoredRow>(object.name);
}

/** The stored record with this id, or with this value in one of the object's key fields (newest version of a versioned object). */
export function recordByKey(object: QueryableObject, view: ReadView, key: string): StoredRow {
  const byId = view.get<StoredRow>(object.name, key);
  if (byId) return byId;
  for (const field of object.keys) {
    const matches = view.filterBy<StoredRow>(object.name, field, key);
    const found = object.latestOnly ? matches.find((record) => record.isLatestVersion === true) : matches[0];
    if (found) return found;
  }
  throw notFound(object.name, key, 'key');
}

/** The canonical spelling of a field name written in any letter case, or undefined when the object has no such field. */
export function canonicalField(fields: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return fields.find((field) => field.toLowerCase() === lower);
}
