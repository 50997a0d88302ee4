import type { BillingPeriod, ChargeModel, ChargeTier, ChargeType } from '../catalog/charges.js';
import type { CustomFields } from '../customFields.js';

// Zuora's subscription object model: a subscription version, its rate plans and their charges live
// in three collections, as Zuora keeps them, so billing can move a charge's billed-through date
// without touching (and raising events on) the subscription record itself.

export const SUBSCRIPTIONS = 'Subscription';
export const SUBSCRIPTION_RATE_PLANS = 'RatePlan';
export const SUBSCRIPTION_CHARGES = 'RatePlanCharge';

export const SUBSCRIPTION_STATUSES = [
  'Draft',
  'Pending Activation',
  'Pending Acceptance',
  'Active',
  'Cancelled',
  'Suspended',
  'Expired',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const TERM_PERIOD_TYPES = ['Month', 'Year', 'Day', 'Week'] as const;
export type TermPeriodType = (typeof TERM_PERIOD_TYPES)[number];

/**
 * One version of a subscription. Every amendment writes a new version with a new id and the same
 * number; `originalId` is the first version's id and only the newest has `isLatestVersion`.
 * Dates are YYYY-MM-DD.
 */
export type Subscription = {
  id: string;
  subscriptionNumber: string;
  accountId: string;
  invoiceOwnerId: string;
  version: number;
  originalId: string;
  previousSubscriptionId: string | null;
  isLatestVersion: boolean;
  status: SubscriptionStatus;
  termType: 'TERMED' | 'EVERGREEN';
  initialTerm: number;
  initialTermPeriodType: TermPeriodType;
  currentTerm: number;
  currentTermPeriodType: TermPeriodType;
  renewalTerm: number;
  renewalTermPeriodType: TermPeriodType;
  renewalSetting: 'RENEW_WITH_SPECIFIC_TERM' | 'RENEW_TO_EVERGREEN';
  autoRenew: boolean;
  termStartDate: string;
  /** null for evergreen subscriptions. */
  termEndDate: string | null;
  subscriptionStartDate: string;
  subscriptionEndDate: string | null;
  contractEffectiveDate: string;
  serviceActivationDate: string | null;
  customerAcceptanceDate: string | null;
  cancelledDate: string | null;
  cancelReason?: string;
  suspendDate?: string;
  resumeDate?: string;
  currency: string;
  /** Order that wrote this version. */
  orderId: string;
  orderNumber: string;
  notes?: string;
  invoiceSeparately: boolean;
  paymentTerm?: string;
  customFields: CustomFields;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

/** A product rate plan as subscribed to in one subscription version. */
export type SubscriptionRatePlan = {
  id: string;
  subscriptionId: string;
  /** Stable across versions, like a charge number. */
  subscriptionRatePlanNumber: string;
  productRatePlanId: string;
  productId: string;
  name: string;
  /** How the order that wrote this version touched the rate plan; removed plans stay, marked Remove. */
  lastChangeType: 'Add' | 'Update' | 'Remove' | null;
  /** The token the order that added the plan named it by, if any. */
  uniqueToken?: string;
  customFields: CustomFields;
  createdDate: string;
  updatedDate: string;
};

/**
 * One segment of a subscribed charge. A price or quantity change ends the current segment and opens
 * a new one with the same charge number, so billing can prorate across the change.
 */
export type SubscriptionCharge = {
  id: string;
  subscriptionId: string;
  ratePlanId: string;
  /** Id of the charge's first incarnation; stable across versions and segments. */
  originalChargeId: string;
  chargeNumber: string;
  segment: number;
  isLastSegment: boolean;
  productRatePlanChargeId: string;
  name: string;
  chargeType: ChargeType;
  chargeModel: ChargeModel;
  billingPeriod: BillingPeriod | null;
  specificBillingPeriod: number | null;
  billingTiming: 'In Advance' | 'In Arrears';
  billCycleType: string;
  billCycleDay: number | null;
  listPriceBase: string;
  triggerEvent: string;
  uom: string | null;
  currency: string;
  /** Units for per-unit, tiered and volume charges; null for flat fees and usage. */
  quantity: number | null;
  /** The single price of flat-fee, per-unit and usage per-unit charges in `currency`. */
  price: number | null;
  /** The tier table in `currency` for tiered and volume charges. */
  tiers: ChargeTier[];
  /** Service from this date (inclusive) ... */
  effectiveStartDate: string;
  /** ... to this date (exclusive); null while open-ended. */
  effectiveEndDate: string | null;
  /** Billed up to here (exclusive); equals effectiveStartDate until first billed. */
  chargedThroughDate: string;
  /** How the charge ends when the order said (`Fixed_Period`, `Specific_End_Date`); else the catalog's. */
  endDateCondition?: string;
  upToPeriods?: number;
  upToPeriodsType?: string;
  specificEndDate?: string;
  /** The token the order that added the charge named it by, if any. */
  uniqueToken?: string;
  /** Discount charges: what the discount applies to and at which level, when the order said. */
  applyDiscountTo?: string;
  discountLevel?: string;
  customFields: CustomFields;
  createdDate: string;
  updatedDate: string;
};
