import type { StoredPaymentMethod } from '../../model/types.js';
import { logEvent } from '../eventLog.js';
import { param, type CalloutBody, type Handler } from '../handler.js';
import { applied, skipped } from '../outcome.js';

/** Zuora's method type for a card stored by reference at a gateway: the platform's `cc_ref`. */
const CARD_REFERENCE = 'CreditCardReferenceTransaction';

function whole(text: string | undefined): number | undefined {
  const value = text === undefined ? NaN : Number(text);
  return Number.isInteger(value) ? value : undefined;
}

/** What the platform keeps of the account's new default: type, brand, last four digits, expiry (seeds/002). */
function storedMethod(billingId: string, body: CalloutBody): StoredPaymentMethod {
  const type = param(body, 'DefaultPaymentMethodType') === CARD_REFERENCE ? 'cc_ref' : 'card';
  const brand = param(body, 'DefaultPaymentMethodCreditCardType')?.toLowerCase();
  const last4 = param(body, 'DefaultPaymentMethodCreditCardMaskNumber')?.slice(-4);
  const expMonth = whole(param(body, 'DefaultPaymentMethodCreditCardExpirationMonth'));
  const expYear = whole(param(body, 'DefaultPaymentMethodCreditCardExpirationYear'));
  return {
    type,
    billingId,
    ...(brand ? { brand } : {}),
    ...(last4 ? { last4 } : {}),
    ...(expMonth !== undefined ? { expMonth } : {}),
    ...(expYear !== undefined ? { expYear } : {}),
  };
}

/**
 * Customer (standard account change): keeps the customer's default payment method as Zuora has it.
 * Not keyed: a default may go A -> B -> A, and the third callout would repeat the first. Comparing
 * with the stored method keeps it idempotent instead.
 */
export const customerPaymentMethod: Handler = {
  async handle(ctx, body) {
    const accountId = param(body, 'AccountId');
    if (!accountId) return skipped('the callout names no account');
    const customer = ctx.store.customerByBillingId(accountId);
    if (!customer) return skipped(`no platform customer for Zuora account ${accountId}`);
    const incoming = param(body, 'DefaultPaymentMethodId');
    if (customer.paymentMethod?.billingId === incoming) return skipped('the default payment method has not changed');
    // Account changes may arrive out of order: take a default only while it is still the account's.
    const current = (await ctx.zuora.getAccount(accountId)).default_payment_method_id || undefined;
    if (current !== incoming) return skipped(`stale callout: account ${accountId} now defaults to ${current ?? 'no payment method'}`);
    const paymentMethod = incoming ? storedMethod(incoming, body) : undefined;
    await ctx.store.putCustomer({ ...customer, paymentMethod });
    await logEvent(ctx, 'CUSTOMER_UPDATED', { customerId: customer.id }, { paymentMethod: paymentMethod ?? null, source: 'zuora' });
    return applied();
  },
};
