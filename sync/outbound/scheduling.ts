import type { SyncContext } from '../context.js';
import type { Customer, ScheduledUpdate, Subscription, SyncState } from '../model/types.js';
import { dayOf } from './dates.js';
import { subscriptionSyncFailed } from './failures.js';
import { billingPeriodEnd } from './periods.js';
import { isTrial } from './rules.js';

// End-of-period changes: Scheduled orders in Zuora, one at a time per subscription.

/**
 * The day "the end of the current billing period" falls on: a trial's end while in trial,
 * otherwise the next bill date, laid out on the account's bill cycle day as Zuora lays it.
 */
export async function periodEndOf(ctx: SyncContext, subscription: Subscription, customer: Customer, today: string): Promise<string> {
  if (isTrial(subscription) && subscription.trialEndsAt) return dayOf(subscription.trialEndsAt);
  const billCycleDay = subscription.billingSubscriptionNumber && customer.billingId ? ((await ctx.zuora.getAccount(customer.billingId)).bill_cycle_day ?? 0) : 0;
  return billingPeriodEnd(dayOf(subscription.startDate), subscription.billingPeriod, billCycleDay, today);
}

/**
 * Where an end-of-period change stands in Zuora. `sync` is the subscription's sync state after it
 * (unchanged when the subscription is not in Zuora). A failed one is retried (`retry: SCHEDULE`); its
 * day is the platform's own reckoning when Zuora could not tell the bill cycle day.
 */
export type PeriodEndOrder =
  | { failed: false; effectiveOn: string; zuoraOrderNumber?: string; sync: SyncState | undefined }
  | { failed: true; effectiveOn: string; zuoraOrderNumber?: undefined; sync: SyncState };

/**
 * The end of the billing period and, for a subscription in Zuora, the Scheduled order for that day
 * that `order` places (answering its number, or undefined when it placed none). A refusal is logged
 * and becomes the FAILED sync state; what the caller then keeps of the change is its own rule.
 */
export async function orderAtPeriodEnd(
  ctx: SyncContext,
  subscription: Subscription,
  customer: Customer,
  today: string,
  at: string,
  order: (number: string, effectiveOn: string) => Promise<string | undefined>,
): Promise<PeriodEndOrder> {
  const number = subscription.billingSubscriptionNumber;
  if (!number) return { failed: false, effectiveOn: await periodEndOf(ctx, subscription, customer, today), sync: subscription.sync };
  let effectiveOn: string | undefined;
  try {
    effectiveOn = await periodEndOf(ctx, subscription, customer, today);
    const zuoraOrderNumber = await order(number, effectiveOn);
    return { failed: false, effectiveOn, zuoraOrderNumber, sync: { status: 'SYNCED', at } };
  } catch (error) {
    const sync = await subscriptionSyncFailed(ctx, subscription, error, at, 'SCHEDULE');
    return { failed: true, effectiveOn: effectiveOn ?? billingPeriodEnd(dayOf(subscription.startDate), subscription.billingPeriod, 0, today), sync };
  }
}

/**
 * Cancels the subscription's Scheduled orders (found with GET orders by subscription), so the one
 * about to be placed is the only one left; answers their numbers.
 */
export async function cancelScheduledOrders(ctx: SyncContext, subscriptionNumber: string): Promise<string[]> {
  const { orders } = await ctx.zuora.listOrdersOfSubscription(subscriptionNumber, 'Scheduled');
  const scheduled = orders.filter((order) => order.status === 'Scheduled').map((order) => order.orderNumber);
  for (const orderNumber of scheduled) await ctx.zuora.cancelOrder(orderNumber, 'Replaced by a newer change from the platform');
  return scheduled;
}

/**
 * A pending update of a subscription in Zuora with no Scheduled order there: placing it failed, and
 * the FAILED sync retries it. (A subscription not in Zuora has no orders; its updates wait on the platform.)
 */
export const isUnplaced = (subscription: Subscription, update: ScheduledUpdate): boolean =>
  subscription.billingSubscriptionNumber !== undefined && update.status === 'PENDING' && update.zuoraOrderNumber === undefined;

export const unplacedUpdate = (subscription: Subscription): ScheduledUpdate | undefined =>
  subscription.scheduledUpdates.find((update) => isUnplaced(subscription, update));

/** The updates less an unplaced one: the update replacing it carries it on. */
export const withoutUnplaced = (subscription: Subscription): ScheduledUpdate[] =>
  subscription.scheduledUpdates.filter((update) => !isUnplaced(subscription, update));

/** Pending updates end as CANCELED: replaced by a newer one, or made moot by a cancellation. */
export const withPendingCanceled = (updates: readonly ScheduledUpdate[]): ScheduledUpdate[] =>
  updates.map((update) => (update.status === 'PENDING' ? { ...update, status: 'CANCELED' as const } : update));
