import { getAccount } from '../../domain/accounts.js';
import { takesTierTable, type BillingPeriod } from '../../domain/catalog/charges.js';
import { getProduct } from '../../domain/catalog/products.js';
import { rateQuantity, roundMoney } from '../../domain/billing/rating.js';
import { invalidValue } from '../../domain/errors.js';
import { SUBSCRIPTIONS, type Subscription, type SubscriptionCharge } from '../../domain/subscriptions/model.js';
import { chargesOf, getSubscription, ratePlansOf } from '../../domain/subscriptions/queries.js';
import { billedThrough, chargesByNumber, inEffectOn, lastSegment, serviceEnd } from '../../domain/subscriptions/segments.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { compact } from '../shape.js';
import { billingTiming, MODEL_NAMES, priceSummary, tierTableSummary, underscored, v1Tier } from './chargeShapes.js';
import { tenantToday } from '../../domain/tenantTime.js';

// GET /v1/subscriptions/{subscription-key}, shaped as Zuora's GETSubscriptionByKeyWithSuccess.
// The official schema types its dates, terms and tiers as plain strings and numbers (not nullable),
// so a value the subscription does not have is left out rather than sent as null.

/** Months in one billing period, for the periods whose monthly share is a plain division. */
const PERIOD_MONTHS: Partial<Record<BillingPeriod, number>> = { Month: 1, Quarter: 3, 'Semi-Annual': 6, Annual: 12 };

const CHARGE_DETAILS = ['last-segment', 'current-segment', 'all-segments', 'specific-segment'] as const;
type ChargeDetail = (typeof CHARGE_DETAILS)[number];

/** Which segment stands for each charge (`charge-detail`), and the date that picks it for the dated choices. */
interface SegmentChoice {
  detail: ChargeDetail;
  asOf: string;
}

function segmentChoice(view: ReadView, query: Record<string, unknown>): SegmentChoice {
  const detail = String(query['charge-detail'] ?? 'last-segment');
  if (!(CHARGE_DETAILS as readonly string[]).includes(detail)) {
    throw invalidValue(SUBSCRIPTIONS, 'charge-detail', `'charge-detail' must be one of ${CHARGE_DETAILS.join(', ')}`);
  }
  const today = tenantToday(view);
  if (detail !== 'specific-segment') return { detail: detail as ChargeDetail, asOf: today };
  const asOf = query['as-of-date'];
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw invalidValue(SUBSCRIPTIONS, 'as-of-date', "'charge-detail=specific-segment' needs 'as-of-date' as yyyy-mm-dd");
  }
  return { detail, asOf };
}

/**
 * The segment shown as the charge: the last one in time by default, or the one in effect on the
 * chosen date (a charge with none in effect then is left out, as Zuora leaves it out).
 */
function shownSegment(segments: readonly SubscriptionCharge[], choice: SegmentChoice): SubscriptionCharge | undefined {
  if (choice.detail === 'last-segment' || choice.detail === 'all-segments') return lastSegment(segments);
  return segments.find((segment) => inEffectOn(segment, choice.asOf));
}

const ordinal = (day: number): string => {
  const suffix = day % 100 >= 11 && day % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th');
  return `${day}${suffix}`;
};

/** Zuora prints a specific bill cycle day into the value: `SpecificDayofMonth(15th)`. */
function billingDay(charge: SubscriptionCharge): string {
  return charge.billCycleType === 'SpecificDayofMonth' && charge.billCycleDay ? `SpecificDayofMonth(${ordinal(charge.billCycleDay)})` : charge.billCycleType;
}

/**
 * Monthly recurring revenue of a recurring charge: one period's price at its quantity, spread over
 * the months of the period. Left out where that is not a plain division (weekly, daily, term-long
 * and discount charges) and for one-time and usage charges.
 */
function monthlyRecurringRevenue(charge: SubscriptionCharge): number | undefined {
  if (charge.chargeType !== 'Recurring' || !charge.billingPeriod || charge.chargeModel.startsWith('Discount')) return undefined;
  const periodMonths = charge.billingPeriod === 'Specific Months' ? charge.specificBillingPeriod : PERIOD_MONTHS[charge.billingPeriod];
  const months = charge.listPriceBase === 'Per Month' ? 1 : charge.listPriceBase === 'Per Billing Period' ? periodMonths : undefined;
  if (!months) return undefined;
  return roundMoney(rateQuantity(charge, charge.quantity ?? 1).amount / months);
}

function toV1Segment(subscription: Subscription, charge: SubscriptionCharge): Record<string, unknown> {
  const tiered = takesTierTable(charge.chargeModel);
  const billed = billedThrough(charge);
  const end = serviceEnd(subscription, charge);
  return compact({
    id: charge.id,
    segment: charge.segment,
    price: tiered ? undefined : (charge.price ?? undefined),
    quantity: charge.quantity ?? undefined,
    // v1Tier keeps an open end as null, which this schema does not allow.
    tiers: tiered ? charge.tiers.map((tier) => compact({ ...v1Tier(tier), endingUnit: tier.endingUnit ?? undefined })) : undefined,
    currency: charge.currency,
    pricingSummary: tiered
      ? tierTableSummary(charge.currency, charge.uom, charge.tiers)
      : priceSummary(charge.currency, charge.uom, charge.price ?? 0, charge.chargeModel !== 'Flat Fee Pricing'),
    triggerEvent: charge.triggerEvent,
    effectiveStartDate: charge.effectiveStartDate,
    effectiveEndDate: end,
    chargedThroughDate: billed,
    processedThroughDate: billed,
    done: billed !== undefined && end !== undefined && billed >= end,
    mrr: monthlyRecurringRevenue(charge),
  });
}

function toV1Charge(subscription: Subscription, segments: readonly SubscriptionCharge[], shown: SubscriptionCharge, withSegments: boolean): Record<string, unknown> {
  return compact({
    ...shown.customFields,
    id: shown.id,
    originalChargeId: shown.originalChargeId,
    productRatePlanChargeId: shown.productRatePlanChargeId,
    number: shown.chargeNumber,
    name: shown.name,
    type: shown.chargeType,
    model: MODEL_NAMES[shown.chargeModel],
    uom: shown.uom ?? undefined,
    billingDay: billingDay(shown),
    listPriceBase: underscored(shown.listPriceBase),
    billingPeriod: shown.billingPeriod ?? undefined,
    specificBillingPeriod: shown.specificBillingPeriod ?? undefined,
    billingTiming: billingTiming(shown.billingTiming),
    ...toV1Segment(subscription, shown),
    chargeSegments: withSegments ? segments.map((segment) => toV1Segment(subscription, segment)) : undefined,
  });
}

function toV1RatePlans(view: ReadView, subscription: Subscription, choice: SegmentChoice): Array<Record<string, unknown>> {
  const charges = chargesOf(view, subscription.id);
  return ratePlansOf(view, subscription.id).map((plan) => {
    const product = getProduct(view, plan.productId);
    const ratePlanCharges = chargesByNumber(charges.filter((charge) => charge.ratePlanId === plan.id)).flatMap((segments) => {
      const shown = shownSegment(segments, choice);
      return shown ? [toV1Charge(subscription, segments, shown, choice.detail === 'all-segments')] : [];
    });
    return compact({
      ...plan.customFields,
      id: plan.id,
      productId: product.id,
      productName: product.name,
      productSku: product.sku,
      productRatePlanId: plan.productRatePlanId,
      ratePlanName: plan.name,
      subscriptionRatePlanNumber: plan.subscriptionRatePlanNumber,
      // Zuora reports how an order changed a rate plan only once a later order amends the subscription.
      lastChangeType: subscription.version > 1 ? (plan.lastChangeType ?? undefined) : undefined,
      ratePlanCharges,
    });
  });
}

function toV1Subscription(view: ReadView, subscription: Subscription, choice: SegmentChoice): Record<string, unknown> {
  const owner = getAccount(view, subscription.accountId);
  const invoiceOwner = getAccount(view, subscription.invoiceOwnerId);
  return compact({
    success: true,
    ...subscription.customFields,
    id: subscription.id,
    subscriptionNumber: subscription.subscriptionNumber,
    accountId: owner.id,
    accountNumber: owner.accountNumber,
    accountName: owner.name,
    invoiceOwnerAccountId: invoiceOwner.id,
    invoiceOwnerAccountNumber: invoiceOwner.accountNumber,
    invoiceOwnerAccountName: invoiceOwner.name,
    version: subscription.version,
    revision: `${subscription.version}.0`,
    isLatestVersion: subscription.isLatestVersion,
    status: subscription.status,
    termType: subscription.termType,
    initialTerm: subscription.initialTerm,
    initialTermPeriodType: subscription.initialTermPeriodType,
    currentTerm: subscription.currentTerm,
    currentTermPeriodType: subscription.currentTermPeriodType,
    renewalTerm: subscription.renewalTerm,
    renewalTermPeriodType: subscription.renewalTermPeriodType,
    renewalSetting: subscription.renewalSetting,
    autoRenew: subscription.autoRenew,
    termStartDate: subscription.termStartDate,
    termEndDate: subscription.termEndDate ?? undefined,
    subscriptionStartDate: subscription.subscriptionStartDate,
    subscriptionEndDate: subscription.subscriptionEndDate ?? undefined,
    contractEffectiveDate: subscription.contractEffectiveDate,
    serviceActivationDate: subscription.serviceActivationDate ?? undefined,
    customerAcceptanceDate: subscription.customerAcceptanceDate ?? undefined,
    cancelReason: subscription.cancelReason,
    currency: subscription.currency,
    invoiceSeparately: subscription.invoiceSeparately,
    paymentTerm: subscription.paymentTerm,
    notes: subscription.notes ?? '',
    orderNumber: subscription.orderNumber,
    totalNumberOfChargeSegments: chargesOf(view, subscription.id).length,
    ratePlans: toV1RatePlans(view, subscription, choice),
  });
}

export function getSubscriptionV1(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const subscription = getSubscription(view, ctx.params.subscription_key ?? '');
  return { body: toV1Subscription(view, subscription, segmentChoice(view, ctx.query)) };
}
