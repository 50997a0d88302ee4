import type { SyncContext, SyncStore } from '../context.js';
import type { Customer, PaymentMethodInput, StoredPaymentMethod } from '../model/types.js';
import type { JsonObject, V2Account } from '../zuora/types.js';

// Payment methods reach Zuora with the account: a card or a cc_ref token is created there and made
// the account's default (seeds/001), and a method Zuora keeps on another account is moved over.

/**
 * Card details wait here, in memory only, while their customer is not synced yet: the platform
 * never stores a card number, and Zuora can only take the card once the account exists. A restart
 * loses them; the customer then gives the card again.
 */
const held = new WeakMap<SyncStore, Map<string, PaymentMethodInput>>();

export function holdPaymentMethod(ctx: SyncContext, customerId: string, input: PaymentMethodInput): void {
  const byCustomer = held.get(ctx.store) ?? new Map<string, PaymentMethodInput>();
  byCustomer.set(customerId, input);
  held.set(ctx.store, byCustomer);
}

export const heldPaymentMethod = (ctx: SyncContext, customerId: string): PaymentMethodInput | undefined => held.get(ctx.store)?.get(customerId);

export function releasePaymentMethod(ctx: SyncContext, customerId: string): void {
  held.get(ctx.store)?.delete(customerId);
}

/** Quickstart's brand names; others are left for Zuora to read from the number. */
const BRANDS: Record<string, string> = {
  visa: 'visa',
  mastercard: 'mastercard',
  amex: 'american_express',
  americanexpress: 'american_express',
  discover: 'discover',
  jcb: 'jcb',
  diners: 'diners',
};

export function paymentMethodFields(input: PaymentMethodInput): JsonObject {
  if (input.type === 'cc_ref') return { type: 'cc_ref', cc_ref: { token: input.token } };
  const brand = input.brand === undefined ? undefined : BRANDS[input.brand.toLowerCase().replace(/[^a-z]/g, '')];
  return {
    type: 'card',
    card: { card_number: input.cardNumber, expiry_month: input.expMonth, expiry_year: input.expYear, ...(brand ? { brand } : {}) },
  };
}

/** What the platform keeps of a method: never the number. */
export function storedPaymentMethod(input: PaymentMethodInput, billingId: string | undefined): StoredPaymentMethod {
  const base = input.type === 'card'
    ? { type: 'card' as const, last4: input.cardNumber.slice(-4), expMonth: input.expMonth, expYear: input.expYear, ...(input.brand ? { brand: input.brand } : {}) }
    : { type: 'cc_ref' as const };
  return { ...base, ...(billingId ? { billingId } : {}) };
}

/** A new method on an existing account, made its default; auto-pay (when `autoPay`) then charges it. */
export async function addPaymentMethod(ctx: SyncContext, customer: Customer, account: V2Account, input: PaymentMethodInput, autoPay: boolean): Promise<Customer> {
  const method = await ctx.zuora.createPaymentMethod({ ...paymentMethodFields(input), account_id: account.id, is_default: true });
  if (account.auto_pay !== autoPay) await ctx.zuora.updateAccount(account.id, { auto_pay: autoPay });
  return { ...customer, paymentMethod: storedPaymentMethod(input, method.id) };
}

/**
 * Makes the customer's known Zuora method the account's default. A method that Zuora keeps on
 * another account (the customer was relinked to a different account, say) is moved first.
 */
export async function adoptPaymentMethod(ctx: SyncContext, customer: Customer, account: V2Account, autoPay: boolean): Promise<void> {
  const methodId = customer.paymentMethod?.billingId;
  if (!methodId || account.default_payment_method_id === methodId) return;
  const method = await ctx.zuora.getPaymentMethod(methodId);
  if (method.account_id !== account.id) await ctx.zuora.updatePaymentMethod(methodId, { account_id: account.id });
  await ctx.zuora.updateAccount(account.id, { default_payment_method_id: methodId, auto_pay: autoPay });
}
