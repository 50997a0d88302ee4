import type { ReadView, Transaction } from '../../state/transaction.js';
import { getCustomer, updateCustomer } from './customers.js';
import { missingParam, noSuch } from './errors.js';
import { stripeId } from './ids.js';
import { PORTAL_SESSIONS, type StripeCustomer, type StripePortalSession } from './model.js';
import { attachPaymentMethod, createPaymentMethod } from './paymentMethods.js';
import { nowOn } from './time.js';

export function getPortalSession(view: ReadView, id: string): StripePortalSession {
  const session = view.get<StripePortalSession>(PORTAL_SESSIONS, id);
  if (!session) throw noSuch('billing_portal.session', id);
  return session;
}

/** A portal session for a customer; `pageUrl` makes its hosted page's address from its id. */
export function createPortalSession(tx: Transaction, input: { customer?: string; return_url?: string }, pageUrl: (id: string) => string): StripePortalSession {
  if (!input.customer) throw missingParam('customer');
  const customer = getCustomer(tx, input.customer, 'customer');
  const id = stripeId(tx, 'bps');
  return tx.insert<StripePortalSession>(PORTAL_SESSIONS, {
    id,
    created: nowOn(tx, customer.test_clock),
    customer: customer.id,
    return_url: input.return_url ?? null,
    url: pageUrl(id),
  });
}

/** The portal's payment-method update: the new card is attached and becomes the default. */
export function replacePaymentMethod(tx: Transaction, sessionId: string, card: { number: string; exp_month: number; exp_year: number }): StripeCustomer {
  const session = getPortalSession(tx, sessionId);
  const method = attachPaymentMethod(tx, createPaymentMethod(tx, { type: 'card', card }).id, session.customer);
  return updateCustomer(tx, session.customer, { default_payment_method: method.id });
}
