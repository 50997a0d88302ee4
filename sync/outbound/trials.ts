import type { SyncContext } from '../context.js';
import type { Subscription } from '../model/types.js';
import { platformNow } from './dates.js';
import { subscriptionSyncFailed } from './failures.js';
import { billingAtOnce, contractEffective, placeChangeOrder } from './orders.js';
import { atVersion } from './records.js';
import { logChange, save, syncNewSubscription } from './subscriptions.js';

/**
 * Trials whose end has come become paid: ACTIVE on the platform, and billed for their first period
 * at that instant, as a new subscription is. One kept out of Zuora (the "trial subscription" rule) is
 * synced now, its CreateSubscription order billing at once; one already in Zuora (forced by a billing
 * id or `ZUORA__` metadata) is billed by an order on its Zuora subscription. Part of the platform's
 * hourly work, so it follows the emulator's virtual clock.
 */
export async function convertEndedTrials(ctx: SyncContext): Promise<string[]> {
  const { at, today } = await platformNow(ctx);
  const ended = ctx.store.subscriptions().filter((subscription) => subscription.status === 'IN_TRIAL' && subscription.trialEndsAt && subscription.trialEndsAt <= at);
  for (const trial of ended) {
    const active = await save(ctx, { ...trial, status: 'ACTIVE' });
    const synced = active.billingSubscriptionNumber ? await billAtConversion(ctx, active, active.billingSubscriptionNumber, at, today) : await syncNewSubscription(ctx, active.id);
    await logChange(ctx, synced, 'SUBSCRIPTION_UPDATED', at, { reason: 'TRIAL_ENDED' });
  }
  return ended.map((trial) => trial.id);
}

/**
 * The trial's charges start at its end in Zuora; billing now runs them through today: the first
 * period, charged to the card on file (CHARGE) or left open (INVOICE). An order needs an action, so
 * it restates the subscription's auto-renewal (TermsAndConditions), which changes nothing else. A
 * refusal is a FAILED sync, and the bill run on the bill cycle day bills the period instead.
 */
async function billAtConversion(ctx: SyncContext, subscription: Subscription, number: string, at: string, today: string): Promise<Subscription> {
  const processingOptions = billingAtOnce(subscription, at);
  if (!processingOptions) return subscription;
  try {
    const current = await ctx.zuora.getSubscriptionV1(number);
    const restated = { type: 'TermsAndConditions', triggerDates: contractEffective(today), termsAndConditions: { autoRenew: current.autoRenew ?? true } };
    const placed = await placeChangeOrder(ctx, subscription, number, { today, actions: [restated], current, processingOptions });
    return save(ctx, { ...atVersion(subscription, placed.subscriptionNumber, placed.subscriptionId), sync: { status: 'SYNCED', at } });
  } catch (error) {
    return save(ctx, { ...subscription, sync: await subscriptionSyncFailed(ctx, subscription, error, at) });
  }
}
