import { nowOn } from '../../../domain/stripe/time.js';
import {
  CHECKOUT_SESSIONS,
  COUPONS,
  CUSTOMERS,
  EVENTS,
  INVOICE_ITEMS,
  INVOICES,
  PAYMENT_INTENTS,
  PAYMENT_METHODS,
  PRICES,
  PRODUCTS,
  PROMOTION_CODES,
  SUBSCRIPTION_ITEMS,
  SUBSCRIPTIONS,
  TEST_CLOCKS,
  WEBHOOK_ENDPOINTS,
  type StripeCheckoutSession,
  type StripeCoupon,
  type StripeCustomer,
  type StripeEvent,
  type StripeInvoice,
  type StripeInvoiceItem,
  type StripePaymentIntent,
  type StripePaymentMethod,
  type StripePrice,
  type StripeProduct,
  type StripePromotionCode,
  type StripeSubscription,
  type StripeSubscriptionItem,
  type StripeTestClock,
  type StripeWebhookEndpoint,
} from '../../../domain/stripe/model.js';
import type { ReadView } from '../../../state/transaction.js';
import { invoiceItemShape, invoiceShape, paymentIntentShape, subscriptionItemShape, subscriptionShape } from './billing.js';
import { priceShape, productShape } from './catalog.js';
import { checkoutSessionShape } from './checkout.js';
import { couponShape, promotionCodeShape } from './coupons.js';
import { customerShape, paymentMethodShape } from './customers.js';
import { base } from './common.js';
import { testClockShape, webhookEndpointShape } from './platform.js';

/** The pinned API version, which events are rendered in. */
export const API_VERSION = '2026-10-28.endive';

type Shaper = (view: ReadView, record: never) => unknown;

/** How each kind of stored Stripe object looks on the wire. */
const SHAPERS: Readonly<Record<string, Shaper>> = {
  [CUSTOMERS]: (_view, record: StripeCustomer) => customerShape(record),
  [PRODUCTS]: (_view, record: StripeProduct) => productShape(record),
  [PRICES]: (_view, record: StripePrice) => priceShape(record),
  [PAYMENT_METHODS]: (_view, record: StripePaymentMethod) => paymentMethodShape(record),
  [SUBSCRIPTIONS]: (view, record: StripeSubscription) => subscriptionShape(view, record),
  [SUBSCRIPTION_ITEMS]: (view, record: StripeSubscriptionItem) =>
    subscriptionItemShape(view, record, view.get<StripeSubscription>(SUBSCRIPTIONS, record.subscription) as StripeSubscription),
  [INVOICES]: (view, record: StripeInvoice) => invoiceShape(view, record),
  [INVOICE_ITEMS]: (_view, record: StripeInvoiceItem) => invoiceItemShape(record),
  [PAYMENT_INTENTS]: (_view, record: StripePaymentIntent) => paymentIntentShape(record),
  [TEST_CLOCKS]: (_view, record: StripeTestClock) => testClockShape(record),
  [WEBHOOK_ENDPOINTS]: (_view, record: StripeWebhookEndpoint) => webhookEndpointShape(record),
  [EVENTS]: (view, record: StripeEvent) => eventShape(view, record),
  [CHECKOUT_SESSIONS]: (_view, record: StripeCheckoutSession) => checkoutSessionShape(record),
  [COUPONS]: (view, record: StripeCoupon) => couponShape(record, nowOn(view, null)),
  [PROMOTION_CODES]: (_view, record: StripePromotionCode) => promotionCodeShape(record),
};

export function shape(view: ReadView, collection: string, record: object): unknown {
  const shaper = SHAPERS[collection];
  if (!shaper) throw new Error(`no Stripe shape for ${collection}`);
  return (shaper as (view: ReadView, record: object) => unknown)(view, record);
}

/** An event carries its object as it was when the event happened. */
export function eventShape(view: ReadView, event: StripeEvent) {
  return {
    ...base('event', event.id),
    api_version: API_VERSION,
    created: event.created,
    data: {
      object: shape(view, event.collection, event.record),
      ...(event.previous_attributes ? { previous_attributes: event.previous_attributes } : {}),
    },
    pending_webhooks: 0,
    request: { id: null, idempotency_key: null },
    type: event.type,
  };
}
