import type { SyncContext } from '../context.js';
import type { Customer } from '../model/types.js';
import type { JsonObject, PaymentTerm } from '../zuora/types.js';
import { DEFAULT_CURRENCY } from './charges.js';
import { accountCustomFields } from './mapping.js';

// Customer -> Zuora account (Quickstart): name, bill-to contact, currency, payment term, custom fields.

/** Zuora wants a first and a last name on a contact; a one-word name fills both. */
function contactNames(name: string): { first_name: string; last_name: string } {
  const trimmed = name.trim();
  const cut = trimmed.lastIndexOf(' ');
  return cut > 0 ? { first_name: trimmed.slice(0, cut), last_name: trimmed.slice(cut + 1) } : { first_name: trimmed, last_name: trimmed };
}

const billingEmail = (customer: Customer): string | undefined => customer.billingInfo?.email ?? customer.email;

export function billToContact(customer: Customer): JsonObject {
  const email = billingEmail(customer);
  const address = customer.billingInfo?.address;
  const lines = address
    ? Object.fromEntries(
        Object.entries({
          line1: address.line1,
          line2: address.line2,
          city: address.city,
          state: address.state,
          country: address.country,
          postal_code: address.postalCode,
        }).filter(([, value]) => value !== undefined),
      )
    : {};
  return {
    ...contactNames(customer.name),
    ...(email !== undefined ? { work_email: email } : {}),
    ...(Object.keys(lines).length > 0 ? { address: lines } : {}),
  };
}

/** The active term whose due days come nearest `days`; on a tie the shorter one. */
function nearestPaymentTerm(terms: readonly PaymentTerm[], days: number): string | undefined {
  let best: { name: string; distance: number; dueDays: number } | undefined;
  for (const term of terms) {
    if (term.active === false || typeof term.dueDays !== 'number') continue;
    const distance = Math.abs(term.dueDays - days);
    if (!best || distance < best.distance || (distance === best.distance && term.dueDays < best.dueDays)) {
      best = { name: term.name, distance, dueDays: term.dueDays };
    }
  }
  return best?.name;
}

/** Only asked for when the customer names days until due; otherwise the tenant's default applies. */
export async function paymentTermOf(ctx: SyncContext, customer: Customer): Promise<string | undefined> {
  const days = customer.billingInfo?.invoiceDaysUntilDue;
  if (days === undefined) return undefined;
  return nearestPaymentTerm(await ctx.zuora.getPaymentTerms(), days);
}

/** What both create and update set: Zuora keeps the account in step with the customer. */
export function accountFields(ctx: SyncContext, customer: Customer, paymentTerm: string | undefined): JsonObject {
  return {
    name: customer.name,
    ...(paymentTerm !== undefined ? { payment_terms: paymentTerm } : {}),
    custom_fields: accountCustomFields(ctx, customer),
  };
}

/**
 * A new account. Invoices are emailed when there is an address to send them to, which is how
 * INVOICE-collected subscriptions reach the customer (seeds/004). The currency cannot change later.
 */
export function newAccountBody(ctx: SyncContext, customer: Customer, paymentTerm: string | undefined): JsonObject {
  return {
    ...accountFields(ctx, customer, paymentTerm),
    currency: customer.billingInfo?.currency ?? DEFAULT_CURRENCY,
    bill_to: billToContact(customer),
    ...(billingEmail(customer) !== undefined ? { billing_document_settings: { email_documents: true } } : {}),
  };
}
