import type { ReadView, Transaction } from '../../state/transaction.js';
import type { GatewayBehaviour } from '../payments/model.js';
import { behaviourOfCard, cardBrand, passesLuhn } from '../payments/testCards.js';
import { cardError, invalidParam, missingParam, noSuch, type Decline } from './errors.js';
import { emit } from './events.js';
import { stripeId } from './ids.js';
import { CUSTOMERS, PAYMENT_METHODS, type Metadata, type StripeCustomer, type StripePaymentMethod } from './model.js';
import { ATTACHES_THEN_DECLINES, BRANDS, OWN_ERROR_CODES, TEST_PAYMENT_METHODS } from './testPaymentMethods.js';
import { nowOn } from './time.js';

export interface CardInput {
  number?: string;
  exp_month?: number;
  exp_year?: number;
  cvc?: string;
}

/** Stripe's reading of a gateway decline: its error code, its decline code and message. */
export function declineOf(behaviour: GatewayBehaviour): Decline {
  const gatewayCode = behaviour.responseCode ?? 'card_declined';
  const own = OWN_ERROR_CODES.has(gatewayCode);
  return {
    code: own ? gatewayCode : 'card_declined',
    declineCode: own ? undefined : gatewayCode === 'card_declined' ? 'generic_decline' : gatewayCode,
    message: behaviour.response ?? 'Your card was declined.',
  };
}

export function getPaymentMethod(view: ReadView, id: string, param = 'payment_method'): StripePaymentMethod {
  const method = view.get<StripePaymentMethod>(PAYMENT_METHODS, id);
  if (!method) throw noSuch('PaymentMethod', id, param);
  return method;
}

function fromCard(tx: Transaction, number: string, expMonth: number, expYear: number, metadata: Metadata): StripePaymentMethod {
  if (!passesLuhn(number)) {
    throw invalidParam('card[number]', 'Your card number is incorrect.', 'incorrect_number');
  }
  return tx.insert<StripePaymentMethod>(PAYMENT_METHODS, {
    id: stripeId(tx, 'pm'),
    created: nowOn(tx, null),
    customer: null,
    brand: BRANDS[cardBrand(number)] ?? 'visa',
    last4: number.slice(-4),
    exp_month: expMonth,
    exp_year: expYear,
    metadata,
    gateway: behaviourOfCard(number),
    declines_attach: behaviourOfCard(number).outcome === 'decline' && !ATTACHES_THEN_DECLINES.has(number),
  });
}

export function createPaymentMethod(tx: Transaction, input: { type?: string; card?: CardInput; metadata?: Metadata }): StripePaymentMethod {
  if (!input.type) throw missingParam('type');
  if (input.type !== 'card') throw invalidParam('type', `Only card payment methods are emulated, not '${input.type}'.`, 'parameter_invalid_string');
  const card = input.card;
  if (!card?.number) throw missingParam('card[number]');
  if (!card.exp_month) throw missingParam('card[exp_month]');
  if (!card.exp_year) throw missingParam('card[exp_year]');
  return fromCard(tx, card.number, card.exp_month, card.exp_year, input.metadata ?? {});
}

/**
 * Attaches a payment method to a customer. A `pm_card_*` test method is a template: attaching it
 * makes a new payment method, whose id is the one to keep. Cards that decline refuse to attach,
 * except the one that fails only when charged.
 */
export function attachPaymentMethod(tx: Transaction, id: string, customerId: string): StripePaymentMethod {
  const customer = tx.get<StripeCustomer>(CUSTOMERS, customerId);
  if (!customer || customer.deleted) throw noSuch('customer', customerId, 'customer');
  const template = TEST_PAYMENT_METHODS[id];
  const method = template ? fromCard(tx, template, 12, new Date(nowOn(tx, null) * 1000).getUTCFullYear() + 3, {}) : getPaymentMethod(tx, id);
  if (method.customer && method.customer !== customerId) {
    throw invalidParam('payment_method', 'This PaymentMethod was previously attached to another customer.', 'payment_method_unexpected_state');
  }
  if (method.declines_attach) {
    throw cardError(declineOf(method.gateway), { payment_method: method.id });
  }
  const attached = tx.update<StripePaymentMethod>(PAYMENT_METHODS, method.id, { customer: customerId });
  emit(tx, 'payment_method.attached', PAYMENT_METHODS, attached);
  return attached;
}

export function detachPaymentMethod(tx: Transaction, id: string): StripePaymentMethod {
  const method = getPaymentMethod(tx, id, 'id');
  if (!method.customer) throw invalidParam('payment_method', 'The payment method you provided is not attached to a customer so detachment is impossible.', 'payment_method_unexpected_state');
  const detached = tx.update<StripePaymentMethod>(PAYMENT_METHODS, id, { customer: null });
  emit(tx, 'payment_method.detached', PAYMENT_METHODS, detached);
  const customer = tx.get<StripeCustomer>(CUSTOMERS, method.customer);
  if (customer?.default_payment_method === id) tx.update<StripeCustomer>(CUSTOMERS, customer.id, { default_payment_method: null });
  return detached;
}

export function paymentMethodsOf(view: ReadView, customerId: string): StripePaymentMethod[] {
  return view.filterBy<StripePaymentMethod>(PAYMENT_METHODS, 'customer', customerId);
}
