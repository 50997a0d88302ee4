import type { Subscription } from '../../model/types.js';
import { param, type Handler } from '../handler.js';
import { applied, skipped } from '../outcome.js';
import { subscriptionByBillingIds } from '../lookup.js';
import { completePlanChange } from '../planChange.js';
import { applyScheduledUpdate, cancelled, isTerminal, retired, saveSubscription, type LoggedEvent } from '../subscriptionState.js';

const ZUORA_CANCELLED = 'Cancelled';

/** Zuora's `yyyy-mm-dd` as the platform's ISO timestamp (midnight UTC). */
function isoDate(date: string | undefined): string | undefined {
  return date && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : undefined;
}

/**
 * Subscription (standard change) and StiggSubscriptionCancelledEvent, which seeds/002 treats alike:
 * status Cancelled cancels the platform subscription from SubscriptionCancelledDate; a subscription
 * already cancelled or expired only moves its billing id to history. Other Zuora statuses change
 * nothing (seeds/000 maps only Active and Cancelled, and Active is what payments decide).
 */
export const subscriptionCancelled: Handler = {
  // Both events fire for one cancellation: the same key makes the second a replay.
  key: (body) => `SubscriptionStatus:${param(body, 'SubscriptionId') ?? ''}:${param(body, 'SubscriptionStatus') ?? ''}`,
  async handle(ctx, body) {
    const status = param(body, 'SubscriptionStatus');
    if (status !== ZUORA_CANCELLED) return skipped(`Zuora status ${status ?? '(none)'} changes nothing on the platform`);
    const zuoraId = param(body, 'SubscriptionId');
    const sub = subscriptionByBillingIds(ctx, [zuoraId, param(body, 'SubscriptionPreviousSubscriptionId'), param(body, 'SubscriptionOriginalId')]);
    if (!sub) return skipped(`no platform subscription for Zuora subscription ${zuoraId ?? '(none)'}`);

    const now = await ctx.time.now();
    const date = param(body, 'SubscriptionCancelledDate');
    const at = isoDate(date) ?? now.toISOString();
    let next: Subscription = sub;
    let events: LoggedEvent[] = [];
    if (isTerminal(sub.status)) {
      next = retired(sub, zuoraId);
    } else if (Date.parse(at) > now.getTime()) {
      // Cancelled in Zuora from a later date: the platform keeps it running until then.
      next = { ...sub, cancellationDate: at, endDate: at };
    } else {
      // The platform's own scheduled cancellation, carried out: applied as the platform meant it, and,
      // the platform having cancelled it, the Zuora subscription is history (as when its
      // ScheduledOrderCompleted callout came first and this one found the subscription cancelled).
      const own = sub.scheduledUpdates.find(
        (update) => (update.type === 'CANCELLATION' || update.type === 'PLAN_CHANGE') && update.status === 'PENDING' && update.effectiveAt.slice(0, 10) === at.slice(0, 10),
      );
      // A plan change ends the old subscription in Zuora and starts a new one here, whichever callout comes first.
      if (own?.type === 'PLAN_CHANGE') return (await completePlanChange(ctx, sub, own)) && applied();
      if (own) {
        const done = applyScheduledUpdate(sub, own);
        next = retired(done.subscription, zuoraId);
        events = done.events;
      } else {
        next = cancelled(sub, at);
        events = [{ type: 'SUBSCRIPTION_CANCELED', data: { zuoraSubscriptionId: zuoraId, cancellationDate: at, source: 'zuora' } }];
      }
    }
    return (await saveSubscription(ctx, sub, next, events)) ? applied() : skipped(`subscription ${sub.id} already reflects the cancellation`);
  },
};
