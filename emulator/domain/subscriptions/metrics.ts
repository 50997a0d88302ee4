import type { BillingPeriod } from '../catalog/charges.js';
import { addMonths, daysBetween, monthsBetween } from '../billing/dates.js';
import { rateQuantity, roundMoney } from '../billing/rating.js';
import type { ReadView } from '../../state/transaction.js';
import type { Subscription, SubscriptionCharge } from './model.js';
import { chargesOf, ratePlansOf, subscriptionsOfAccount, versionsOf } from './queries.js';
import { chargesByNumber, lastSegment, serviceEnd } from './segments.js';

// Zuora's calculated figures of a subscription, as its knowledge center defines them:
// - MRR (monthly recurring revenue) of a recurring charge segment: one billing period's price at the
//   segment's quantity, spread over the months of the period. One-time and usage charges have none;
//   discount charges report 0 here (Zuora shows their effect in the net figures, not the gross MRR).
// - TCV (total contracted value) of a segment: what the segment brings over its life: MRR times the
//   months from its start to its end (the subscription's end for an open segment; one billing period
//   for an evergreen subscription, which has no end to count to), and a one-time charge's price.
// - dmrc / dtcv: the change this subscription version made to the charge: the MRR of its last segment
//   and the TCV of all its segments, minus the same in the version before (all of it for a new
//   charge), carried on every segment of the charge.
// - Subscription contractedMrr: the MRR of every charge's last segment, summed; totalContractedValue:
//   the TCV of every segment, summed. Account contractedMrr: the contractedMrr of its active subscriptions.

const PERIOD_MONTHS: Partial<Record<BillingPeriod, number>> = { Month: 1, Quarter: 3, 'Semi-Annual': 6, Annual: 12 };

export interface ChargeFigures {
  mrr: number;
  tcv: number;
  dmrc: number;
  dtcv: number;
}

function periodMonths(charge: SubscriptionCharge): number | undefined {
  if (!charge.billingPeriod) return undefined;
  return charge.billingPeriod === 'Specific Months' ? (charge.specificBillingPeriod ?? undefined) : PERIOD_MONTHS[charge.billingPeriod];
}

const isDiscount = (charge: SubscriptionCharge): boolean => charge.chargeModel.startsWith('Discount');

/** MRR of one segment; 0 where the charge recurs on no monthly footing (week and day periods included). */
export function segmentMrr(charge: SubscriptionCharge): number {
  if (charge.chargeType !== 'Recurring' || isDiscount(charge)) return 0;
  const months = charge.listPriceBase === 'Per Month' ? 1 : periodMonths(charge);
  if (!months) return 0;
  return roundMoney(rateQuantity(charge, charge.quantity ?? 1).amount / months);
}

/** Months in [from, to), whole months first and the rest as a share of the month it falls in. */
export function monthsIn(from: string, to: string): number {
  let whole = monthsBetween(from, to);
  if (addMonths(from, whole) > to) whole -= 1;
  const mark = addMonths(from, whole);
  const rest = daysBetween(mark, to);
  return whole + (rest === 0 ? 0 : rest / daysBetween(mark, addMonths(mark, 1)));
}

/** TCV of one segment, as defined above. */
export function segmentTcv(subscription: Subscription, charge: SubscriptionCharge): number {
  if (charge.chargeType === 'OneTime') return isDiscount(charge) ? 0 : roundMoney(rateQuantity(charge, charge.quantity ?? 1).amount);
  const mrr = segmentMrr(charge);
  if (mrr === 0) return 0;
  const end = serviceEnd(subscription, charge) ?? addMonths(charge.effectiveStartDate, periodMonths(charge) ?? 1);
  return roundMoney(mrr * monthsIn(charge.effectiveStartDate, end));
}

/** The same charge (by number) in the version before `subscription`, if any. */
function previousSegments(view: ReadView, subscription: Subscription): Map<string, SubscriptionCharge[]> {
  const previous = versionsOf(view, subscription.subscriptionNumber).find((version) => version.version === subscription.version - 1);
  const segments = previous ? chargesOf(view, previous.id) : [];
  return new Map(chargesByNumber(segments).map((charge) => [charge[0]?.chargeNumber ?? '', charge]));
}

/** MRR, TCV and their deltas of each segment of a subscription version, keyed by segment id. */
export function chargeFigures(view: ReadView, subscription: Subscription): Map<string, ChargeFigures> {
  const before = previousSegments(view, subscription);
  const figures = new Map<string, ChargeFigures>();
  for (const segments of chargesByNumber(chargesOf(view, subscription.id))) {
    const prior = before.get(segments[0]?.chargeNumber ?? '') ?? [];
    const priorLast = lastSegment(prior);
    const priorMrr = priorLast ? segmentMrr(priorLast) : 0;
    const priorTcv = prior.reduce((sum, segment) => sum + segmentTcv(subscription, segment), 0);
    const tcvTotal = segments.reduce((sum, segment) => sum + segmentTcv(subscription, segment), 0);
    const last = lastSegment(segments);
    // The deltas belong to the charge as this version left it, so every segment carries them.
    const dmrc = roundMoney((last ? segmentMrr(last) : 0) - priorMrr);
    const dtcv = roundMoney(tcvTotal - priorTcv);
    for (const segment of segments) figures.set(segment.id, { mrr: segmentMrr(segment), tcv: segmentTcv(subscription, segment), dmrc, dtcv });
  }
  return figures;
}

/** The sum of the MRR of each live charge's last segment (charges of removed rate plans do not count). */
export function contractedMrr(view: ReadView, subscription: Subscription): number {
  const removed = new Set(ratePlansOf(view, subscription.id).filter((plan) => plan.lastChangeType === 'Remove').map((plan) => plan.id));
  const live = chargesOf(view, subscription.id).filter((charge) => !removed.has(charge.ratePlanId));
  return roundMoney(chargesByNumber(live).reduce((sum, segments) => sum + segmentMrr(lastSegment(segments) as SubscriptionCharge), 0));
}

export function totalContractedValue(view: ReadView, subscription: Subscription): number {
  return roundMoney(chargesOf(view, subscription.id).reduce((sum, segment) => sum + segmentTcv(subscription, segment), 0));
}

/** An account's contracted MRR: its active subscriptions' (latest versions) contracted MRR. */
export function accountContractedMrr(view: ReadView, accountId: string): number {
  const active = subscriptionsOfAccount(view, accountId).filter((subscription) => subscription.isLatestVersion && subscription.status === 'Active');
  return roundMoney(active.reduce((sum, subscription) => sum + contractedMrr(view, subscription), 0));
}
