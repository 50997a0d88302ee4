import type { StripeCustomer, StripePaymentMethod } from '../../../domain/stripe/model.js';
import { base, EMPTY_ADDRESS } from './common.js';

export function customerShape(customer: StripeCustomer) {
  if (customer.deleted) return { ...base('customer', customer.id), deleted: true };
  return {
    ...base('customer', customer.id),
    address: customer.address ? { ...EMPTY_ADDRESS, ...customer.address } : null,
    balance: 0,
    created: customer.created,
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: customer.description,
    discount: null,
    email: customer.email,
    invoice_prefix: customer.invoice_prefix,
    invoice_settings: {
      custom_fields: null,
      default_payment_method: customer.default_payment_method,
      footer: null,
      rendering_options: null,
    },
    metadata: customer.metadata,
    name: customer.name,
    next_invoice_sequence: customer.next_invoice_sequence,
    phone: customer.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: customer.test_clock,
  };
}

export function paymentMethodShape(method: StripePaymentMethod) {
  return {
    ...base('payment_method', method.id),
    allow_redisplay: 'unspecified',
    billing_details: { address: { ...EMPTY_ADDRESS }, email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: method.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: method.brand,
      exp_month: method.exp_month,
      exp_year: method.exp_year,
      // Stable per card number's last digits and brand, as a fingerprint is per card.
      fingerprint: `${method.brand}${method.last4}emu`.slice(0, 16),
      funding: 'credit',
      generated_from: null,
      last4: method.last4,
      networks: { available: [method.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: method.created,
    customer: method.customer,
    customer_account: null,
    metadata: method.metadata,
    type: 'card',
  };
}
