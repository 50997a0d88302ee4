import type { SyncContext } from '../context.js';
import type { ScheduledUpdate, Subscription } from '../model/types.js';
import { provisionSubscription } from '../outbound/index.js';
import { cancelled, retired, saveSubscription } from './subscriptionState.js';

/** The new subscription's id follows from the update's, so a repeated completion finds the one it made. */
const successorId = (update: ScheduledUpdate): string => `sub-${update.id.replace(/^update-/, '')}`;

/**
 * A scheduled plan change whose day has come (seeds/002, StiggScheduledOrderCompletedEvent: "Plan
 * change - provisions a new subscription to the target plan"). In Zuora the scheduled order
 * cancelled the old subscription on that day; here a new platform subscription starts on it, with
 * the schedule's plan, add-ons, units and billing period, and is synced (a CreateSubscription order
 * billing its first period). The old one ends CANCELED, its update DONE, its Zuora subscription
 * history, and it names its successor (`supersededBy`).
 */
export async function completePlanChange(ctx: SyncContext, sub: Subscription, update: ScheduledUpdate): Promise<true> {
  const { planId, addons, units, billingPeriod } = update.target;
  const id = successorId(update);
  const successor =
    ctx.store.subscription(id) ??
    (await provisionSubscription(ctx, {
      id,
      customerId: sub.customerId,
      planId: planId ?? sub.planId,
      billingPeriod: billingPeriod ?? sub.billingPeriod,
      addons: addons ?? sub.addons,
      units: { ...sub.units, ...units },
      paymentCollectionMethod: sub.paymentCollectionMethod,
      ...(sub.creditEntitlements ? { creditEntitlements: sub.creditEntitlements } : {}),
      metadata: sub.metadata,
      startDate: update.effectiveAt,
    }));
  const done: Subscription = { ...sub, scheduledUpdates: sub.scheduledUpdates.map((each) => (each.id === update.id ? { ...each, status: 'DONE' } : each)) };
  const ended: Subscription = { ...retired(cancelled(done, update.effectiveAt)), supersededBy: successor.id };
  await saveSubscription(ctx, sub, ended, [
    {
      type: 'SUBSCRIPTION_CANCELED',
      data: { scheduledUpdateId: update.id, type: update.type, zuoraOrderNumber: update.zuoraOrderNumber, target: update.target, supersededBy: successor.id },
    },
  ]);
  return true;
}
