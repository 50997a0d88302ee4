import { subscriptionLink } from '../../billingLinks.js';
import type { Subscription } from '../../model/types.js';
import { param, type Handler } from '../handler.js';
import { subscriptionByBillingIds } from '../lookup.js';
import { applied, skipped } from '../outcome.js';
import { differs, isTerminal, saveSubscription, type LoggedEvent } from '../subscriptionState.js';

/**
 * StiggSubscriptionUpdatedEvent: an amendment made a new Zuora version; the platform subscription's
 * billing id follows to the latest version and the ones before go to history.
 */
export const subscriptionUpdated: Handler = {
  key: (body) => `StiggSubscriptionUpdatedEvent:${param(body, 'SubscriptionId') ?? ''}`,
  async handle(ctx, body) {
    const zuoraId = param(body, 'SubscriptionId');
    if (!zuoraId) return skipped('the callout names no subscription');
    // seeds/002 step 1-2: the versions sharing SubscriptionOriginalId, matched to one platform
    // subscription (the original version is the id the platform first kept), whose customer's billing
    // id is the callout's account.
    const originalId = param(body, 'SubscriptionOriginalId');
    const sub = subscriptionByBillingIds(ctx, [originalId, zuoraId]);
    if (!sub) return skipped(`no platform subscription for Zuora subscription ${originalId ?? zuoraId}`);
    const accountId = param(body, 'AccountId');
    const customerAccount = ctx.store.customer(sub.customerId)?.billingId;
    if (accountId && customerAccount && customerAccount !== accountId) {
      return skipped(`Zuora subscription ${originalId ?? zuoraId} belongs to account ${accountId}, not to the customer's ${customerAccount}`);
    }
    const number = (await ctx.zuora.getSubscriptionV1(zuoraId)).subscriptionNumber;

    // Versions' callouts may arrive in any order: follow the version Zuora holds as latest now (a read
    // by number answers it), not the one this callout names.
    const latest = await ctx.zuora.getSubscriptionV1(number);
    const history = new Set(sub.historicalBillingIds);
    for (const id of [sub.billingId, zuoraId]) if (id && id !== latest.id) history.add(id);
    // A cancelled subscription whose billing id was retired gets none back: new versions join its history.
    const keepsNoBillingId = isTerminal(sub.status) && !sub.billingId;
    if (keepsNoBillingId) history.add(latest.id);
    const next: Subscription = {
      ...sub,
      ...(keepsNoBillingId ? {} : { billingId: latest.id }),
      billingSubscriptionNumber: number,
      historicalBillingIds: [...history],
    };
    if (!differs(sub, next)) return skipped(`subscription ${sub.id} already points at ${latest.id}`);
    // Only a new billing id is news; a late callout about a version in between just fills in history.
    const events: LoggedEvent[] = next.billingId !== sub.billingId ? [{ type: 'SUBSCRIPTION_UPDATED', data: { billingId: latest.id, previousBillingId: sub.billingId ?? null, billingLinkUrl: subscriptionLink(ctx, latest.id) } }] : [];
    await saveSubscription(ctx, sub, next, events);
    return applied();
  },
};
