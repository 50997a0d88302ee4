import type { SubscriptionCharge } from '../subscriptions/model.js';
import { addDays } from './dates.js';
import { discountItems } from './discounts.js';
import { billingSchedule, billingSpans, type BillingAlignment, type BillingSchedule, type BillingSpan, type Span } from './periods.js';
import { prorationFactor } from './proration.js';
import { rateQuantity, roundMoney } from './rating.js';

/** One line a bill run would invoice: a charge (or a credit) for a span of service. */
export interface BillableItem {
  chargeId: string;
  chargeNumber: string;
  chargeName: string;
  ratePlanId: string;
  subscriptionId: string;
  serviceStartDate: string;
  /** Exclusive, like every end date in the billing model. */
  serviceEndDate: string;
  quantity: number;
  unitPrice: number | null;
  /** In the charge's currency, to cents; negative for credits. */
  amount: number;
  processingType: 'Charge' | 'Credit' | 'Discount';
}

/** One subscription version's charges (every segment, removed rate plans included) and what they align to. */
export interface SubscriptionBillingInput extends BillingAlignment {
  charges: readonly SubscriptionCharge[];
}

export interface BillableItems {
  items: BillableItem[];
  /** The billed-through date each charge segment (by id) moves to once the items are invoiced; only segments that move. */
  chargedThroughDates: Record<string, string>;
}

/**
 * What a bill run with `targetDate` would invoice for one subscription version:
 * - recurring 'In Advance' charges: every period (or part of one) that starts on or before the target;
 * - recurring 'In Arrears' charges: every period (or part of one) that has ended by the target;
 * - one-time charges: once, when their start date has come;
 * - credits for service billed beyond a segment's end, once that end has come.
 * - discounts: a line off each item they reach (see discounts.ts).
 * Usage is rated from usage records, so it is not billed here.
 */
export function billableItems(input: SubscriptionBillingInput, targetDate: string): BillableItems {
  const result: BillableItems = { items: [], chargedThroughDates: {} };
  for (const segments of byChargeNumber(input.charges)) {
    const [first] = segments;
    if (!first || first.chargeType === 'Usage' || first.chargeModel.startsWith('Discount')) continue;
    if (first.chargeType === 'OneTime') {
      for (const segment of segments) billOneTime(segment, targetDate, result);
      continue;
    }
    const schedule = billingSchedule(segments, input);
    for (const segment of segments) billRecurring(segment, schedule, targetDate, result);
  }
  const discounts = discountItems(input.charges, result.items);
  result.items.push(...discounts.items);
  Object.assign(result.chargedThroughDates, discounts.chargedThroughDates);
  return result;
}

/** Segments of each charge in segment order, charges in the order they were given. */
function byChargeNumber(charges: readonly SubscriptionCharge[]): SubscriptionCharge[][] {
  const groups = new Map<string, SubscriptionCharge[]>();
  for (const charge of charges) {
    const group = groups.get(charge.chargeNumber) ?? [];
    group.push(charge);
    groups.set(charge.chargeNumber, group);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a.segment - b.segment));
}

function billOneTime(segment: SubscriptionCharge, targetDate: string, result: BillableItems): void {
  const start = segment.effectiveStartDate;
  if (segment.chargedThroughDate !== start || start > targetDate) return;
  const end = addDays(start, 1);
  const quantity = segment.quantity ?? 1;
  const rating = rateQuantity(segment, quantity);
  result.items.push(item(segment, { start, end }, quantity, rating.unitPrice, roundMoney(rating.amount), 'Charge'));
  result.chargedThroughDates[segment.id] = end;
}

function billRecurring(segment: SubscriptionCharge, schedule: BillingSchedule, targetDate: string, result: BillableItems): void {
  const quantity = segment.quantity ?? 1;
  const rating = rateQuantity(segment, quantity);
  const priced = (span: BillingSpan, sign: 1 | -1): number => roundMoney(sign * rating.amount * prorationFactor(span));
  const end = segment.effectiveEndDate;

  if (end !== null && end < segment.chargedThroughDate) {
    // Billed ahead, then cut short by an amendment or cancellation: give back what lies beyond the
    // end, period by period, once the bill run reaches the end date.
    if (end > targetDate) return;
    const from = end > segment.effectiveStartDate ? end : segment.effectiveStartDate;
    for (const span of billingSpans(schedule, from, segment.chargedThroughDate)) {
      result.items.push(item(segment, span, quantity, rating.unitPrice, priced(span, -1), 'Credit'));
    }
    result.chargedThroughDates[segment.id] = from;
    return;
  }

  let billedThrough = segment.chargedThroughDate;
  for (const span of billingSpans(schedule, segment.chargedThroughDate, end)) {
    const due = segment.billingTiming === 'In Arrears' ? span.end <= targetDate : span.start <= targetDate;
    if (!due) break;
    result.items.push(item(segment, span, quantity, rating.unitPrice, priced(span, 1), 'Charge'));
    billedThrough = span.end;
  }
  if (billedThrough !== segment.chargedThroughDate) result.chargedThroughDates[segment.id] = billedThrough;
}

function item(
  segment: SubscriptionCharge,
  span: Span,
  quantity: number,
  unitPrice: number | null,
  amount: number,
  processingType: BillableItem['processingType'],
): BillableItem {
  return {
    chargeId: segment.id,
    chargeNumber: segment.chargeNumber,
    chargeName: segment.name,
    ratePlanId: segment.ratePlanId,
    subscriptionId: segment.subscriptionId,
    serviceStartDate: span.start,
    serviceEndDate: span.end,
    quantity,
    unitPrice,
    amount,
    processingType,
  };
}
