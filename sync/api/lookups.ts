import type { SyncContext } from '../context.js';
import type { Customer, Subscription } from '../model/types.js';
import { conflict, notFound } from './errors.js';

export function requireCustomer(ctx: SyncContext, id: string): Customer {
  const customer = ctx.store.customer(id);
  if (!customer) throw notFound('customer', id);
  return customer;
}

/** A customer new work can be started for. */
export function requireActiveCustomer(ctx: SyncContext, id: string): Customer {
  const customer = requireCustomer(ctx, id);
  if (customer.archived) throw conflict('CUSTOMER_ARCHIVED', `Customer '${id}' is archived`);
  return customer;
}

export function requireSubscription(ctx: SyncContext, id: string): Subscription {
  const subscription = ctx.store.subscription(id);
  if (!subscription) throw notFound('subscription', id);
  return subscription;
}

/** A subscription that has not ended, so it can still be changed or cancelled. */
export function requireLiveSubscription(ctx: SyncContext, id: string): Subscription {
  const subscription = requireSubscription(ctx, id);
  if (subscription.status === 'CANCELED' || subscription.status === 'EXPIRED') {
    throw conflict('SUBSCRIPTION_ENDED', `Subscription '${id}' is ${subscription.status}`);
  }
  return subscription;
}
