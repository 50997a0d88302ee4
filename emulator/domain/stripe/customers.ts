import type { ReadView, Transaction } from '../../state/transaction.js';
import { emit, updateWithEvent } from './events.js';
import { invalidParam, noSuch } from './errors.js';
import { stripeId } from './ids.js';
import { CUSTOMERS, TEST_CLOCKS, type Address, type Metadata, type StripeCustomer } from './model.js';
import { attachPaymentMethod } from './paymentMethods.js';
import { nowOn } from './time.js';

export interface CustomerInput {
  email?: string | null;
  name?: string | null;
  description?: string | null;
  phone?: string | null;
  address?: Address | null;
  metadata?: Metadata;
  payment_method?: string;
  default_payment_method?: string | null;
  test_clock?: string;
}

export function getCustomer(view: ReadView, id: string, param = 'id'): StripeCustomer {
  const customer = view.get<StripeCustomer>(CUSTOMERS, id);
  if (!customer || customer.deleted) throw noSuch('customer', id, param);
  return customer;
}

export function createCustomer(tx: Transaction, input: CustomerInput): StripeCustomer {
  if (input.test_clock && !tx.get(TEST_CLOCKS, input.test_clock)) throw noSuch('test_helpers.test_clock', input.test_clock, 'test_clock');
  const id = stripeId(tx, 'cus');
  const testClock = input.test_clock ?? null;
  const customer = tx.insert<StripeCustomer>(CUSTOMERS, {
    id,
    created: nowOn(tx, testClock),
    email: input.email ?? null,
    name: input.name ?? null,
    description: input.description ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    metadata: input.metadata ?? {},
    default_payment_method: null,
    test_clock: testClock,
    invoice_prefix: id.slice(4, 12).toUpperCase(),
    next_invoice_sequence: 1,
    deleted: false,
  });
  emit(tx, 'customer.created', CUSTOMERS, customer);
  // `payment_method` on create attaches a copy of it; a default must then name that copy.
  const attached = input.payment_method ? attachPaymentMethod(tx, input.payment_method, customer.id) : undefined;
  const wanted = input.default_payment_method === input.payment_method && attached ? attached.id : input.default_payment_method;
  if (wanted !== undefined) return updateCustomer(tx, customer.id, { default_payment_method: wanted });
  return customer;
}

export function updateCustomer(tx: Transaction, id: string, input: Omit<CustomerInput, 'test_clock' | 'payment_method'>): StripeCustomer {
  const customer = getCustomer(tx, id);
  if (input.default_payment_method) {
    const method = tx.get<{ customer: string | null }>('stripe.payment_method', input.default_payment_method);
    if (!method || method.customer !== customer.id) {
      throw invalidParam(
        'invoice_settings[default_payment_method]',
        `No such PaymentMethod: '${input.default_payment_method}'; it must be attached to the customer first.`,
        'resource_missing',
      );
    }
  }
  const { metadata, ...rest } = input;
  return updateWithEvent(tx, CUSTOMERS, 'customer.updated', customer, {
    ...rest,
    ...(metadata ? { metadata: mergeMetadata(customer.metadata, metadata) } : {}),
  });
}

/** Stripe merges metadata: an empty value deletes that key. */
export function mergeMetadata(current: Metadata, patch: Metadata): Metadata {
  const merged: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
