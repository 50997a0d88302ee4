import type { SyncContext } from '../context.js';
import type { EventType, ScheduledUpdate, Subscription, SubscriptionStatus } from '../model/types.js';
import { logEvent } from './eventLog.js';

/** An entry a handler adds to the platform's event log. */
export interface LoggedEvent {
  type: EventType;
  data: Record<string, unknown>;
}

/** Statuses no callout brings back: seeds/000 handles Cancelled as final. */
export const isTerminal = (status: SubscriptionStatus): boolean => status === 'CANCELED' || status === 'EXPIRED';

export const differs = (before: Subscription, after: Subscription): boolean => JSON.stringify(before) !== JSON.stringify(after);

/** Writes the subscription when it changed and logs the events; true when anything was written. */
export async function saveSubscription(ctx: SyncContext, before: Subscription, after: Subscription, events: readonly LoggedEvent[]): Promise<boolean> {
  const changed = differs(before, after);
  if (changed) await ctx.store.putSubscription(after);
  for (const event of events) await logEvent(ctx, event.type, { customerId: after.customerId, subscriptionId: after.id }, event.data);
  return changed || events.length > 0;
}

/** CANCELED from `at`; changes still scheduled will not happen now. */
export function cancelled(sub: Subscription, at: string): Subscription {
  return {
    ...sub,
    status: 'CANCELED',
    cancellationDate: at,
    endDate: at,
    scheduledUpdates: sub.scheduledUpdates.map((update) => (update.status === 'PENDING' ? { ...update, status: 'CANCELED' } : update)),
  };
}

/** No longer billed through Zuora: its current billing id (and `zuoraId`) move to history, as seeds/002 does for a cancelled subscription. */
export function retired(sub: Subscription, zuoraId?: string): Subscription {
  const history = new Set(sub.historicalBillingIds);
  for (const id of [sub.billingId, zuoraId]) if (id) history.add(id);
  return { ...sub, billingId: undefined, historicalBillingIds: [...history] };
}

/** Updates still pending whose time has come. */
export const dueUpdates = (sub: Subscription, now: Date): ScheduledUpdate[] =>
  sub.scheduledUpdates.filter((update) => update.status === 'PENDING' && Date.parse(update.effectiveAt) <= now.getTime());

/**
 * A scheduled update carried out on the platform's record, and marked DONE. Only the record: Zuora
 * made the change itself when the scheduled order ran, so nothing is sent back.
 */
export function applyScheduledUpdate(sub: Subscription, update: ScheduledUpdate): { subscription: Subscription; events: LoggedEvent[] } {
  const { planId, planVersionNumber, addons, units, billingPeriod } = update.target;
  const changed: Subscription = {
    ...sub,
    ...(planId !== undefined ? { planId } : {}),
    ...(planVersionNumber !== undefined ? { planVersionNumber } : {}),
    ...(addons !== undefined ? { addons } : {}),
    // A units target names the features it changes; the others keep their quantities.
    ...(units !== undefined ? { units: { ...sub.units, ...units } } : {}),
    ...(billingPeriod !== undefined ? { billingPeriod } : {}),
    scheduledUpdates: sub.scheduledUpdates.map((each) => (each.id === update.id ? { ...each, status: 'DONE' } : each)),
  };
  const data = { scheduledUpdateId: update.id, type: update.type, zuoraOrderNumber: update.zuoraOrderNumber, target: update.target };
  if (update.type === 'CANCELLATION') return { subscription: cancelled(changed, update.effectiveAt), events: [{ type: 'SUBSCRIPTION_CANCELED', data }] };
  return { subscription: changed, events: [{ type: 'SUBSCRIPTION_UPDATED', data }] };
}
