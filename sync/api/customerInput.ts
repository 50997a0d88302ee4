import type { BillingInfo, PaymentMethodInput } from '../model/types.js';
import { cardBrand, passesLuhn } from './cards.js';
import { Field, optional, Problems } from './input.js';

export interface CustomerRequest {
  id: string;
  name: string;
  email?: string;
  /** Held only for the length of the request, to hand to outbound; never stored. */
  paymentMethod?: PaymentMethodInput;
  billingInfo?: BillingInfo;
  metadata: Record<string, string>;
  /** Links the customer to an existing Zuora account (and forces its sync). */
  billingId?: string;
}

/** `POST /api/customers`: `{id, name, email?, paymentMethod?, billingInfo?, metadata?, billingId?}`. */
export function readCustomer(body: unknown): CustomerRequest {
  const problems = new Problems();
  const root = Field.body(body, problems);
  root.object(['id', 'name', 'email', 'paymentMethod', 'billingInfo', 'metadata', 'billingId']);
  const request: CustomerRequest = {
    id: root.at('id').id(),
    name: root.at('name').string(),
    ...optional('email', root.at('email').optional()?.map(readEmail)),
    ...optional('paymentMethod', root.at('paymentMethod').optional()?.map(readPaymentMethod)),
    ...optional('billingInfo', root.at('billingInfo').optional()?.map(readBillingInfo)),
    metadata: root.at('metadata').optional()?.stringMap() ?? {},
    ...optional('billingId', root.at('billingId').optional()?.string()),
  };
  problems.check();
  return request;
}

function readEmail(field: Field): string {
  const email = field.string();
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) field.fail('must be an email address');
  return email;
}

function readPaymentMethod(field: Field): PaymentMethodInput {
  if (!field.object(['type', 'cardNumber', 'brand', 'expMonth', 'expYear', 'token'])) return { type: 'cc_ref', token: '' };
  const type = field.at('type').oneOf(['card', 'cc_ref'] as const);
  if (type === 'cc_ref') {
    for (const key of ['cardNumber', 'brand', 'expMonth', 'expYear']) {
      if (field.at(key).present) field.at(key).fail('is not allowed for a cc_ref payment method');
    }
    return { type, token: field.at('token').string() };
  }
  if (field.at('token').present) field.at('token').fail('is not allowed for a card payment method');
  const cardNumber = field.at('cardNumber').string().replace(/[\s-]/g, '');
  if (cardNumber && !passesLuhn(cardNumber)) field.at('cardNumber').fail('is not a valid card number (12-19 digits passing the Luhn check)');
  // Filled in from the number when not given, so the stored record and Zuora both know it.
  const brand = field.at('brand').optional()?.string() ?? cardBrand(cardNumber);
  return {
    type,
    cardNumber,
    ...optional('brand', brand),
    expMonth: field.at('expMonth').number({ min: 1, max: 12, integer: true }),
    expYear: field.at('expYear').number({ min: 2000, integer: true }),
  };
}

function readBillingInfo(field: Field): BillingInfo {
  field.object(['currency', 'invoiceDaysUntilDue', 'email', 'address']);
  const currency = field.at('currency').optional()?.string();
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) field.at('currency').fail('must be a 3-letter ISO currency code such as USD');
  return {
    ...optional('currency', currency),
    ...optional('invoiceDaysUntilDue', field.at('invoiceDaysUntilDue').optional()?.number({ min: 0, integer: true })),
    ...optional('email', field.at('email').optional()?.map(readEmail)),
    ...optional('address', field.at('address').optional()?.map(readAddress)),
  };
}

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'state', 'country', 'postalCode'] as const;

function readAddress(field: Field): NonNullable<BillingInfo['address']> {
  field.object(ADDRESS_FIELDS);
  const address: NonNullable<BillingInfo['address']> = {};
  for (const key of ADDRESS_FIELDS) {
    const value = field.at(key).optional()?.string();
    if (value !== undefined) address[key] = value;
  }
  return address;
}
