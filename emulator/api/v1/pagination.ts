import { invalidValue } from '../../domain/errors.js';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 40;

/**
 * V1 classic lists: `page` (from 1) and `pageSize` (at most 40), with `nextPage` as a URL when more
 * follow. The items are read lazily: those before the page are passed over, and one after it tells
 * whether a next page follows, so a page of a long list costs what the page costs.
 */
export function v1Page<T>(all: Iterable<T>, query: Record<string, unknown>, path: string): { items: T[]; nextPage?: string } {
  const page = query.page === undefined ? 1 : Number(query.page);
  const pageSize = query.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(query.pageSize);
  if (!Number.isInteger(page) || page < 1) throw invalidValue('Unknown', 'page', "'page' must be a whole number from 1");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw invalidValue('Unknown', 'pageSize', `'pageSize' must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  const start = (page - 1) * pageSize;
  const items: T[] = [];
  let more = false;
  let index = 0;
  for (const item of all) {
    if (index === start + pageSize) {
      more = true;
      break;
    }
    if (index >= start) items.push(item);
    index += 1;
  }
  const rest = Object.entries(query)
    .filter(([key]) => key !== 'page' && key !== 'pageSize')
    .map(([key, value]) => `&${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('');
  return {
    items,
    ...(more ? { nextPage: `${path}?page=${page + 1}&pageSize=${pageSize}${rest}` } : {}),
  };
}
