import { invalidValue } from '../../domain/errors.js';
import { matches, parseFilters, queryValues } from '../../domain/query/conditions.js';

export interface Page<T> {
  next_page: string | null;
  data: T[];
}

const DEFAULT_PAGE_SIZE = 10;

/**
 * One page of an already shaped list. The cursor is the id of the last item served, so a page stays
 * correct when records are added between calls.
 */
export function paginate<T extends { id?: string }>(items: readonly T[], query: Record<string, unknown>, object: string): Page<T> {
  const pageSize = query.page_size === undefined ? DEFAULT_PAGE_SIZE : Number(query.page_size);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 99) {
    throw invalidValue(object, 'page_size', "'page_size' must be an integer between 1 and 99");
  }
  const condition = parseFilters(queryValues(query['filter[]'] ?? query.filter), object);
  const filtered = items.filter((item) => matches(item, condition, { read: readPath }));
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

function readPath(item: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), item);
}
