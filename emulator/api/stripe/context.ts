import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import type { Params } from './params.js';
import { shape } from './shapes/index.js';

/** The parsed Stripe params of a request (query string for GET/DELETE, form body for POST). */
export const paramsOf = (ctx: RequestContext): Params => ctx.body as Params;

export const viewOf = (ctx: RequestContext): ReadView => ctx.services.store.view(ctx.tenant);

/** Runs domain work in one transaction of the account. */
export const write = <T>(ctx: RequestContext, work: (tx: Transaction) => T): Promise<T> => ctx.services.store.transact(ctx.tenant, work);

/** A stored object in its wire shape, read after the write that made it. */
export const render = (ctx: RequestContext, collection: string, record: object): Reply => ({ body: shape(viewOf(ctx), collection, record) });

/** What a DELETE answers. */
export const deleted = (object: string, id: string): Reply => ({ body: { id, object, deleted: true } });
