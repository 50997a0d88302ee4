// Stripe objects as the Stripe dialect keeps them. Fields are Stripe's (snake_case, unix seconds,
// amounts in minor units); the api layer fills in the keys this emulator has no behaviour for.
import type { GatewayBehaviour } from '../payments/model.js';

export const CUSTOMERS = 'stripe.customer';
export const PRODUCTS = 'stripe.product';
export const PRICES = 'stripe.price';
export const PAYMENT_METHODS = 'stripe.payment_method';
export const SUBSCRIPTIONS = 'stripe.subscription';
export const SUBSCRIPTION_ITEMS = 'stripe.subscription_item';
export const INVOICES = 'stripe.invoice';
export const INVOICE_ITEMS = 'stripe.invoiceitem';
export const PAYMENT_INTENTS = 'stripe.payment_intent';
export const TEST_CLOCKS = 'stripe.test_clock';
export const WEBHOOK_ENDPOINTS = 'stripe.webhook_endpoint';
export const EVENTS = 'stripe.event';
export const COUPONS = 'stripe.coupon';
export const METERS = 'stripe.billing.meter';
export const CHECKOUT_SESSIONS = 'stripe.checkout.session';
export const PORTAL_SESSIONS = 'stripe.billing_portal.session';
export const METER_EVENTS = 'stripe.billing.meter_event';
export const USAGE_RECORDS = 'stripe.usage_record';
export const PROMOTION_CODES = 'stripe.promotion_code';

export type Metadata = Readonly<Record<string, string>>;

export interface Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export type StripeCustomer = {
  id: string;
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  address: Address | null;
  metadata: Metadata;
  default_payment_method: string | null;
  test_clock: string | null;
  invoice_prefix: string;
  next_invoice_sequence: number;
  deleted: boolean;
};

export type StripeProduct = {
  id: string;
  created: number;
  updated: number;
  name: string;
  active: boolean;
  description: string | null;
  metadata: Metadata;
  default_price: string | null;
  tax_code: string | null;
  unit_label: string | null;
};

export interface PriceTier {
  up_to: number | null;
  unit_amount: number | null;
  flat_amount: number | null;
}

export interface Recurring {
  interval: 'day' | 'week' | 'month' | 'year';
  interval_count: number;
  usage_type: 'licensed' | 'metered';
  meter: string | null;
  trial_period_days: number | null;
}

export type StripePrice = {
  id: string;
  created: number;
  product: string;
  active: boolean;
  currency: string;
  unit_amount: number | null;
  billing_scheme: 'per_unit' | 'tiered';
  tiers_mode: 'graduated' | 'volume' | null;
  tiers: PriceTier[];
  recurring: Recurring | null;
  lookup_key: string | null;
  nickname: string | null;
  metadata: Metadata;
  tax_behavior: 'inclusive' | 'exclusive' | 'unspecified';
};

export type StripePaymentMethod = {
  id: string;
  created: number;
  customer: string | null;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  metadata: Metadata;
  /** How the shared gateway simulator treats charges to it. */
  gateway: GatewayBehaviour;
  /** A card that declines refuses to be attached, unless it is one that fails only when charged. */
  declines_attach: boolean;
};

export type SubscriptionStatus = 'incomplete' | 'incomplete_expired' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'paused';

export type StripeSubscription = {
  id: string;
  created: number;
  customer: string;
  status: SubscriptionStatus;
  currency: string;
  collection_method: 'charge_automatically' | 'send_invoice';
  days_until_due: number | null;
  default_payment_method: string | null;
  description: string | null;
  metadata: Metadata;
  start_date: number;
  billing_cycle_anchor: number;
  current_period_start: number;
  current_period_end: number;
  trial_start: number | null;
  trial_end: number | null;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  cancellation_reason: 'cancellation_requested' | 'payment_failed' | null;
  latest_invoice: string | null;
  test_clock: string | null;
  automatic_tax: boolean;
  discounts: StripeDiscount[];
};

export type StripeSubscriptionItem = {
  id: string;
  created: number;
  subscription: string;
  price: string;
  quantity: number;
  metadata: Metadata;
};

export interface InvoiceLine {
  id: string;
  amount: number;
  description: string | null;
  period: { start: number; end: number };
  quantity: number;
  price: string | null;
  subscription_item: string | null;
  invoice_item: string | null;
  proration: boolean;
  metadata: Metadata;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export type StripeInvoice = {
  id: string;
  created: number;
  customer: string;
  subscription: string | null;
  status: InvoiceStatus;
  auto_advance: boolean;
  billing_reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
  collection_method: 'charge_automatically' | 'send_invoice';
  currency: string;
  number: string | null;
  period_start: number;
  period_end: number;
  lines: InvoiceLine[];
  /** Tax computed at finalization when automatic tax is on (minor units). */
  tax: number;
  /** The subscription's discounts that apply to this invoice, with their coupon's terms. */
  discount_terms: DiscountTerms[];
  automatic_tax: boolean;
  amount_paid: number;
  attempt_count: number;
  next_payment_attempt: number | null;
  due_date: number | null;
  finalized_at: number | null;
  paid_at: number | null;
  voided_at: number | null;
  marked_uncollectible_at: number | null;
  automatically_finalizes_at: number | null;
  payment_intent: string | null;
  description: string | null;
  metadata: Metadata;
  test_clock: string | null;
};

export type StripeInvoiceItem = {
  id: string;
  created: number;
  customer: string;
  invoice: string | null;
  amount: number;
  currency: string;
  description: string | null;
  period: { start: number; end: number };
  quantity: number;
  price: string | null;
  subscription: string | null;
  /** The subscription item a proration is for (absent on items stored before prorations existed). */
  subscription_item?: string | null;
  /** Made by a price or quantity change in the middle of a period. */
  proration?: boolean;
  metadata: Metadata;
  test_clock: string | null;
};

export type PaymentIntentStatus = 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';

export interface LastPaymentError {
  type: 'card_error';
  code: string;
  decline_code: string | null;
  message: string;
  payment_method: string | null;
}

export type StripePaymentIntent = {
  id: string;
  created: number;
  amount: number;
  amount_received: number;
  currency: string;
  customer: string;
  invoice: string;
  status: PaymentIntentStatus;
  payment_method: string | null;
  last_payment_error: LastPaymentError | null;
};

export type StripeTestClock = {
  id: string;
  created: number;
  frozen_time: number;
  name: string | null;
  deletes_after: number;
};

export type StripeWebhookEndpoint = {
  id: string;
  created: number;
  url: string;
  enabled_events: string[];
  secret: string;
  status: 'enabled' | 'disabled';
  api_version: string | null;
  description: string | null;
  metadata: Metadata;
};

/** What a Stripe event is about: the object's collection and its record as it was when the event happened. */
export type StripeEvent = {
  id: string;
  created: number;
  type: string;
  collection: string;
  record: Readonly<Record<string, unknown>> & { id: string };
  previous_attributes: Readonly<Record<string, unknown>> | null;
};

export type StripeCoupon = {
  id: string;
  created: number;
  name: string | null;
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  duration: 'once' | 'repeating' | 'forever';
  duration_in_months: number | null;
  max_redemptions: number | null;
  redeem_by: number | null;
  times_redeemed: number;
  metadata: Metadata;
  /** Deleted coupons take no new redemptions; discounts made from them still apply. */
  deleted: boolean;
};

export type StripePromotionCode = {
  id: string;
  created: number;
  code: string;
  coupon: string;
  active: boolean;
  customer: string | null;
  expires_at: number | null;
  max_redemptions: number | null;
  times_redeemed: number;
  metadata: Metadata;
};

export interface DiscountTerms {
  discount: string;
  percent_off: number | null;
  amount_off: number | null;
}

/** A coupon applied to a subscription. */
export interface StripeDiscount {
  id: string;
  coupon: string;
  promotion_code: string | null;
  start: number;
  /** When it stops applying; null for `forever` (and for `once` until its first invoice). */
  end: number | null;
  /** A `once` discount ends with the first invoice it is applied to. */
  once: boolean;
}

export type StripeMeter = {
  id: string;
  created: number;
  updated: number;
  display_name: string;
  event_name: string;
  formula: 'sum' | 'count' | 'last';
  /** Payload keys naming the customer and the value. */
  customer_key: string;
  value_key: string;
  status: 'active' | 'inactive';
  deactivated_at: number | null;
};

export type StripeMeterEvent = {
  id: string;
  created: number;
  event_name: string;
  identifier: string;
  payload: Readonly<Record<string, string>>;
  timestamp: number;
  meter: string;
  customer: string;
  value: number;
};

export type StripeUsageRecord = {
  id: string;
  subscription_item: string;
  quantity: number;
  timestamp: number;
  action: 'increment' | 'set';
};

export type StripeCheckoutSession = {
  id: string;
  created: number;
  mode: 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  /** The hosted page, while the session is open. */
  url: string | null;
  line_items: Array<{ price: string; quantity: number }>;
  amount_total: number;
  currency: string;
  customer: string | null;
  customer_email: string | null;
  success_url: string;
  cancel_url: string | null;
  client_reference_id: string | null;
  metadata: Metadata;
  subscription_metadata: Metadata;
  trial_period_days: number | null;
  automatic_tax: boolean;
  expires_at: number;
  subscription: string | null;
  invoice: string | null;
  test_clock: string | null;
};

export type StripePortalSession = {
  id: string;
  created: number;
  customer: string;
  return_url: string | null;
  url: string;
};
