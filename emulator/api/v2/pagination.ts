import { invalidValue } from '../../domain/errors.js';
import { matches, parseFilters, queryValues } from '../../domain/query/conditions.js';

export interface Page<T> {
  next_page: string | null;
  data: T[];
}

const DEFAULT_PAGE_SIZE = 10;

/**
 * One page of a list of stored records, shaped by `shape`. Only what the page needs is shaped: the
 * records after the cursor, one by one, until the page is full and one more match shows there is a
 * next page; so a page costs the same from 50,000 records as from 100. Filters read the shaped
 * record, as the client names its fields. The cursor is the id of the last record served, so a page
 * stays correct when records are added between calls.
 */
export function paginate<R extends { id: string }, T>(records: Iterable<R>, shape: (record: R) => T, query: Record<string, unknown>, object: string): Page<T> {
  const pageSize = query.page_size === undefined ? DEFAULT_PAGE_SIZE : Number(query.page_size);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 99) {
    throw invalidValue(object, 'page_size', "'page_size' must be an integer between 1 and 99");
  }
  const condition = parseFilters(queryValues(query['filter[]'] ?? query.filter), object);
  const after = typeof query.cursor === 'string' && query.cursor !== '' ? Buffer.from(query.cursor, 'base64url').toString('utf8') : undefined;
  let found = after === undefined;
  const data: T[] = [];
  let lastId: string | undefined;
  for (const record of records) {
    if (!found) {
      found = record.id === after;
      continue;
    }
    const shaped = shape(record);
    if (!matches(shaped, condition, { read: readPath })) continue;
    if (data.length === pageSize) return { next_page: Buffer.from(lastId ?? '').toString('base64url'), data };
    data.push(shaped);
    lastId = record.id;
  }
  if (!found) throw invalidValue(object, 'cursor', "'cursor' does not point into this list");
  return { next_page: null, data };
}

function readPath(item: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), item);
}
