import { invalidValue } from '../../domain/errors.js';

export interface Page<T> {
  next_page: string | null;
  data: T[];
}

const DEFAULT_PAGE_SIZE = 10;

/** Quickstart `filter[]` operators, written `field.OP:value`. */
const OPERATORS: Record<string, (actual: unknown, expected: string) => boolean> = {
  EQ: (actual, expected) => String(actual) === expected,
  NE: (actual, expected) => String(actual) !== expected,
  GT: (actual, expected) => compare(actual, expected) > 0,
  GE: (actual, expected) => compare(actual, expected) >= 0,
  LT: (actual, expected) => compare(actual, expected) < 0,
  LE: (actual, expected) => compare(actual, expected) <= 0,
  SW: (actual, expected) => String(actual).startsWith(expected),
  IN: (actual, expected) => expected.replace(/^\[|\]$/g, '').split(',').includes(String(actual)),
};

function compare(actual: unknown, expected: string): number {
  if (typeof actual === 'number') return actual - Number(expected);
  return String(actual).localeCompare(expected);
}

/** Reads a query value that may be given once or repeated. */
function many(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/**
 * One page of a list of stored records, shaped by `shape`. Only what the page needs is shaped: the
 * records after the cursor, one by one, until the page is full and one more match shows there is a
 * next page; so a page costs the same from 50,000 records as from 100. Filters read the shaped
 * record, as the client names its fields. The cursor is the id of the last record served, so a page
 * stays correct when records are added between calls.
 */
export function paginate<R extends { id: string }, T>(records: readonly R[], shape: (record: R) => T, query: Record<string, unknown>, object: string): Page<T> {
  const pageSize = query.page_size === undefined ? DEFAULT_PAGE_SIZE : Number(query.page_size);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 99) {
    throw invalidValue(object, 'page_size', "'page_size' must be an integer between 1 and 99");
  }
  const filters = many(query['filter[]'] ?? query.filter).map((filter) => compileFilter(filter, object));
  let start = 0;
  if (typeof query.cursor === 'string' && query.cursor !== '') {
    const after = Buffer.from(query.cursor, 'base64url').toString('utf8');
    const index = records.findIndex((record) => record.id === after);
    if (index < 0) throw invalidValue(object, 'cursor', "'cursor' does not point into this list");
    start = index + 1;
  }
  const data: T[] = [];
  let lastId: string | undefined;
  for (let index = start; index < records.length; index += 1) {
    const record = records[index] as R;
    const shaped = shape(record);
    if (!filters.every((matches) => matches(shaped))) continue;
    if (data.length === pageSize) return { next_page: Buffer.from(lastId ?? '').toString('base64url'), data };
    data.push(shaped);
    lastId = record.id;
  }
  return { next_page: null, data };
}

function compileFilter(filter: string, object: string): (item: unknown) => boolean {
  const match = /^([\w.]+?)\.([A-Z]{2}):(.*)$/.exec(filter);
  const test = match && Object.hasOwn(OPERATORS, match[2] as string) ? OPERATORS[match[2] as string] : undefined;
  if (!match || !test) {
    throw invalidValue(object, 'filter[]', `'${filter}' is not a filter of the form field.OP:value`);
  }
  const [, field, , expected] = match as unknown as [string, string, string, string];
  return (item) => test(readPath(item, field), expected);
}

function readPath(item: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), item);
}
