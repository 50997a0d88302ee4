import { invalidValue } from '../domain/errors.js';
import type { RequestContext, Route } from '../http/routeTable.js';
import type { ReadView, Transaction } from '../state/transaction.js';

// Query parameters. Zuora allows them empty, which means "not given".

export function textParam(query: Record<string, unknown>, key: string): string | undefined {
  const raw = Array.isArray(query[key]) ? (query[key] as unknown[])[0] : query[key];
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

export function numberParam(query: Record<string, unknown>, key: string): number | undefined {
  const text = textParam(query, key);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw invalidValue('Unknown', key, `'${key}' must be a number`);
  return value;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/**
 * Offset paging as the notifications API does it: `start` is the 1-based position of the first item,
 * `limit` at most 100, and `next` the path of the following page (start + limit), absent on the last.
 */
function offsetPage<T>(items: readonly T[], query: Record<string, unknown>, path: string): { data: T[]; next?: string } {
  const start = numberParam(query, 'start') ?? 1;
  const limit = numberParam(query, 'limit') ?? DEFAULT_LIMIT;
  if (!Number.isInteger(start) || start < 1) throw invalidValue('Unknown', 'start', "'start' must be a whole number from 1");
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalidValue('Unknown', 'limit', `'limit' must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  const data = items.slice(start - 1, start - 1 + limit);
  if (start - 1 + limit >= items.length) return { data };
  const rest = Object.keys(query)
    .filter((key) => key !== 'start' && key !== 'limit' && textParam(query, key) !== undefined)
    .map((key) => `&${encodeURIComponent(key)}=${encodeURIComponent(textParam(query, key) ?? '')}`)
    .join('');
  return { data, next: `${path}?start=${start + limit}&limit=${limit}${rest}` };
}

/**
 * One notifications resource (callout templates, notification definitions) as the domain keeps it:
 * the five handlers are the same for both but for these.
 */
export interface Resource<T, Create, Update, Filter> {
  /** The collection's path, for `next` links. */
  path: string;
  filter(query: Record<string, unknown>): Filter;
  list(view: ReadView, filter: Filter): T[];
  get(view: ReadView, key: string): T;
  create(tx: Transaction, input: Create): T;
  update(tx: Transaction, key: string, input: Update): T;
  remove(tx: Transaction, key: string): void;
  /** The answer for one record. */
  body(record: T): Record<string, unknown>;
}

type Handler = Route['handler'];

export interface ResourceApi {
  post: Handler;
  list: Handler;
  get: Handler;
  put: Handler;
  delete: Handler;
}

const id = (ctx: RequestContext): string => ctx.params.id ?? '';

/** POST, GET (paged list), GET by id, PUT and DELETE for a resource; the body is checked by the route's schema. */
export function resourceApi<T, Create, Update, Filter>(resource: Resource<T, Create, Update, Filter>): ResourceApi {
  return {
    async post(ctx) {
      const record = await ctx.services.store.transact(ctx.tenant, (tx) => resource.create(tx, ctx.body as Create));
      return { body: resource.body(record) };
    },
    list(ctx) {
      const records = resource.list(ctx.services.store.view(ctx.tenant), resource.filter(ctx.query));
      const page = offsetPage(records, ctx.query, resource.path);
      return { body: { data: page.data.map((record) => resource.body(record)), ...(page.next ? { next: page.next } : {}) } };
    },
    get(ctx) {
      return { body: resource.body(resource.get(ctx.services.store.view(ctx.tenant), id(ctx))) };
    },
    async put(ctx) {
      const record = await ctx.services.store.transact(ctx.tenant, (tx) => resource.update(tx, id(ctx), ctx.body as Update));
      return { body: resource.body(record) };
    },
    async delete(ctx) {
      await ctx.services.store.transact(ctx.tenant, (tx) => resource.remove(tx, id(ctx)));
      return { status: 204 };
    },
  };
}
