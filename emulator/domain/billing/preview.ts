import { extend } from '../../state/paths.js';
import type { ReadView } from '../../state/transaction.js';
import { ACCOUNTS, type Account } from '../accounts.js';
import { getProduct } from '../catalog/products.js';
import { invalidValue } from '../errors.js';
import type { Subscription, SubscriptionCharge } from '../subscriptions/model.js';
import { chargesOf, ratePlansOf } from '../subscriptions/queries.js';
import { billableItems, type BillableItem, type SubscriptionBillingInput } from './billableItems.js';
import { addDays } from './dates.js';
import { billingPeriodEnd, billingPeriodsFrom, billingSchedule } from './periods.js';
import { roundMoney } from './rating.js';

/** A previewed invoice line, with what a reader needs beside the numbers. */
export interface PreviewItem extends BillableItem {
  subscriptionNumber: string;
  productName: string;
  productRatePlanChargeId: string;
  chargeType: SubscriptionCharge['chargeType'] | null;
  unitOfMeasure: string | null;
}

export interface PreviewDocument {
  targetDate: string;
  amount: number;
  items: PreviewItem[];
}

/**
 * What the billing math needs to know about one subscription version. Charges end with the
 * subscription: a TERMED subscription's charges stop at its term end until a renewal moves it.
 */
export function billingInputOf(view: ReadView, subscription: Subscription): SubscriptionBillingInput {
  const account = view.get<Account>(ACCOUNTS, subscription.invoiceOwnerId);
  const termEnd = subscription.termType === 'TERMED' ? subscription.termEndDate : null;
  const endsByTerm = (charge: SubscriptionCharge): SubscriptionCharge =>
    // `extend`, not a spread: a spread of a stored (frozen) charge took V8's slow path, per charge per bill run.
    termEnd && (charge.effectiveEndDate === null || charge.effectiveEndDate > termEnd) ? extend(charge, { effectiveEndDate: termEnd }) : charge;
  return {
    charges: chargesOf(view, subscription.id).map(endsByTerm),
    accountBillCycleDay: account?.billCycleDay ?? 0,
    subscriptionStartDate: subscription.subscriptionStartDate,
  };
}

function firstRecurring(charges: readonly SubscriptionCharge[]): SubscriptionCharge[] {
  const first = charges.find((charge) => charge.chargeType === 'Recurring');
  return first ? charges.filter((charge) => charge.chargeNumber === first.chargeNumber) : [];
}

/** The start of the `count`-th billing period after the one holding `from` (the next bill date for count 1). */
export function billDateAfter(input: SubscriptionBillingInput, from: string, count: number): string {
  const segments = firstRecurring(input.charges);
  if (segments.length === 0) return from;
  const schedule = billingSchedule(segments, input);
  const next = billingPeriodEnd(schedule, from);
  return count <= 1 ? next : (billingPeriodsFrom(schedule, next, count - 1).at(-1)?.end ?? next);
}

export type PreviewThrough =
  | { kind: 'date'; date: string }
  | { kind: 'termEnd' }
  /** An order's cost for `count` periods, starting with the one that holds `from`. */
  | { kind: 'periods'; count: number; from: string }
  /** The next `count` invoices after `from`: what the coming bill dates will invoice. */
  | { kind: 'nextBillingPeriods'; count: number; from: string };

export function targetDateOf(input: SubscriptionBillingInput, subscription: Subscription, through: PreviewThrough): string {
  switch (through.kind) {
    case 'date':
      return through.date;
    case 'termEnd':
      if (!subscription.termEndDate) {
        throw invalidValue('Subscription', 'previewThruType', `Subscription ${subscription.subscriptionNumber} is evergreen and has no term end`);
      }
      // The term end is exclusive; the last day of service is the day before.
      return addDays(subscription.termEndDate, -1);
    case 'periods':
      // Billing in advance, a period is billed on its first day: stop the day before the (n+1)-th starts.
      return addDays(billDateAfter(input, through.from, through.count), -1);
    case 'nextBillingPeriods':
      return billDateAfter(input, through.from, through.count);
  }
}

/**
 * What invoicing the given subscription versions through their target dates would produce, from what
 * they have been billed through so far; nothing is written.
 */
export function previewInvoice(view: ReadView, subscriptions: readonly Subscription[], through: PreviewThrough): PreviewDocument {
  let targetDate = '';
  const items: PreviewItem[] = [];
  for (const subscription of subscriptions) {
    const input = billingInputOf(view, subscription);
    const target = targetDateOf(input, subscription, through);
    if (target > targetDate) targetDate = target;
    const plans = new Map(ratePlansOf(view, subscription.id).map((plan) => [plan.id, plan]));
    const charges = new Map(input.charges.map((charge) => [charge.id, charge]));
    for (const item of billableItems(input, target).items) {
      const charge = charges.get(item.chargeId);
      const plan = plans.get(item.ratePlanId);
      items.push({
        ...item,
        subscriptionNumber: subscription.subscriptionNumber,
        productName: plan ? getProduct(view, plan.productId).name : '',
        productRatePlanChargeId: charge?.productRatePlanChargeId ?? '',
        chargeType: charge?.chargeType ?? null,
        unitOfMeasure: charge?.uom ?? null,
      });
    }
  }
  return { targetDate, amount: roundMoney(items.reduce((sum, item) => sum + item.amount, 0)), items };
}
