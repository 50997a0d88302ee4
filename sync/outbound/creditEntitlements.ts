import type { SyncContext } from '../context.js';
import type { CreditEntitlement, Subscription } from '../model/types.js';
import { grantCredits } from './credits.js';
import { platformNow } from './dates.js';

// seeds/004 credit entitlements: each cadence of a live subscription grants its credits, usable for
// that cadence. The first allocation comes with the subscription; the next ones when the platform
// clock reaches them (the engine's hourly work), so a month's credits arrive with the month.

const LIVE = new Set<Subscription['status']>(['ACTIVE', 'IN_TRIAL', 'PAYMENT_PENDING']);

function shifted(start: string, entitlement: CreditEntitlement, count: number): string {
  const date = new Date(start);
  if (entitlement.cadence === 'YEAR') date.setUTCFullYear(date.getUTCFullYear() + count);
  else date.setUTCMonth(date.getUTCMonth() + count);
  return date.toISOString();
}

/** Grants every allocation due by now; all subscriptions, or one. Answers how many were granted. */
export async function grantDueCredits(ctx: SyncContext, subscriptionId?: string): Promise<number> {
  const { at } = await platformNow(ctx);
  let granted = 0;
  for (const subscription of ctx.store.subscriptions()) {
    if ((subscriptionId !== undefined && subscription.id !== subscriptionId) || !LIVE.has(subscription.status)) continue;
    const paidPlan = ctx.store.package(subscription.planId)?.pricingType === 'PAID';
    for (const entitlement of subscription.creditEntitlements ?? []) {
      const made = ctx.store.credits(subscription.customerId).filter((grant) => grant.subscriptionId === subscription.id && grant.currencyId === entitlement.customCurrencyId).length;
      for (let count = made; shifted(subscription.startDate, entitlement, count) <= at; count += 1) {
        await grantCredits(ctx, {
          customerId: subscription.customerId,
          // Paid with the plan's invoice (or the entitlement's own price on it); given away otherwise.
          grantType: paidPlan || entitlement.price !== undefined ? 'PAID' : 'PROMOTIONAL',
          currencyId: entitlement.customCurrencyId,
          displayName: `${subscription.id} ${entitlement.cadence === 'YEAR' ? 'yearly' : 'monthly'} credits`,
          amount: entitlement.amount,
          effectiveDate: shifted(subscription.startDate, entitlement, count),
          expirationDate: shifted(subscription.startDate, entitlement, count + 1),
          subscriptionId: subscription.id,
        });
        granted += 1;
      }
    }
  }
  return granted;
}
