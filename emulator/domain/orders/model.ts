import type { CustomFields } from '../customFields.js';
import type { SubscriptionStatus, TermPeriodType } from '../subscriptions/model.js';

export const ORDERS = 'Order';

export const ORDER_STATUSES = ['Draft', 'Pending', 'Scheduled', 'Executing', 'Completed', 'Cancelled', 'Failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTION_TYPES = [
  'CreateSubscription',
  'AddProduct',
  'UpdateProduct',
  'RemoveProduct',
  'CancelSubscription',
  'RenewSubscription',
  'Suspend',
  'Resume',
  'TermsAndConditions',
] as const;
export type OrderActionType = (typeof ORDER_ACTION_TYPES)[number];

// The order request as the V1 API takes it (camelCase already); only the parts the emulator acts on.

export interface TriggerDateInput {
  name: 'ContractEffective' | 'ServiceActivation' | 'CustomerAcceptance';
  triggerDate: string;
}

export interface TierInput {
  tier?: number;
  startingUnit?: number;
  endingUnit?: number | null;
  price: number;
  priceFormat?: 'FlatFee' | 'PerUnit' | 'Flat Fee' | 'Per Unit';
}

/** One `pricing` member; `discount` carries a discount charge's terms instead of a price. */
export interface PricingMemberInput {
  listPrice?: number;
  quantity?: number;
  tiers?: TierInput[];
  discountPercentage?: number;
  discountAmount?: number;
  applyDiscountTo?: string;
  discountLevel?: string;
}

/** `pricing` of a charge override: one member, named after the charge's type and model (`discount` for discounts). */
export type PricingInput = Record<string, PricingMemberInput | undefined>;

/** When a subscribed charge ends (`endDate` of a charge override). */
export interface ChargeEndInput {
  endDateCondition?: 'Subscription_End' | 'Fixed_Period' | 'Specific_End_Date';
  upToPeriods?: number;
  upToPeriodsType?: 'Billing_Periods' | 'Days' | 'Weeks' | 'Months' | 'Years';
  specificEndDate?: string;
}

export interface ChargeOverrideInput {
  productRatePlanChargeId: string;
  chargeNumber?: string;
  /** Names the charge to later actions of the same order. */
  uniqueToken?: string;
  pricing?: PricingInput;
  billing?: {
    billingPeriod?: string;
    billCycleType?: string;
    billCycleDay?: number;
    billingTiming?: 'IN_ADVANCE' | 'IN_ARREARS';
    specificBillingPeriod?: number;
  };
  startDate?: { triggerEvent?: string; specificTriggerDate?: string };
  endDate?: ChargeEndInput;
  customFields?: CustomFields;
}

export interface RatePlanInput {
  /** Names the rate plan to later actions of the same order. */
  uniqueToken?: string;
  productRatePlanId?: string;
  productRatePlanNumber?: string;
  subscriptionRatePlanNumber?: string;
  chargeOverrides?: ChargeOverrideInput[];
  customFields?: CustomFields;
}

export interface TermInput {
  period?: number;
  periodType?: TermPeriodType;
}

export interface CreateSubscriptionInput {
  subscriptionNumber?: string;
  terms?: {
    autoRenew?: boolean;
    initialTerm: TermInput & { termType: 'TERMED' | 'EVERGREEN'; startDate?: string };
    renewalSetting?: 'RENEW_WITH_SPECIFIC_TERM' | 'RENEW_TO_EVERGREEN';
    renewalTerms?: TermInput[];
  };
  subscribeToRatePlans?: RatePlanInput[];
  notes?: string;
  invoiceSeparately?: boolean;
  currency?: string;
  paymentTerm?: string;
}

/** A charge update names its charge by number, by product rate plan charge, or by an order's unique token. */
export interface ChargeUpdateInput {
  chargeNumber?: string;
  productRatePlanChargeId?: string;
  uniqueToken?: string;
  pricing?: PricingInput;
  effectiveDate?: { specificTriggerDate?: string };
  customFields?: CustomFields;
}

export interface RatePlanReferenceInput {
  ratePlanId?: string;
  uniqueToken?: string;
  subscriptionRatePlanNumber?: string;
  productRatePlanId?: string;
  productRatePlanNumber?: string;
}

export interface UpdateProductInput extends RatePlanReferenceInput {
  chargeUpdates?: ChargeUpdateInput[];
  specificUpdateDate?: string;
  customFields?: CustomFields;
}

export interface CancelSubscriptionInput {
  cancellationPolicy: 'EndOfCurrentTerm' | 'EndOfLastInvoicePeriod' | 'SpecificDate';
  cancellationEffectiveDate?: string;
}

export interface SuspendInput {
  suspendPolicy: 'Today' | 'EndOfLastInvoicePeriod' | 'SpecificDate' | 'FixedPeriodsFromToday';
  suspendSpecificDate?: string;
  suspendPeriods?: number;
  suspendPeriodsType?: 'Day' | 'Week' | 'Month' | 'Year';
}

export interface ResumeInput {
  resumePolicy: 'Today' | 'SpecificDate' | 'SuspendDate' | 'FixedPeriodsFromSuspendDate';
  resumeSpecificDate?: string;
  resumePeriods?: number;
  resumePeriodsType?: 'Day' | 'Week' | 'Month' | 'Year';
  extendsTerm?: boolean;
}

/** A term as TermsAndConditions gives it: a length from its start, an end date, or EVERGREEN. */
export interface TermsInput {
  termType?: 'TERMED' | 'EVERGREEN';
  period?: number;
  periodType?: TermPeriodType;
  startDate?: string;
  endDate?: string;
}

export interface TermsAndConditionsInput {
  autoRenew?: boolean;
  renewalSetting?: 'RENEW_WITH_SPECIFIC_TERM' | 'RENEW_TO_EVERGREEN';
  renewalTerms?: TermInput[];
  initialTerm?: TermsInput;
  lastTerm?: TermsInput;
}

export interface OrderActionInput {
  type: OrderActionType;
  triggerDates?: TriggerDateInput[];
  createSubscription?: CreateSubscriptionInput;
  addProduct?: RatePlanInput;
  updateProduct?: UpdateProductInput;
  removeProduct?: RatePlanReferenceInput;
  cancelSubscription?: CancelSubscriptionInput;
  renewSubscription?: Record<string, unknown>;
  suspend?: SuspendInput;
  resume?: ResumeInput;
  termsAndConditions?: TermsAndConditionsInput;
  customFields?: CustomFields;
}

export interface OrderSubscriptionInput {
  subscriptionNumber?: string;
  orderActions: OrderActionInput[];
  customFields?: CustomFields;
  notes?: string;
}

export interface OrderInput {
  orderDate: string;
  orderNumber?: string;
  existingAccountNumber?: string;
  existingAccountId?: string;
  newAccount?: Record<string, unknown>;
  description?: string;
  category?: 'NewSales' | 'Return';
  reasonCode?: string;
  customFields?: CustomFields;
  subscriptions?: OrderSubscriptionInput[];
  status?: OrderStatus;
  schedulingOptions?: { scheduledDate?: string; scheduledDatePolicy?: 'SpecificDate' };
  processingOptions?: {
    runBilling?: boolean;
    collectPayment?: boolean;
    billingOptions?: { targetDate?: string; documentDate?: string; creditMemoReasonCode?: string };
    electronicPaymentOptions?: { paymentMethodId?: string };
    applyCreditBalance?: boolean;
    applyCredit?: boolean;
    applicationOrder?: string[];
    writeOff?: boolean;
    writeOffBehavior?: { financeInformation?: Record<string, string> };
  };
}

export interface OrderSubscriptionResult {
  subscriptionNumber: string;
  subscriptionId: string;
  status: SubscriptionStatus;
}

/** An invoice an order wrote off, and the credit memo that did it. */
export interface OrderWriteOff {
  invoiceId: string;
  amount: number;
  creditMemoId: string;
}

/** An order as stored: what was asked, and what came of it. */
export type Order = {
  id: string;
  orderNumber: string;
  accountId: string;
  accountNumber: string;
  orderDate: string;
  status: OrderStatus;
  isScheduled: boolean;
  scheduledDate: string | null;
  scheduledDatePolicy: string | null;
  category: 'NewSales' | 'Return';
  description?: string;
  reasonCode?: string;
  customFields: CustomFields;
  /** The subscriptions part of the request, kept so a scheduled order can run later and be read back. */
  subscriptions: OrderSubscriptionInput[];
  processingOptions?: OrderInput['processingOptions'];
  results: OrderSubscriptionResult[];
  /** What `processingOptions` billed, collected and wrote off when the order ran (absent on orders stored before credit memos). */
  invoiceIds: string[];
  creditMemoIds?: string[];
  paymentIds: string[];
  writeOffs?: OrderWriteOff[];
  cancelReason?: string;
  /** Why a scheduled order failed when it ran. */
  errorMessage?: string;
  completedDate: string | null;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};
