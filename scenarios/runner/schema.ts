// The scenario format as JSON Schema (checked with ajv on load): the document, and one schema per
// step of the vocabulary. Any value may instead be a `${capture.path}` reference, so typed fields
// accept one too.

import { INTEGRATIONS } from './types.js';

type Schema = Record<string, unknown>;

/** A whole-string reference to a captured value, e.g. `${sub.billingId}`. */
export const REFERENCE_PATTERN = '^\\$\\{[^}]+\\}$';
const reference: Schema = { type: 'string', pattern: REFERENCE_PATTERN };

const orReference = (schema: Schema, title: string): Schema => ({ title, anyOf: [schema, reference] });

const str: Schema = { type: 'string', minLength: 1 };
const anyString: Schema = { type: 'string' };
const num = orReference({ type: 'number' }, 'a number (or a ${...} reference)');
const int = (minimum = 0): Schema => orReference({ type: 'integer', minimum }, `a whole number of at least ${minimum} (or a \${...} reference)`);
const oneOf = (values: readonly string[]): Schema => orReference({ enum: [...values] }, `one of ${values.join(', ')} (or a \${...} reference)`);
const stringMap: Schema = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } };
const anyObject: Schema = { type: 'object' };
const anyList: Schema = { type: 'array', items: anyObject };
const isoDateTime: Schema = orReference({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$' }, 'an ISO date or date-time (or a ${...} reference)');
const isoDuration: Schema = { type: 'string', pattern: '^-?P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$' };

const object = (properties: Record<string, Schema>, required: string[] = [], extra = false): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: extra,
});

const as = { as: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' } };

export const BILLING_PERIODS = ['MONTHLY', 'ANNUALLY'] as const;
export const WHEN = ['IMMEDIATE', 'END_OF_BILLING_PERIOD'] as const;
export const COLLECTION_METHODS = ['CHARGE', 'INVOICE', 'NONE', 'PAYMENT_METHOD_ON_FILE'] as const;
export const CALLOUT_FAULTS = ['drop', 'duplicate', 'delay', 'reorder'] as const;

const paymentMethod: Schema = {
  title: 'a card number, or {type: card, cardNumber, expMonth, expYear, brand?} or {type: cc_ref, token}',
  anyOf: [
    str,
    // A card number left unquoted in YAML reads as a number.
    { type: 'integer', minimum: 100_000_000_000, maximum: Number.MAX_SAFE_INTEGER },
    object({ type: { enum: ['card'] }, cardNumber: { anyOf: [str, { type: 'integer' }] }, brand: str, expMonth: int(1), expYear: int(2000) }, ['cardNumber']),
    object({ type: { enum: ['cc_ref'] }, token: str }, ['type', 'token']),
  ],
};

const addons: Schema = {
  type: 'array',
  items: {
    title: 'an add-on id, or {addonId, quantity?}',
    anyOf: [str, object({ addonId: str, id: str, addon: str, quantity: int(1) })],
  },
};

const units: Schema = { type: 'object', additionalProperties: int(0) };

/** seeds/004's Subscription Credit Entitlements, by its field names. */
const creditEntitlements: Schema = {
  type: 'array',
  items: object({ customCurrencyId: str, amount: num, cadence: oneOf(['MONTH', 'YEAR']), price: num }, ['customCurrencyId', 'amount', 'cadence']),
};

/** Limits per feature, metered ones included. */
const entitlements: Schema = { type: 'array', items: object({ featureId: str, limit: num }, ['featureId', 'limit']) };

const trial: Schema = {
  title: 'true, false, a number of days, {days} or {endDate}',
  anyOf: [{ type: 'boolean' }, { type: 'integer', minimum: 1 }, object({ days: int(1), endDate: isoDateTime }), reference],
};

/** A count, or a matcher on it (`{ $gte: 2 }`). */
const count: Schema = {
  title: 'a whole number, or a matcher such as {$gte: 2} (or a ${...} reference)',
  anyOf: [{ type: 'integer', minimum: 0 }, { type: 'object', minProperties: 1, propertyNames: { pattern: '^\\$' } }, reference],
};

/** Expectations match the fields they name and ignore the rest, so any further field is allowed. */
const expectation = (properties: Record<string, Schema>, required: string[]): Schema => object({ ...properties, ...as }, required, true);

export interface StepSpec {
  schema: Schema;
  /** Turns a non-object value (`clock.advance: P1M`) into the object form; undefined when none is allowed. */
  shorthand?: (value: unknown) => Record<string, unknown> | undefined;
}

const salesforceProduct: Schema = object(
  {
    stiggType: oneOf(['Plan', 'Entitlement', 'PLAN', 'ENTITLEMENT', 'plan', 'entitlement']),
    type: oneOf(['Plan', 'Entitlement', 'PLAN', 'ENTITLEMENT', 'plan', 'entitlement']),
    stiggId: str,
    id: str,
    name: str,
    quantity: num,
    salesPrice: num,
    price: num,
  },
);

const account: Schema = {
  title: 'a customer id, or {id, name?, email?, billingInfo?, paymentMethod?, metadata?}',
  anyOf: [str, object({ id: str, name: str, email: str, billingInfo: anyObject, paymentMethod, metadata: stringMap })]
};

/** The vocabulary: exactly these names, each with its arguments. */
export const STEP_SPECS: Record<string, StepSpec> = {
  // The platform, through the sync engine's API.
  'customer.create': {
    schema: object({ id: str, name: str, email: str, paymentMethod, billingInfo: anyObject, metadata: stringMap, billingId: str, ...as }, ['id']),
  },
  'customer.archive': {
    schema: object({ id: str }, ['id']),
    shorthand: (value) => (typeof value === 'string' ? { id: value } : undefined),
  },
  'subscription.provision': {
    schema: object(
      {
        id: str,
        customer: str,
        plan: str,
        billingPeriod: oneOf(BILLING_PERIODS),
        addons,
        units,
        trial,
        paymentCollectionMethod: oneOf(COLLECTION_METHODS),
        priceOverrides: { type: 'object', additionalProperties: num },
        creditEntitlements,
        entitlements,
        metadata: stringMap,
        billingId: str,
        startDate: isoDateTime,
        ...as,
      },
      ['customer', 'plan'],
    ),
  },
  'subscription.update': {
    schema: object({ ref: str, plan: str, addons, units, billingPeriod: oneOf(BILLING_PERIODS), when: oneOf(WHEN), ...as }, ['ref']),
  },
  'subscription.cancel': {
    schema: object({ ref: str, when: oneOf(WHEN), writeOffOpenBalance: { type: 'boolean' }, ...as }, ['ref']),
    shorthand: (value) => (typeof value === 'string' ? { ref: value } : undefined),
  },
  'subscription.migrate': {
    schema: object({ ref: str, when: oneOf(WHEN), ...as }, ['ref']),
    shorthand: (value) => (typeof value === 'string' ? { ref: value } : undefined),
  },
  'catalog.publish': {
    // The engine checks the catalog itself, as it does a scenario's `catalog`.
    schema: object({ file: str, features: anyList, currencies: anyList, products: anyList, plans: anyList, addons: anyList, ...as }),
    shorthand: (value) => (typeof value === 'string' ? { file: value } : undefined),
  },
  'usage.report': {
    schema: object({ customer: str, feature: str, value: num, ...as }, ['customer', 'feature', 'value']),
  },
  'usage.sync': {
    schema: object({ ...as }),
    shorthand: (value) => (value === null || value === undefined ? {} : undefined),
  },
  'credits.grant': {
    // Further fields of seeds/004's credit grant go to the sync engine as given; it says what it takes.
    schema: object(
      {
        customer: str,
        grantType: oneOf(['PAID', 'PROMOTIONAL']),
        currencyId: str,
        displayName: str,
        amount: num,
        resourceId: str,
        comment: str,
        effectiveDate: isoDateTime,
        expirationDate: isoDateTime,
        priority: int(0),
        paymentCollectionMethod: oneOf(['PAYMENT_METHOD_ON_FILE', 'INVOICE']),
        cost: object({ amount: num, currency: str }, ['amount', 'currency']),
        ...as,
      },
      ['customer', 'grantType', 'currencyId', 'displayName', 'amount'],
    ),
  },
  'credits.consume': {
    schema: object({ customer: str, currencyId: str, amount: num, ...as }, ['customer', 'currencyId', 'amount']),
  },
  'salesforce.closeWon': {
    schema: object(
      {
        account,
        opportunity: str,
        products: { type: 'array', minItems: 1, items: salesforceProduct },
        billingPeriod: oneOf(BILLING_PERIODS),
        trial,
        paymentCollectionMethod: oneOf(COLLECTION_METHODS),
        creditEntitlements,
        metadata: stringMap,
        ...as,
      },
      ['account', 'products'],
    ),
  },

  // Zuora, acting directly as a Zuora user would.
  'zuora.payInvoice': {
    schema: object({ customer: str, invoice: anyString, amount: num, ...as }, ['customer']),
  },
  'zuora.cancelSubscription': {
    schema: object({ ref: str, date: isoDateTime, ...as }, ['ref']),
  },
  'zuora.cancelAccount': {
    schema: object({ customer: str, ...as }, ['customer']),
    shorthand: (value) => (typeof value === 'string' ? { customer: value } : undefined),
  },
  'zuora.setDefaultPaymentMethod': {
    schema: object({ customer: str, paymentMethod, ...as }, ['customer', 'paymentMethod']),
  },
  'zuora.request': {
    schema: object(
      {
        method: oneOf(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'get', 'post', 'put', 'patch', 'delete']),
        path: { type: 'string', pattern: '^/' },
        body: {},
        headers: stringMap,
        expect: object({ status: int(100), body: {} }),
        ...as,
      },
      ['method', 'path'],
    ),
  },

  // Stripe's API on the emulator, with the scenario account's key (`integration: stripe` files).
  'stripe.cancelSubscription': {
    schema: object({ ref: str, ...as }, ['ref']),
    shorthand: (value) => (typeof value === 'string' ? { ref: value } : undefined),
  },
  'stripe.payInvoice': {
    schema: object({ customer: str, invoice: str, paymentMethod: str, ...as }, ['customer']),
    shorthand: (value) => (typeof value === 'string' ? { customer: value } : undefined),
  },
  'stripe.request': {
    schema: object(
      {
        method: oneOf(['GET', 'POST', 'DELETE', 'get', 'post', 'delete']),
        path: { type: 'string', pattern: '^/' },
        body: anyObject,
        expect: object({ status: int(100), body: {} }),
        ...as,
      },
      ['method', 'path'],
    ),
  },
  'checkout.complete': {
    schema: object({ customer: str, plan: str, card: { anyOf: [str, { type: 'integer' }] }, billingPeriod: oneOf(BILLING_PERIODS), addons, units, successUrl: str, ...as }, ['customer', 'plan', 'card']),
  },

  // The emulator's admin API.
  'clock.advance': {
    schema: {
      title: 'an ISO-8601 duration (P1M), {by: duration} or {to: ISO date-time}',
      anyOf: [object({ by: isoDuration }, ['by']), object({ to: isoDateTime }, ['to'])],
    },
    shorthand: (value) => (typeof value === 'string' ? { by: value } : undefined),
  },
  'payments.failNext': {
    schema: object({ customer: str, count: int(1), code: str, message: str }, ['customer']),
  },
  'callouts.fault': {
    schema: object({ mode: oneOf(CALLOUT_FAULTS), count: int(1), seed: int(0) }, ['mode']),
    shorthand: (value) => (typeof value === 'string' ? { mode: value } : undefined),
  },

  // Expectations: partial matches, checked once the emulator and the engine are quiet.
  'expect.subscription': { schema: expectation({ ref: str }, ['ref']) },
  'expect.customer': { schema: expectation({ id: str }, ['id']) },
  'expect.zuora.subscription': { schema: expectation({ ref: str }, ['ref']) },
  'expect.zuora.invoice': { schema: expectation({ customer: str, invoice: anyString }, ['customer']) },
  'expect.zuora.account': { schema: expectation({ customer: str }, ['customer']) },
  'expect.stripe.subscription': { schema: expectation({ ref: str }, ['ref']) },
  'expect.stripe.invoice': { schema: expectation({ customer: str, invoice: anyString }, ['customer']) },
  'expect.callouts': { schema: object({ event: str, count, status: str, ...as }, ['event']) },
  'expect.events': { schema: object({ type: str, count, customer: str, subscription: str, data: anyObject, ...as }, ['type']) },
};

export const STEP_NAMES = Object.keys(STEP_SPECS);

export const DOCUMENT_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'steps'],
  properties: {
    name: str,
    description: { type: 'string' },
    tags: { type: 'array', items: str },
    // The billing integration the sync engine runs with: Zuora (the default) or Stripe (seed 003).
    integration: { enum: [...INTEGRATIONS] },
    // A known gap: why the scenario cannot pass yet. It still runs; failing is reported as pending,
    // passing fails it (so the mark is removed once the gap is closed).
    pending: str,
    start: { type: 'string', format: 'date-time' },
    catalog: { title: 'a catalog (object) or the path of a catalog file', anyOf: [str, anyObject] },
    steps: { type: 'array', minItems: 1, items: {} },
  },
};

/** What a catalog file must at least look like; the sync engine checks the rest when it is loaded. */
export const CATALOG_SCHEMA: Schema = {
  type: 'object',
  properties: {
    features: { type: 'array' },
    currencies: { type: 'array' },
    products: { type: 'array' },
    plans: { type: 'array' },
    addons: { type: 'array' },
  },
};
