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
 * One page of an already shaped list. The cursor is the id of the last item served, so a page stays
 * correct when records are added between calls.
 */
export function paginate<T extends { id?: string }>(items: readonly T[], query: Record<string, unknown>, object: string): Page<T> {
  const pageSize = query.page_size === undefined ? DEFAULT_PAGE_SIZE : Number(query.page_size);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 99) {
    throw invalidValue(object, 'page_size', "'page_size' must be an integer between 1 and 99");
  }
  const filtered = applyFilters(items, many(query['filter[]'] ?? query.filter), object);
  let start = 0;
  if (typeof query.cursor === 'string' && query.cursor !== '') {
    const after = Buffer.from(query.cursor, 'base64url').toString('utf8');
    const index = filtered.findIndex((item) => item.id === after);
    if (index < 0) throw invalidValue(object, 'cursor', "'cursor' does not point into this list");
    start = index + 1;
  }
  const data = filtered.slice(start, start + pageSize);
  const last = data[data.length - 1];
  const more = start + pageSize < filtered.length;
  return { next_page: more && last?.id ? Buffer.from(last.id).toString('base64url') : null, data };
}

function applyFilters<T>(items: readonly T[], filters: string[], object: string): T[] {
  return filters.reduce<T[]>((kept, filter) => {
    const match = /^([\w.]+?)\.([A-Z]{2}):(.*)$/.exec(filter);
    const test = match ? OPERATORS[match[2] as string] : undefined;
    if (!match || !test) {
      throw invalidValue(object, 'filter[]', `'${filter}' is not a filter of the form field.OP:value`);
    }
    const [, field, , expected] = match as unknown as [string, string, string, string];
    return kept.filter((item) => test(readPath(item, field), expected));
  }, [...items]);
}

function readPath(item: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), item);
}
