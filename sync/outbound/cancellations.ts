import { randomUUID } from 'node:crypto';
import type { SyncContext } from '../context.js';
import type { ScheduledUpdate, ScheduleStrategy, Subscription } from '../model/types.js';
import { dayOf, laterOf, platformNow } from './dates.js';
import { subscriptionSyncFailed } from './failures.js';
import { cancelSubscriptionAction, placeChangeOrder } from './orders.js';
import { atVersion, customerRecord, subscriptionOf } from './records.js';
import { cancelScheduledOrders, orderAtPeriodEnd, withoutUnplaced, withPendingCanceled } from './scheduling.js';
import { logChange, save } from './subscriptions.js';
import { cancelStripeSubscription, stripeClientOf } from '../stripe/outbound.js';

/**
 * Cancels now (a CancelSubscription order effective today; the platform subscription CANCELED) or
 * at the end of the billing period (a Scheduled CancelSubscription order, recorded as a pending
 * CANCELLATION update that the callouts apply). Either way pending changes are withdrawn. Cancelling
 * a subscription that has already ended changes nothing.
 */
export interface CancelOptions {
  /** Write the subscription's open invoice balances off with credit memos (`processingOptions.writeOff`). */
  writeOffOpenBalance?: boolean;
}

export async function cancelSubscription(ctx: SyncContext, id: string, when: ScheduleStrategy, options: CancelOptions = {}): Promise<Subscription> {
  const subscription = subscriptionOf(ctx, id);
  if (subscription.status === 'CANCELED' || subscription.status === 'EXPIRED') return subscription;
  return when === 'IMMEDIATE' ? cancelNow(ctx, subscription, options) : cancelAtPeriodEnd(ctx, subscription, options);
}

/**
 * The order that cancels on `effectiveOn`, after the subscription's Scheduled orders are withdrawn;
 * a `scheduled` one waits in Zuora until that day.
 */
async function orderCancellation(ctx: SyncContext, subscription: Subscription, number: string, effectiveOn: string, today: string, scheduled: boolean, options: CancelOptions) {
  await cancelScheduledOrders(ctx, number);
  return placeChangeOrder(ctx, subscription, number, {
    today,
    actions: [cancelSubscriptionAction(effectiveOn)],
    ...(scheduled ? { scheduledOn: effectiveOn } : {}),
    ...(options.writeOffOpenBalance ? { processingOptions: { writeOff: true } } : {}),
  });
}

/**
 * Status changes wait for Zuora (seeds/000): when Zuora refuses the cancellation the subscription
 * stays as it was, with the refusal as its FAILED sync state.
 */
async function cancelNow(ctx: SyncContext, subscription: Subscription, options: CancelOptions): Promise<Subscription> {
  const { at, today } = await platformNow(ctx);
  let cancelled: Subscription = {
    ...subscription,
    status: 'CANCELED',
    cancellationDate: at,
    endDate: at,
    scheduledUpdates: withPendingCanceled(subscription.scheduledUpdates),
  };
  const stripe = stripeClientOf(ctx);
  if (stripe) {
    try {
      await cancelStripeSubscription(ctx, stripe, subscription.id);
    } catch (error) {
      return save(ctx, { ...subscription, sync: { status: 'FAILED', reason: error instanceof Error ? error.message : String(error), at } });
    }
  }
  const number = subscription.billingSubscriptionNumber;
  let writeOff: unknown[] | undefined;
  if (number) {
    try {
      // A subscription that has not started yet is cancelled on its start day.
      const placed = await orderCancellation(ctx, subscription, number, laterOf(today, dayOf(subscription.startDate)), today, false, options);
      cancelled = { ...atVersion(cancelled, placed.subscriptionNumber, placed.subscriptionId), sync: { status: 'SYNCED', at } };
      writeOff = placed.result.writeOff;
    } catch (error) {
      return save(ctx, { ...subscription, sync: await subscriptionSyncFailed(ctx, subscription, error, at, 'CANCEL') });
    }
  }
  const result = await save(ctx, cancelled);
  return logChange(ctx, result, 'SUBSCRIPTION_CANCELED', at, { billingId: result.billingId, ...(writeOff ? { writeOff } : {}) });
}

async function cancelAtPeriodEnd(ctx: SyncContext, subscription: Subscription, options: CancelOptions): Promise<Subscription> {
  const { at, today } = await platformNow(ctx);
  const customer = customerRecord(ctx, subscription.customerId);
  const ordered = await orderAtPeriodEnd(ctx, subscription, customer, today, at, async (number, effectiveOn) => {
    const placed = await orderCancellation(ctx, subscription, number, effectiveOn, today, true, options);
    return placed.result.orderNumber;
  });
  const { effectiveOn, zuoraOrderNumber, sync } = ordered;
  const effectiveAt = `${effectiveOn}T00:00:00.000Z`;
  const update: ScheduledUpdate = {
    id: `update-${randomUUID()}`,
    type: 'CANCELLATION',
    target: {},
    effectiveAt,
    ...(zuoraOrderNumber ? { zuoraOrderNumber } : {}),
    ...(options.writeOffOpenBalance ? { writeOffOpenBalance: true } : {}),
    status: 'PENDING',
  };
  // Status changes wait for Zuora (as in cancelNow): a refused cancellation leaves the subscription as
  // it was, its other pending changes too, and keeps the cancellation pending for the retry to place.
  if (ordered.failed) return save(ctx, { ...subscription, scheduledUpdates: [...withoutUnplaced(subscription), update], sync: ordered.sync });
  const result = await save(ctx, {
    ...subscription,
    cancellationDate: effectiveAt,
    scheduledUpdates: [...withPendingCanceled(withoutUnplaced(subscription)), update],
    ...(sync ? { sync } : {}),
  });
  return logChange(ctx, result, 'SUBSCRIPTION_UPDATED', at, { cancellationScheduledAt: effectiveAt, zuoraOrderNumber: zuoraOrderNumber ?? null });
}
