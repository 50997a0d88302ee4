import { invalidValue } from '../../domain/errors.js';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 40;

/** V1 classic lists: `page` (from 1) and `pageSize` (at most 40), with `nextPage` as a URL when more follow. */
export function v1Page<T>(items: readonly T[], query: Record<string, unknown>, path: string): { items: T[]; nextPage?: string } {
  const page = query.page === undefined ? 1 : Number(query.page);
  const pageSize = query.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(query.pageSize);
  if (!Number.isInteger(page) || page < 1) throw invalidValue('Unknown', 'page', "'page' must be a whole number from 1");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw invalidValue('Unknown', 'pageSize', `'pageSize' must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  const start = (page - 1) * pageSize;
  const more = start + pageSize < items.length;
  const rest = Object.entries(query)
    .filter(([key]) => key !== 'page' && key !== 'pageSize')
    .map(([key, value]) => `&${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('');
  return {
    items: items.slice(start, start + pageSize),
    ...(more ? { nextPage: `${path}?page=${page + 1}&pageSize=${pageSize}${rest}` } : {}),
  };
}
