import { randomUUID } from 'node:crypto';
import type { SyncContext } from '../context.js';
import type { ScheduleStrategy, Subscription } from '../model/types.js';
import { dayOf, laterOf, platformNow } from './dates.js';
import { isSyncFailure } from './errors.js';
import { recordFailure } from './failures.js';
import { subscriptionCustomFields } from './mapping.js';
import { cancelSubscriptionAction, placeOrder } from './orders.js';
import { accountNumberOf, atVersion, customerRecord, subscriptionOf } from './records.js';
import { cancelScheduledOrders, periodEndOf, withPendingCanceled } from './scheduling.js';
import { save } from './subscriptions.js';

/**
 * Cancels now (a CancelSubscription order effective today; the platform subscription CANCELED) or
 * at the end of the billing period (a Scheduled CancelSubscription order, recorded as a pending
 * CANCELLATION update that the callouts apply). Either way pending changes are withdrawn. Cancelling
 * a subscription that has already ended changes nothing.
 */
export async function cancelSubscription(ctx: SyncContext, id: string, when: ScheduleStrategy): Promise<Subscription> {
  const subscription = subscriptionOf(ctx, id);
  if (subscription.status === 'CANCELED' || subscription.status === 'EXPIRED') return subscription;
  return when === 'IMMEDIATE' ? cancelNow(ctx, subscription) : cancelAtPeriodEnd(ctx, subscription);
}

/**
 * The order that cancels on `effectiveOn`, after the subscription's Scheduled orders are withdrawn;
 * a `scheduled` one waits in Zuora until that day.
 */
async function orderCancellation(ctx: SyncContext, subscription: Subscription, number: string, effectiveOn: string, today: string, scheduled: boolean) {
  await cancelScheduledOrders(ctx, number);
  return placeOrder(ctx, {
    orderDate: today,
    accountNumber: await accountNumberOf(ctx, subscription, number),
    subscriptionNumber: number,
    customFields: subscriptionCustomFields(ctx, subscription),
    actions: [cancelSubscriptionAction(effectiveOn)],
    ...(scheduled ? { scheduledOn: effectiveOn } : {}),
  });
}

async function failedSync(ctx: SyncContext, subscription: Subscription, error: unknown, at: string): Promise<Subscription> {
  if (!isSyncFailure(error)) throw error;
  const sync = await recordFailure(ctx, { kind: 'subscription', id: subscription.id, customerId: subscription.customerId, subscriptionId: subscription.id }, error, at);
  return save(ctx, { ...subscription, sync });
}

/**
 * Status changes wait for Zuora (seeds/000): when Zuora refuses the cancellation the subscription
 * stays as it was, with the refusal as its FAILED sync state.
 */
async function cancelNow(ctx: SyncContext, subscription: Subscription): Promise<Subscription> {
  const { at, today } = await platformNow(ctx);
  let cancelled: Subscription = {
    ...subscription,
    status: 'CANCELED',
    cancellationDate: at,
    endDate: at,
    scheduledUpdates: withPendingCanceled(subscription.scheduledUpdates),
  };
  const number = subscription.billingSubscriptionNumber;
  if (number) {
    try {
      // A subscription that has not started yet is cancelled on its start day.
      const placed = await orderCancellation(ctx, subscription, number, laterOf(today, dayOf(subscription.startDate)), today, false);
      cancelled = { ...atVersion(cancelled, placed.subscriptionNumber, placed.subscriptionId), sync: { status: 'SYNCED', at } };
    } catch (error) {
      return failedSync(ctx, subscription, error, at);
    }
  }
  const result = await save(ctx, cancelled);
  await ctx.store.appendEvent({
    type: 'SUBSCRIPTION_CANCELED',
    at,
    customerId: result.customerId,
    subscriptionId: result.id,
    data: { billingId: result.billingId, sync: result.sync },
  });
  return result;
}

async function cancelAtPeriodEnd(ctx: SyncContext, subscription: Subscription): Promise<Subscription> {
  const { at, today } = await platformNow(ctx);
  const customer = customerRecord(ctx, subscription.customerId);
  let effectiveOn: string;
  let zuoraOrderNumber: string | undefined;
  let sync = subscription.sync;
  const number = subscription.billingSubscriptionNumber;
  if (!number) {
    effectiveOn = await periodEndOf(ctx, subscription, customer, today);
  } else {
    try {
      effectiveOn = await periodEndOf(ctx, subscription, customer, today);
      zuoraOrderNumber = (await orderCancellation(ctx, subscription, number, effectiveOn, today, true)).result.orderNumber;
      sync = { status: 'SYNCED', at };
    } catch (error) {
      return failedSync(ctx, subscription, error, at);
    }
  }
  const effectiveAt = `${effectiveOn}T00:00:00.000Z`;
  const result = await save(ctx, {
    ...subscription,
    cancellationDate: effectiveAt,
    scheduledUpdates: [
      ...withPendingCanceled(subscription.scheduledUpdates),
      { id: `update-${randomUUID()}`, type: 'CANCELLATION', target: {}, effectiveAt, ...(zuoraOrderNumber ? { zuoraOrderNumber } : {}), status: 'PENDING' },
    ],
    ...(sync ? { sync } : {}),
  });
  await ctx.store.appendEvent({
    type: 'SUBSCRIPTION_UPDATED',
    at,
    customerId: result.customerId,
    subscriptionId: result.id,
    data: { cancellationScheduledAt: effectiveAt, zuoraOrderNumber: zuoraOrderNumber ?? null, sync: result.sync },
  });
  return result;
}
