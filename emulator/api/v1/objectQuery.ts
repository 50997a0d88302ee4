import { invalidValue, unknownField } from '../../domain/errors.js';
import { parseFilter, queryValues, type Condition } from '../../domain/query/conditions.js';
import { queryableByName, type QueryableObject } from '../../domain/query/objects.js';
import { canonicalField, fieldsOf, matchingRecords, objectRow, readField, recordByKey, type ObjectRow, type StoredRow } from '../../domain/query/rows.js';
import type { Reply, RequestContext, Route } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';

// Object Query (`/object-query/{objects}` and `/{key}`): Zuora's generic reads with `filter[]`,
// `sort[]`, `fields[]`, `expand[]`, `pageSize` and `cursor`. Field names match in any letter case;
// null fields are left out unless `includeNullFields=true`.

const DEFAULT_PAGE_SIZE = 10;

interface Shaping {
  /** Selected fields by object path: `''` for the queried object, `billto` or `subscriptions.rateplans` for expanded ones. */
  fields: Map<string, string[]>;
  expand: string[];
  includeNulls: boolean;
}

/** `fields[]=a&fields[]=b`, `fields[]=a,b` and `account.fields[]=a,b` all select fields; the prefix names the (expanded) object. */
function selectedFields(query: Record<string, unknown>, object: QueryableObject): Map<string, string[]> {
  const selected = new Map<string, string[]>();
  const self = object.name.toLowerCase();
  for (const [name, value] of Object.entries(query)) {
    const match = /^(?:(.+)\.)?fields\[\]$/i.exec(name);
    if (!match) continue;
    const owner = match[1]?.toLowerCase();
    const path = owner === undefined || owner === self ? '' : owner;
    const list = queryValues(value).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
    selected.set(path, [...(selected.get(path) ?? []), ...list]);
  }
  return selected;
}

/** The object an `expand[]` path leads to, checked one step at a time. */
function expandedObject(object: QueryableObject, path: string): QueryableObject {
  let current = object;
  for (const step of path.split('.')) {
    // `expand[]=__proto__` names no relation; an inherited property is none either.
    const relation = Object.hasOwn(current.relations, step) ? current.relations[step] : undefined;
    const next = relation && queryableByName(relation.object);
    if (!next) throw invalidValue(object.name, 'expand[]', `'${path}' cannot be expanded on ${current.name}; one of: ${Object.keys(current.relations).join(', ')}`);
    current = next;
  }
  return current;
}

function shaping(query: Record<string, unknown>, object: QueryableObject, view: ReadView): Shaping {
  const expand = queryValues(query['expand[]']).flatMap((item) => item.split(',')).map((item) => item.trim().toLowerCase()).filter(Boolean);
  // `subscriptions.rateplans` also expands `subscriptions`.
  const all = [...new Set(expand.flatMap((path) => path.split('.').map((_, index, steps) => steps.slice(0, index + 1).join('.'))))];
  const fields = selectedFields(query, object);
  for (const [path, names] of fields) {
    if (path !== '' && !all.includes(path)) throw invalidValue(object.name, `${path}.fields[]`, `'${path}' is not expanded`);
    const target = path === '' ? object : expandedObject(object, path);
    const known = fieldsOf(target, view);
    fields.set(path, names.map((name) => canonicalField(known, name) ?? failUnknown(target, name)));
  }
  for (const path of all) expandedObject(object, path);
  return { fields, expand: all, includeNulls: String(query.includeNullFields) === 'true' };
}

const failUnknown = (object: QueryableObject, name: string): never => {
  throw unknownField(object.name, name);
};

function pick(row: ObjectRow, fields: readonly string[] | undefined, includeNulls: boolean): ObjectRow {
  const names = fields ?? Object.keys(row);
  return Object.fromEntries(names.filter((name) => includeNulls || row[name] !== null).map((name) => [name, row[name]]));
}

/** The row shaped for the answer, with its expansions embedded under their names. */
function shape(object: QueryableObject, row: ObjectRow, view: ReadView, how: Shaping, path = ''): ObjectRow {
  const out = pick(row, how.fields.get(path), how.includeNulls);
  for (const [name, relation] of Object.entries(object.relations)) {
    const childPath = path ? `${path}.${name}` : name;
    if (!how.expand.includes(childPath)) continue;
    const target = queryableByName(relation.object) as QueryableObject;
    const fields = fieldsOf(target, view);
    const toRow = (record: Readonly<Record<string, unknown>>): ObjectRow => shape(target, objectRow(target, record, view, fields), view, how, childPath);
    if (relation.kind === 'many') {
      out[relation.as] = view.filterBy<Record<string, unknown>>(target.name, relation.foreignKey, row.id).map(toRow);
    } else {
      const id = row[relation.foreignKey];
      const record = typeof id === 'string' ? view.get<Record<string, unknown>>(target.name, id) : undefined;
      out[relation.as] = record ? toRow(record) : null;
    }
  }
  return out;
}

function filterCondition(query: Record<string, unknown>, object: QueryableObject, known: readonly string[]): Condition {
  const operands = queryValues(query['filter[]']).map((filter) => {
    const parsed = parseFilter(filter, object.name);
    return { ...parsed, field: canonicalField(known, parsed.field) ?? failUnknown(object, parsed.field) };
  });
  return { kind: 'and', operands };
}

interface SortKey {
  field: string;
  sign: 1 | -1;
}

/** `sort[]=field.ASC|DESC` (ascending when the direction is left out), applied in the order given. */
function sortKeys(query: Record<string, unknown>, object: QueryableObject, known: readonly string[]): SortKey[] {
  return queryValues(query['sort[]']).map((item) => {
    const match = /^(.+?)(?:\.(ASC|DESC))?$/i.exec(item.trim());
    if (!match) throw invalidValue(object.name, 'sort[]', `'${item}' is not a sort of the form field.ASC or field.DESC`);
    const field = canonicalField(known, match[1] as string) ?? failUnknown(object, match[1] as string);
    return { field, sign: match[2]?.toUpperCase() === 'DESC' ? -1 : 1 };
  });
}

/** The records in sort order (a stable sort: ties keep creation order); each sort field is read once a record. */
function sorted(records: Iterable<StoredRow>, keys: readonly SortKey[], object: QueryableObject, view: ReadView): StoredRow[] {
  const order = (value: unknown): string | number => (typeof value === 'number' ? value : value === null ? '' : String(value));
  const keyed = [...records].map((record) => ({ record, values: keys.map(({ field }) => order(readField(object, record, view, field))) }));
  keyed.sort((a, b) => {
    for (const [index, { sign }] of keys.entries()) {
      const [left, right] = [a.values[index] as string | number, b.values[index] as string | number];
      if (left < right) return -sign;
      if (left > right) return sign;
    }
    return 0;
  });
  return keyed.map(({ record }) => record);
}

function pageSize(query: Record<string, unknown>, object: QueryableObject): number {
  const size = query.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(query.pageSize);
  if (!Number.isInteger(size) || size < 1 || size > 99) throw invalidValue(object.name, 'pageSize', "'pageSize' must be an integer between 1 and 99");
  return size;
}

/**
 * One page of the matching records, read lazily: those after the cursor until the page is full, and
 * one more to tell whether a next page follows. The cursor is the id of the last record served, so a
 * page stays right when records are added in between.
 */
function page(records: Iterable<StoredRow>, query: Record<string, unknown>, object: QueryableObject): { records: StoredRow[]; nextPage: string | null } {
  const size = pageSize(query, object);
  const after = typeof query.cursor === 'string' && query.cursor !== '' ? Buffer.from(query.cursor, 'base64url').toString('utf8') : undefined;
  let found = after === undefined;
  const served: StoredRow[] = [];
  for (const record of records) {
    if (!found) {
      found = record.id === after;
      continue;
    }
    if (served.length === size) return { records: served, nextPage: Buffer.from(String(served[size - 1]?.id)).toString('base64url') };
    served.push(record);
  }
  if (!found) throw invalidValue(object.name, 'cursor', "'cursor' does not point into this list");
  return { records: served, nextPage: null };
}

function listObjects(object: QueryableObject) {
  return (ctx: RequestContext): Reply => {
    const view = ctx.services.store.view(ctx.tenant);
    const known = fieldsOf(object, view);
    const how = shaping(ctx.query, object, view);
    const condition = filterCondition(ctx.query, object, known);
    const keys = sortKeys(ctx.query, object, known);
    const matching = matchingRecords(object, view, condition);
    const { records, nextPage } = page(keys.length > 0 ? sorted(matching, keys, object, view) : matching, ctx.query, object);
    return { body: { nextPage, data: records.map((record) => shape(object, objectRow(object, record, view, known), view, how)) } };
  };
}

function getObject(object: QueryableObject) {
  return (ctx: RequestContext): Reply => {
    const view = ctx.services.store.view(ctx.tenant);
    const how = shaping(ctx.query, object, view);
    const row = objectRow(object, recordByKey(object, view, ctx.params.key ?? ''), view);
    return { body: shape(object, row, view, how) };
  };
}

/** A list and a by-key route for each queryable object. */
export function objectQueryRoutesFor(objects: readonly QueryableObject[]): Route[] {
  return objects.flatMap((object): Route[] => [
    { method: 'GET', path: `/object-query/${object.path}`, object: object.name, handler: listObjects(object) },
    { method: 'GET', path: `/object-query/${object.path}/:key`, object: object.name, handler: getObject(object) },
  ]);
}
