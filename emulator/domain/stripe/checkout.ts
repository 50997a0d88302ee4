import type { ReadView, Transaction } from '../../state/transaction.js';
import { getPrice } from './catalog.js';
import { createCustomer, getCustomer, updateCustomer } from './customers.js';
import { badState, invalidParam, missingParam, noSuch } from './errors.js';
import { emit } from './events.js';
import { stripeId } from './ids.js';
import { CHECKOUT_SESSIONS, type Metadata, type StripeCheckoutSession } from './model.js';
import { attachPaymentMethod, createPaymentMethod } from './paymentMethods.js';
import { createSubscription } from './subscriptions.js';
import { nowOn } from './time.js';

/** Stripe keeps a session open 24 hours unless told otherwise (30 minutes at the least). */
const DEFAULT_LIFETIME = 24 * 3600;
const MIN_LIFETIME = 30 * 60;

export interface CheckoutInput {
  mode?: string;
  line_items?: Array<{ price?: string; quantity?: number }>;
  customer?: string;
  customer_email?: string;
  success_url?: string;
  cancel_url?: string;
  client_reference_id?: string;
  metadata?: Metadata;
  subscription_metadata?: Metadata;
  trial_period_days?: number;
  expires_at?: number;
  automatic_tax?: boolean;
}

export function getCheckoutSession(view: ReadView, id: string): StripeCheckoutSession {
  const session = view.get<StripeCheckoutSession>(CHECKOUT_SESSIONS, id);
  if (!session) throw noSuch('checkout.session', id);
  return session;
}

/** A subscription-mode session; `pageUrl` makes its hosted page's address from its id. */
export function createCheckoutSession(tx: Transaction, input: CheckoutInput, pageUrl: (id: string) => string): StripeCheckoutSession {
  if (!input.mode) throw missingParam('mode');
  if (input.mode !== 'subscription') throw invalidParam('mode', `Only mode=subscription is emulated, not '${input.mode}'.`, 'parameter_invalid_string');
  if (!input.line_items?.length) throw missingParam('line_items');
  if (!input.success_url) throw missingParam('success_url');
  const items = input.line_items.map((item, index) => {
    if (!item.price) throw missingParam(`line_items[${index}][price]`);
    const price = getPrice(tx, item.price, `line_items[${index}][price]`);
    if (!price.recurring) throw invalidParam(`line_items[${index}][price]`, 'In subscription mode, line items need recurring prices.', 'parameter_invalid_string');
    return { price: price.id, quantity: item.quantity ?? 1, amount: (price.unit_amount ?? 0) * (item.quantity ?? 1), currency: price.currency };
  });
  const customer = input.customer ? getCustomer(tx, input.customer, 'customer') : undefined;
  const now = nowOn(tx, customer?.test_clock ?? null);
  if (input.expires_at !== undefined && (input.expires_at < now + MIN_LIFETIME || input.expires_at > now + DEFAULT_LIFETIME)) {
    throw invalidParam('expires_at', 'The session must expire between 30 minutes and 24 hours from now.', 'parameter_invalid_integer');
  }
  const id = stripeId(tx, 'cs_test');
  return tx.insert<StripeCheckoutSession>(CHECKOUT_SESSIONS, {
    id,
    created: now,
    mode: 'subscription',
    status: 'open',
    payment_status: 'unpaid',
    url: pageUrl(id),
    line_items: items.map(({ price, quantity }) => ({ price, quantity })),
    amount_total: items.reduce((sum, item) => sum + item.amount, 0),
    currency: items[0]?.currency ?? 'usd',
    customer: customer?.id ?? null,
    customer_email: input.customer_email ?? null,
    success_url: input.success_url,
    cancel_url: input.cancel_url ?? null,
    client_reference_id: input.client_reference_id ?? null,
    metadata: input.metadata ?? {},
    subscription_metadata: input.subscription_metadata ?? {},
    trial_period_days: input.trial_period_days ?? null,
    automatic_tax: input.automatic_tax ?? false,
    expires_at: input.expires_at ?? now + DEFAULT_LIFETIME,
    subscription: null,
    invoice: null,
    test_clock: customer?.test_clock ?? null,
  });
}

export function expireCheckoutSession(tx: Transaction, id: string): StripeCheckoutSession {
  const session = getCheckoutSession(tx, id);
  if (session.status !== 'open') throw badState(`Only open sessions can be expired; this one is ${session.status}.`, 'checkout_session_unexpected_state');
  const expired = tx.update<StripeCheckoutSession>(CHECKOUT_SESSIONS, id, { status: 'expired', url: null });
  emit(tx, 'checkout.session.expired', CHECKOUT_SESSIONS, expired);
  return expired;
}

/**
 * What the hosted page does with a card: the customer (made from the session's email when it has
 * none), the card attached as its default, and the subscription charged at once. A declined card
 * leaves the session open and nothing made, so the buyer can try another.
 */
export function completeCheckout(tx: Transaction, id: string, card: { number: string; exp_month: number; exp_year: number; email?: string }): StripeCheckoutSession {
  const session = getCheckoutSession(tx, id);
  if (session.status !== 'open' || nowOn(tx, session.test_clock) >= session.expires_at) {
    throw badState('This checkout session is no longer open.', 'checkout_session_unexpected_state');
  }
  const email = session.customer_email ?? card.email ?? null;
  const customer = session.customer ? getCustomer(tx, session.customer) : createCustomer(tx, { email });
  const method = attachPaymentMethod(tx, createPaymentMethod(tx, { type: 'card', card }).id, customer.id);
  updateCustomer(tx, customer.id, { default_payment_method: method.id });
  const { subscription } = createSubscription(tx, {
    customer: customer.id,
    items: session.line_items.map((item) => ({ price: item.price, quantity: item.quantity })),
    payment_behavior: 'error_if_incomplete',
    metadata: session.subscription_metadata,
    automatic_tax: session.automatic_tax,
    ...(session.trial_period_days ? { trial_period_days: session.trial_period_days } : {}),
  });
  const completed = tx.update<StripeCheckoutSession>(CHECKOUT_SESSIONS, id, {
    status: 'complete',
    payment_status: session.trial_period_days ? 'no_payment_required' : 'paid',
    customer: customer.id,
    customer_email: email,
    subscription: subscription.id,
    invoice: subscription.latest_invoice,
    url: null,
  });
  emit(tx, 'checkout.session.completed', CHECKOUT_SESSIONS, completed);
  return completed;
}
