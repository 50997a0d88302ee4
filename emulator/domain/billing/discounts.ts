import type { SubscriptionCharge } from '../subscriptions/model.js';
import type { BillableItem } from './billableItems.js';
import { roundMoney } from './rating.js';

// Discount charges (Discount-Percentage, Discount-Fixed Amount) bill no price of their own: they
// take money off the items of the charges they reach. A discount reaches the one-time, recurring
// and usage charges its `applyDiscountTo` names (all of them by default), on its own rate plan
// (`discountLevel` rateplan, the default) or on the whole subscription (subscription, account),
// for the items whose service period starts while the discount is in effect. A percentage takes
// that share of each item; a fixed amount takes up to its amount from the items of each period.
// Each discount line is its own item (processing type Discount), as Zuora invoices it.

const CHARGE_TYPE_TOKENS = { OneTime: 'ONETIME', Recurring: 'RECURRING', Usage: 'USAGE' } as const;

const isDiscount = (charge: Pick<SubscriptionCharge, 'chargeModel'>): boolean => charge.chargeModel.startsWith('Discount');

function reaches(discount: SubscriptionCharge, target: SubscriptionCharge): boolean {
  const appliesTo = (discount.applyDiscountTo ?? 'ONETIMERECURRINGUSAGE').toUpperCase();
  if (!appliesTo.includes(CHARGE_TYPE_TOKENS[target.chargeType])) return false;
  const level = (discount.discountLevel ?? 'rateplan').toLowerCase();
  return level !== 'rateplan' || discount.ratePlanId === target.ratePlanId;
}

const inEffect = (discount: SubscriptionCharge, date: string): boolean =>
  discount.effectiveStartDate <= date && (discount.effectiveEndDate === null || date < discount.effectiveEndDate);

/**
 * The discount items for `items` (the charge items one bill run or preview produces) and how far
 * each discount segment then counts as billed.
 */
export function discountItems(charges: readonly SubscriptionCharge[], items: readonly BillableItem[]): { items: BillableItem[]; chargedThroughDates: Record<string, string> } {
  const byId = new Map(charges.map((charge) => [charge.id, charge]));
  const discounts = charges.filter(isDiscount);
  const result: BillableItem[] = [];
  const chargedThroughDates: Record<string, string> = {};
  for (const discount of discounts) {
    const reached = items.filter((item) => {
      const target = byId.get(item.chargeId);
      return item.processingType === 'Charge' && item.amount > 0 && target !== undefined && !isDiscount(target) && reaches(discount, target) && inEffect(discount, item.serviceStartDate);
    });
    const periods = new Map<string, BillableItem[]>();
    for (const item of reached) periods.set(item.serviceStartDate, [...(periods.get(item.serviceStartDate) ?? []), item]);
    for (const [, period] of periods) {
      const first = period[0] as BillableItem;
      const total = period.reduce((sum, item) => sum + item.amount, 0);
      const off = discount.chargeModel === 'Discount-Percentage' ? (total * (discount.price ?? 0)) / 100 : Math.min(discount.price ?? 0, total);
      if (off <= 0) continue;
      result.push({
        chargeId: discount.id,
        chargeNumber: discount.chargeNumber,
        chargeName: discount.name,
        ratePlanId: discount.ratePlanId,
        subscriptionId: discount.subscriptionId,
        serviceStartDate: first.serviceStartDate,
        serviceEndDate: first.serviceEndDate,
        quantity: 1,
        unitPrice: null,
        amount: -roundMoney(off),
        processingType: 'Discount',
      });
      const through = chargedThroughDates[discount.id];
      if (!through || first.serviceEndDate > through) chargedThroughDates[discount.id] = first.serviceEndDate;
    }
  }
  return { items: result, chargedThroughDates };
}
