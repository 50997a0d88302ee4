import { getAccount, withContacts } from '../../../domain/accounts.js';
import { getCharge, takesTierTable, type Charge } from '../../../domain/catalog/charges.js';
import { getProduct } from '../../../domain/catalog/products.js';
import { ORDERS, type Order } from '../../../domain/orders/model.js';
import { chargeFigures, contractedMrr, totalContractedValue, type ChargeFigures } from '../../../domain/subscriptions/metrics.js';
import type { Subscription, SubscriptionCharge } from '../../../domain/subscriptions/model.js';
import { chargesOf, ratePlansOf, versionsOf } from '../../../domain/subscriptions/queries.js';
import { billedThrough, chargesByNumber, serviceEnd } from '../../../domain/subscriptions/segments.js';
import type { ReadView } from '../../../state/transaction.js';
import { billingTiming, discountSummary, MODEL_NAMES, priceSummary, tierTableSummary, underscored, v1EndDateCondition, v1Tier } from '../chargeShapes.js';
import { v1AccountBasicInfo } from './account.js';
import { toV1SubscriptionContact } from './contact.js';
import { customFieldsOf } from './customFields.js';
import { orNull, unmodelled } from './nulls.js';

// GET /v1/subscriptions/{subscription-key} (GETSubscriptionByKeyWithSuccess). Every field of the
// official schema is present; what the subscription does not have is null, as Zuora's wire sends it.

/** Which segment stands for each charge, and whether every segment is listed too (`charge-detail`). */
export interface ChargeChoice {
  /** The segment shown for a charge (its segments in time order), or none to leave the charge out. */
  pick(segments: readonly SubscriptionCharge[]): SubscriptionCharge | undefined;
  withSegments: boolean;
}

const ordinal = (day: number): string => {
  const suffix = day % 100 >= 11 && day % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th');
  return `${day}${suffix}`;
};

/** Zuora prints a specific bill cycle day into the value: `SpecificDayofMonth(15th)`. */
function billingDay(charge: SubscriptionCharge): string {
  return charge.billCycleType === 'SpecificDayofMonth' && charge.billCycleDay ? `SpecificDayofMonth(${ordinal(charge.billCycleDay)})` : charge.billCycleType;
}

/** Zuora's wire timestamps on subscriptions: `2024-05-28 16:28:32`. */
const wireTime = (iso: string): string => iso.slice(0, 19).replace('T', ' ');

const isDiscount = (charge: Pick<SubscriptionCharge, 'chargeModel'>): boolean => charge.chargeModel.startsWith('Discount');

/** Fields of the charge read the emulator has no feature behind (prepaid, delivery, rollover, commitments...). */
export const UNMODELLED_CHARGE_FIELDS = [
  'amendedByOrderOn',
  'chargeFunction',
  'commitmentType',
  'chargeModelConfiguration',
  'creditOption',
  'drawdownRate',
  'drawdownUom',
  'eligibleAccountConditions',
  'eligibleChargeConditions',
  'invoiceScheduleId',
  'maximumAmount',
  'minimumAmount',
  'numberOfDeliveries',
  'originalListDiscountAmount',
  'originalListDiscountPercentage',
  'overageCalculationOption',
  'overageUnusedUnitsCreditOption',
  'percentage',
  'prepaidOperationType',
  'prepaidQuantity',
  'prepaidTotalQuantity',
  'prepaidUom',
  'pricingAttributes',
  'priceIncreasePercentage',
  'productCategory',
  'productClass',
  'productFamily',
  'productLine',
  'ratingGroup',
  'revenueRecognitionTiming',
  'revenueAmortizationMethod',
  'rolloverApply',
  'rolloverPeriodLength',
  'rolloverPeriods',
  'smoothingModel',
  'specificListPriceBase',
  'subscriptionChargeDeliverySchedule',
  'subscriptionChargeIntervalPricing',
  'unusedUnitsCreditRates',
  'upsellOriginChargeNumber',
  'usageRecordRatingOption',
  'validityPeriodType',
  'inputArgumentId',
  'prorationOption',
  'estimatedStartDate',
  'estimatedEndDate',
] as const;

/** The null fields, worked out once rather than on every answer. */
const CHARGE_NULLS = unmodelled(UNMODELLED_CHARGE_FIELDS);

/** The fields one segment carries, both as the charge itself and in `chargeSegments`. */
function toV1Segment(subscription: Subscription, charge: SubscriptionCharge, catalog: Charge, figures: ChargeFigures | undefined): Record<string, unknown> {
  const tiered = takesTierTable(charge.chargeModel);
  const discount = isDiscount(charge);
  const billed = billedThrough(charge);
  const end = serviceEnd(subscription, charge);
  const percentage = charge.chargeModel === 'Discount-Percentage';
  const fixed = charge.chargeModel === 'Discount-Fixed Amount';
  return {
    id: charge.id,
    segment: charge.segment,
    price: tiered || discount ? null : charge.price,
    salesPrice: tiered || discount ? null : charge.price,
    originalListPrice: tiered || discount ? null : charge.price,
    // Zuora counts a flat fee as one unit; usage and discounts have no quantity of their own.
    quantity: charge.chargeType === 'Usage' ? null : discount ? 0 : (charge.quantity ?? 1),
    tiers: tiered ? charge.tiers.map((tier) => ({ ...v1Tier(tier), originalListPrice: tier.price })) : null,
    currency: charge.currency,
    pricingSummary: discount
      ? discountSummary(charge.chargeModel, charge.currency, charge.price ?? 0)
      : tiered
        ? tierTableSummary(charge.currency, charge.uom, charge.tiers)
        : priceSummary(charge.currency, charge.uom, charge.price ?? 0, charge.chargeModel !== 'Flat Fee Pricing'),
    discountPercentage: percentage ? charge.price : null,
    discountAmount: fixed ? charge.price : null,
    discountLevel: discount ? (charge.discountLevel ?? catalog.discountLevel ?? 'rateplan') : null,
    applyDiscountTo: discount ? (charge.applyDiscountTo ?? catalog.applyDiscountTo ?? 'ONETIMERECURRINGUSAGE') : null,
    discountClass: null,
    discountApplyDetails: discount ? [] : null,
    triggerEvent: charge.triggerEvent,
    triggerDate: charge.triggerEvent === 'SpecificDate' ? charge.effectiveStartDate : null,
    effectiveStartDate: charge.effectiveStartDate,
    effectiveEndDate: orNull(end),
    chargedThroughDate: orNull(billed),
    processedThroughDate: orNull(billed),
    done: billed !== undefined && end !== undefined && billed >= end,
    endDateCondition: v1EndDateCondition(charge.endDateCondition ?? catalog.endDateCondition),
    upToPeriodsType: orNull(charge.upToPeriodsType ?? catalog.upToPeriodsType),
    upToPeriods: orNull(charge.upToPeriods ?? catalog.upToPeriods),
    specificEndDate: orNull(charge.specificEndDate),
    billingPeriodAlignment: catalog.billingPeriodAlignment ?? 'AlignToCharge',
    includedUnits: orNull(catalog.includedUnits),
    overagePrice: charge.chargeModel === 'Overage Pricing' ? charge.price : null,
    priceChangeOption: 'NoChange',
    numberOfPeriods: null,
    applyToBillingPeriodPartially: false,
    isStackedDiscount: false,
    reflectDiscountInNetAmount: false,
    accountingCode: orNull(catalog.accountingCode),
    revenueRecognitionCode: null,
    revRecTriggerCondition: null,
    taxable: catalog.taxable,
    taxCode: orNull(catalog.taxCode),
    taxMode: orNull(catalog.taxMode),
    mrr: figures?.mrr ?? 0,
    dmrc: figures?.dmrc ?? 0,
    tcv: figures?.tcv ?? 0,
    dtcv: figures?.dtcv ?? 0,
  };
}

interface ReadContext {
  view: ReadView;
  subscription: Subscription;
  figures: Map<string, ChargeFigures>;
  /** When each charge (by number) first came onto the subscription: the date of that version's order. */
  firstOrdered: Map<string, string>;
}

function toV1Charge(ctx: ReadContext, segments: readonly SubscriptionCharge[], shown: SubscriptionCharge, withSegments: boolean): Record<string, unknown> {
  const catalog = getCharge(ctx.view, shown.productRatePlanChargeId);
  const segment = toV1Segment(ctx.subscription, shown, catalog, ctx.figures.get(shown.id));
  return {
    id: shown.id,
    originalChargeId: shown.originalChargeId,
    productRatePlanChargeId: shown.productRatePlanChargeId,
    productRatePlanChargeNumber: catalog.productRatePlanChargeNumber,
    number: shown.chargeNumber,
    name: shown.name,
    description: catalog.description ?? '',
    type: shown.chargeType,
    model: MODEL_NAMES[shown.chargeModel],
    uom: shown.uom,
    // A charge's version counts the segments amendments have given it.
    version: segments.length,
    billingDay: billingDay(shown),
    listPriceBase: isDiscount(shown) ? null : underscored(shown.listPriceBase),
    billingPeriod: shown.billingPeriod === null ? null : underscored(shown.billingPeriod),
    specificBillingPeriod: shown.specificBillingPeriod,
    billingTiming: shown.chargeType === 'Recurring' && !isDiscount(shown) ? billingTiming(shown.billingTiming) : null,
    originalOrderDate: ctx.firstOrdered.get(shown.chargeNumber) ?? ctx.subscription.contractEffectiveDate,
    ...CHARGE_NULLS,
    isAllocationEligible: false,
    isDimensionalPrice: false,
    isPrepaid: false,
    isPriceNegotiated: false,
    isRollover: false,
    isUnbilled: false,
    excludeItemBillingFromRevenueAccounting: false,
    excludeItemBookingFromRevenueAccounting: false,
    ...segment,
    // Listed only when asked for (`charge-detail=all-segments`), else null.
    chargeSegments: withSegments ? segments.map((each) => toV1Segment(ctx.subscription, each, catalog, ctx.figures.get(each.id))) : null,
    ...customFieldsOf(ctx.view, 'RatePlanCharge', shown.customFields),
  };
}

function toV1RatePlans(ctx: ReadContext, choice: ChargeChoice): Array<Record<string, unknown>> {
  const { view, subscription } = ctx;
  const charges = chargesOf(view, subscription.id);
  return ratePlansOf(view, subscription.id).map((plan) => {
    const product = getProduct(view, plan.productId);
    const ratePlanCharges = chargesByNumber(charges.filter((charge) => charge.ratePlanId === plan.id)).flatMap((segments) => {
      const shown = choice.pick(segments);
      return shown ? [toV1Charge(ctx, segments, shown, choice.withSegments)] : [];
    });
    const planMrr = ratePlanCharges.reduce((sum, charge) => sum + Number(charge.mrr ?? 0), 0);
    return {
      id: plan.id,
      productId: product.id,
      productName: product.name,
      productSku: product.sku,
      productRatePlanId: plan.productRatePlanId,
      productRatePlanNumber: null,
      ratePlanName: plan.name,
      subscriptionRatePlanNumber: plan.subscriptionRatePlanNumber,
      externallyManagedPlanId: null,
      isFromExternalCatalog: false,
      // Zuora reports how an order changed a rate plan only once a later order amends the subscription.
      lastChangeType: subscription.version > 1 ? plan.lastChangeType : null,
      contractedMrr: planMrr,
      contractedNetMrr: planMrr,
      asOfDayGrossMrr: planMrr,
      asOfDayNetMrr: planMrr,
      subscriptionProductFeatures: [],
      ratePlanCharges,
      ...customFieldsOf(view, 'RatePlan', plan.customFields),
    };
  });
}

/** When each charge first came onto the subscription: the order date of the earliest version holding it. */
function firstOrderDates(view: ReadView, subscription: Subscription): Map<string, string> {
  const dates = new Map<string, string>();
  for (const version of versionsOf(view, subscription.subscriptionNumber)) {
    if (version.version > subscription.version) break;
    const date = view.get<Order>(ORDERS, version.orderId)?.orderDate ?? version.contractEffectiveDate;
    for (const charge of chargesOf(view, version.id)) if (!dates.has(charge.chargeNumber)) dates.set(charge.chargeNumber, date);
  }
  return dates;
}

type Span = { startDate: string; endDate: string | null; status: string };

/** The statuses the subscription has been through, in order; the current one is open-ended. */
export function statusHistory(subscription: Subscription): Span[] {
  const start = subscription.subscriptionStartDate;
  switch (subscription.status) {
    case 'Draft':
    case 'Pending Activation':
    case 'Pending Acceptance':
      return [{ startDate: subscription.contractEffectiveDate, endDate: null, status: subscription.status }];
    case 'Suspended':
      return [
        { startDate: start, endDate: orNull(subscription.suspendDate), status: 'Active' },
        { startDate: subscription.suspendDate ?? start, endDate: orNull(subscription.resumeDate), status: 'Suspended' },
      ];
    case 'Cancelled':
    case 'Expired': {
      const end = subscription.subscriptionEndDate ?? subscription.termEndDate ?? start;
      return [
        { startDate: start, endDate: end, status: 'Active' },
        { startDate: end, endDate: null, status: subscription.status },
      ];
    }
    case 'Active':
      return subscription.termEndDate
        ? [
            { startDate: start, endDate: subscription.termEndDate, status: 'Active' },
            { startDate: subscription.termEndDate, endDate: null, status: 'OutOfTerm' },
          ]
        : [{ startDate: start, endDate: null, status: 'Active' }];
  }
}

export const UNMODELLED_SUBSCRIPTION_FIELDS = [
  'externallyManagedBy',
  'invoiceGroupNumber',
  'invoiceScheduleId',
  'invoiceTemplateId',
  'invoiceTemplateName',
  'organizationLabel',
  'ramp',
  'sequenceSetId',
  'sequenceSetName',
  'communicationProfileId',
  'shipToContact',
  'scheduledCancelDate',
  'scheduledSuspendDate',
  'scheduledResumeDate',
] as const;

/** The null fields, worked out once rather than on every answer. */
const SUBSCRIPTION_NULLS = unmodelled(UNMODELLED_SUBSCRIPTION_FIELDS);

export function toV1Subscription(view: ReadView, subscription: Subscription, choice: ChargeChoice): Record<string, unknown> {
  const owner = withContacts(view, subscription.accountId);
  const invoiceOwner = getAccount(view, subscription.invoiceOwnerId);
  const ctx: ReadContext = { view, subscription, figures: chargeFigures(view, subscription), firstOrdered: firstOrderDates(view, subscription) };
  const mrr = contractedMrr(view, subscription);
  const order = view.get<Order>(ORDERS, subscription.orderId);
  return {
    success: true,
    id: subscription.id,
    subscriptionNumber: subscription.subscriptionNumber,
    accountId: owner.account.id,
    accountNumber: owner.account.accountNumber,
    accountName: owner.account.name,
    invoiceOwnerAccountId: invoiceOwner.id,
    invoiceOwnerAccountNumber: invoiceOwner.accountNumber,
    invoiceOwnerAccountName: invoiceOwner.name,
    version: subscription.version,
    revision: `${subscription.version}.0`,
    isLatestVersion: subscription.isLatestVersion,
    status: subscription.status,
    statusHistory: statusHistory(subscription),
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
    termEndDate: subscription.termEndDate,
    subscriptionStartDate: subscription.subscriptionStartDate,
    subscriptionEndDate: subscription.subscriptionEndDate,
    contractEffectiveDate: subscription.contractEffectiveDate,
    serviceActivationDate: subscription.serviceActivationDate,
    customerAcceptanceDate: subscription.customerAcceptanceDate,
    lastBookingDate: order?.orderDate ?? subscription.contractEffectiveDate,
    cancelReason: orNull(subscription.cancelReason),
    currency: subscription.currency,
    invoiceSeparately: subscription.invoiceSeparately,
    paymentTerm: orNull(subscription.paymentTerm),
    notes: orNull(subscription.notes),
    orderNumber: subscription.orderNumber,
    contractedMrr: mrr,
    contractedNetMrr: mrr,
    asOfDayGrossMrr: mrr,
    asOfDayNetMrr: mrr,
    totalContractedValue: totalContractedValue(view, subscription),
    netTotalContractedValue: totalContractedValue(view, subscription),
    originalListPrice: null,
    createTime: wireTime(subscription.createdDate),
    updateTime: wireTime(subscription.updatedDate),
    totalNumberOfChargeSegments: chargesOf(view, subscription.id).length,
    billToContact: owner.billTo && toV1SubscriptionContact(view, owner.billTo, owner.account),
    soldToContact: owner.soldTo && toV1SubscriptionContact(view, owner.soldTo, owner.account),
    accountOwnerDetails: v1AccountBasicInfo(view, owner.account),
    invoiceOwnerAccountDetails: v1AccountBasicInfo(view, invoiceOwner),
    ...SUBSCRIPTION_NULLS,
    ...customFieldsOf(view, 'Subscription', subscription.customFields),
    ratePlans: toV1RatePlans(ctx, choice),
  };
}
