import type { ReadView } from '../../state/transaction.js';
import { definitionFor } from '../customFields.js';
import { notFound } from '../errors.js';
import type { QueryableObject } from './objects.js';

/** A record as Zuora's generic object view shows it: every field of the object, custom fields after. */
export type ObjectRow = Record<string, unknown>;

type StoredRow = Readonly<Record<string, unknown>>;

/**
 * The fields one tenant's object has: the standard ones and its custom fields (those defined, and
 * those records carry without a definition, which the emulator accepts).
 */
export function fieldsOf(object: QueryableObject, view: ReadView): string[] {
  const custom = new Set(Object.keys(definitionFor(view, object.name)?.fields ?? {}));
  for (const record of view.all<StoredRow>(object.name)) {
    const values = record.customFields;
    if (values && typeof values === 'object') for (const name of Object.keys(values)) custom.add(name);
  }
  return [...object.fields, ...custom];
}

export function objectRow(object: QueryableObject, record: StoredRow, view: ReadView, fields = fieldsOf(object, view)): ObjectRow {
  const custom = (record.customFields ?? {}) as StoredRow;
  const row: ObjectRow = {};
  for (const field of fields) {
    const reader = object.readers[field];
    const value = reader ? reader(record, view) : field.endsWith('__c') ? custom[field] : record[field];
    row[field] = value === undefined ? null : value;
  }
  return row;
}

/** Every record of the object, as rows, in creation order. */
export function allRows(object: QueryableObject, view: ReadView): ObjectRow[] {
  const fields = fieldsOf(object, view);
  return view.all<StoredRow>(object.name).map((record) => objectRow(object, record, view, fields));
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
