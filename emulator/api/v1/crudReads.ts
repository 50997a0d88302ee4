import { deleteAccount } from '../../domain/accountDeletion.js';
import { queryableByName, type QueryableObject } from '../../domain/query/objects.js';
import { objectRow, recordByKey } from '../../domain/query/rows.js';
import { zoqlName } from '../../domain/query/zoql.js';
import type { Reply, RequestContext, Route } from '../../http/routeTable.js';

// CRUD reads (`GET /v1/object/{object}/{id}`): the object's fields with capitalised names, as ZOQL
// names them; fields without a value are left out, as Zuora's CRUD reads leave them out. An
// unknown id is the CRUD "no data" answer (404 `{done, records, size}`).

/** The CRUD path segment of each object the emulator reads this way. */
const CRUD_READS: Record<string, string> = {
  account: 'Account',
  contact: 'Contact',
  'payment-method': 'PaymentMethod',
  payment: 'Payment',
  subscription: 'Subscription',
  'rate-plan': 'RatePlan',
  'rate-plan-charge': 'RatePlanCharge',
  product: 'Product',
  'product-rate-plan': 'ProductRatePlan',
  'product-rate-plan-charge': 'ProductRatePlanCharge',
};

function readRecord(object: QueryableObject) {
  return (ctx: RequestContext): Reply => {
    const view = ctx.services.store.view(ctx.tenant);
    const row = objectRow(object, recordByKey(object, view, ctx.params.id ?? ''), view);
    return { body: Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null).map(([field, value]) => [zoqlName(field), value])) };
  };
}

export const crudReadRoutes: Route[] = Object.entries(CRUD_READS).map(([segment, name]) => {
  const queryable = queryableByName(name) as QueryableObject;
  const object = { ...queryable, readers: { ...queryable.readers, ...queryable.crudReaders } };
  return { method: 'GET', path: `/v1/object/${segment}/:id`, object: name, handler: readRecord(object) };
});

/** `DELETE /v1/object/account/{id}`: the same deletion as the REST API's, answered `{success, id}`. */
export async function deleteCrudAccount(ctx: RequestContext): Promise<Reply> {
  const account = await ctx.services.store.transact(ctx.tenant, (tx) => deleteAccount(tx, ctx.params.id ?? ''));
  return { body: { success: true, id: account.id } };
}
