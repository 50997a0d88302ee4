import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request as undiciRequest } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { calloutCredentials } from '../sync/calloutCredentials.js';
import { startSyncEngine } from '../sync/index.js';
import { request } from './helpers/emulator.js';
import { ACME, ANNUAL_SEAT_TIERS, API_CALL_PRICE, API_CREDITS, FEATURES, PRO_FEE, proPlan, SEAT_PRICE } from './helpers/syncCatalog.js';
import { useSyncEngine } from './helpers/syncEngine.js';

// The sync engine's REST API as a platform client sees it: validation, 404s and 409s, records
// answered, the event log, the webhook's authentication and the wiring to the emulator's clock.
// What the records do in Zuora is the end-to-end tests' business.

const START = '2026-03-01T00:00:00.000Z';
const VISA = { type: 'card', cardNumber: '4242424242424242', expMonth: 12, expYear: 2030 };

const CATALOG = {
  features: FEATURES,
  currencies: [API_CREDITS],
  products: [ACME],
  plans: [
    { ...proPlan([PRO_FEE, { ...SEAT_PRICE, maxQuantity: 50 }, API_CALL_PRICE, ANNUAL_SEAT_TIERS]), trialDays: 14 },
    { id: 'plan-free', product: 'product-acme', name: 'Free', pricingType: 'FREE', entitlements: [{ feature: 'feature-seats', limit: 3 }] },
    {
      id: 'plan-annual',
      product: 'product-acme',
      name: 'Annual only',
      prices: [{ billingPeriod: 'ANNUALLY', model: 'FLAT_FEE', amount: 300 }],
    },
  ],
  addons: [{ id: 'addon-support', product: 'product-acme', name: 'Priority support', prices: [{ billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 50 }] }],
};

// Usage is synced on request here; the hourly poll is not what these tests are about.
const sync = useSyncEngine({ emulator: { now: START }, engine: { hourlyUsageSync: false } });
const { api } = sync;

beforeAll(async () => {
  const loaded = await api.post('/api/catalog', CATALOG);
  expect(loaded.status).toBe(200);
});

describe('the sync engine API', () => {
  it('answers health, and 404 in its own error shape for an unknown route', async () => {
    expect((await api.get('/api/health')).body).toEqual({ status: 'ok' });
    const unknown = await api.get('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'No route GET /api/nothing-here' } });
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await request(`${sync.engine.url}/api/customers`, 'POST', '{"id": ', { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_JSON');
  });
});

describe('POST /api/catalog', () => {
  it('stores the catalog with plans and add-ons told apart, defaults filled in, and each package synced to a Zuora product', async () => {
    const { body: catalog } = await api.get('/api/catalog');
    expect(catalog.features).toEqual(CATALOG.features);
    expect(catalog.plans.map((plan: { id: string; kind: string }) => [plan.id, plan.kind])).toEqual([
      ['plan-pro', 'PLAN'],
      ['plan-free', 'PLAN'],
      ['plan-annual', 'PLAN'],
    ]);
    const addon = catalog.addons[0];
    expect(addon).toMatchObject({ id: 'addon-support', kind: 'ADDON', pricingType: 'PAID', entitlements: [] });
    expect(catalog.plans[0].billing.productId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lists every problem of an invalid catalog, each with the path it is at, and keeps the catalog it had', async () => {
    const answer = await api.post('/api/catalog', {
      features: [{ id: 'feature-seats', name: 'Seats' }, { id: 'feature-seats', name: 'Seats again' }],
      products: [{ id: 'product-acme', name: 'Acme' }],
      plans: [
        {
          id: 'plan-x',
          product: 'product-missing',
          name: 'X',
          colour: 'blue',
          prices: [
            { billingPeriod: 'WEEKLY', model: 'FLAT_FEE', amount: 5 },
            { billingPeriod: 'MONTHLY', model: 'PER_UNIT', unitPrice: 3 },
            { billingPeriod: 'MONTHLY', model: 'USAGE_BASED', feature: 'feature-seats', unitPrice: 1 },
            { billingPeriod: 'MONTHLY', model: 'TIERED', feature: 'feature-seats', tiers: [{ unitPrice: 5 }, { upTo: 10, unitPrice: 4 }] },
          ],
        },
        { id: 'plan-free', product: 'product-acme', name: 'Free', pricingType: 'FREE', prices: [{ billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 0 }] },
      ],
      addons: [{ id: 'plan-x', product: 'product-acme', name: 'Clash', prices: [] }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CATALOG');
    expect(answer.body.error.details).toEqual(
      expect.arrayContaining([
        "'features[1]' repeats the feature id 'feature-seats'",
        "'plans[0].colour' is not a known field (known: id, product, name, description, pricingType, trialDays, entitlements, prices)",
        "'plans[0].product' names no product of the catalog ('product-missing')",
        "'plans[0].prices[0].billingPeriod' must be MONTHLY | ANNUALLY",
        "'plans[0].prices[1].feature' is required for a PER_UNIT price",
        "'plans[0].prices[2].feature' must be a metered feature for a USAGE_BASED price ('feature-seats' is not metered)",
        "'plans[0].prices[3].tiers[0]' needs upTo (only the last tier is open-ended)",
        "'plans[0].prices[3].tiers[1]' is the last tier, so it has no upTo (it is open-ended)",
        "'plans[1].prices' must be empty for a FREE plan or add-on",
        "'addons[0]' repeats the plan or add-on id 'plan-x'",
        "'addons[0].prices' needs at least one price for a PAID plan or add-on",
      ]),
    );
    expect(answer.body.error.message).toMatch(/^'plans\[0\]\.colour' is not a known field .* \(and 10 more: see details\)$/);
    expect(answer.body.error.details).toHaveLength(11);
    expect((await api.get('/api/catalog')).body.plans).toHaveLength(3);
  });

  it('refuses a body that is not a catalog at all', async () => {
    const answer = await api.post('/api/catalog', [1, 2]);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_CATALOG', message: "'body' must be an object" });
  });
});

describe('customers', () => {
  it('creates a customer, keeping of a card only its brand, last 4 digits and expiry', async () => {
    const created = await api.post('/api/customers', {
      id: 'customer-ada',
      name: 'Ada',
      email: 'ada@example.com',
      paymentMethod: VISA,
      billingInfo: { currency: 'USD', invoiceDaysUntilDue: 30, address: { line1: '1 Main St', country: 'US' } },
      metadata: { ZUORA__Region__c: 'EMEA', plan: 'gold' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'customer-ada',
      name: 'Ada',
      email: 'ada@example.com',
      paymentMethod: { type: 'card', brand: 'Visa', last4: '4242', expMonth: 12, expYear: 2030 },
      billingInfo: { currency: 'USD', invoiceDaysUntilDue: 30, address: { line1: '1 Main St', country: 'US' } },
      metadata: { ZUORA__Region__c: 'EMEA', plan: 'gold' },
      archived: false,
      createdAt: START,
    });
    expect(JSON.stringify(created.body)).not.toContain(VISA.cardNumber);
    const read = await api.get('/api/customers/customer-ada');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('keeps a metadata key named __proto__ as data, on create and on every read', async () => {
    // A computed key makes `__proto__` an own member, as JSON.parse does with the body on the engine's side.
    const metadata = { ['__proto__']: 'kept', plan: 'gold' };
    const created = await api.post('/api/customers', { id: 'customer-proto', name: 'Proto', paymentMethod: VISA, metadata });
    expect(created.status).toBe(201);
    const read = await api.get('/api/customers/customer-proto');
    expect(read.status).toBe(200);
    expect(Object.entries((read.body as { metadata: Record<string, string> }).metadata)).toEqual([
      ['__proto__', 'kept'],
      ['plan', 'gold'],
    ]);
  });

  it('records a customer without subscriptions as not synced, with the reason of seeds/000', async () => {
    const created = await api.post('/api/customers', { id: 'customer-nosub', name: 'No subscription', paymentMethod: VISA });
    expect(created.body.sync).toMatchObject({ status: 'NO_SYNC', reason: "Customer doesn't have any subscription" });
    expect(created.body.billingId).toBeUndefined();
  });

  it('refuses a second customer with the same id', async () => {
    await api.post('/api/customers', { id: 'customer-twice', name: 'Once' });
    const again = await api.post('/api/customers', { id: 'customer-twice', name: 'Twice' });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: 'CUSTOMER_EXISTS', message: "A customer with id 'customer-twice' already exists" });
  });

  it('names every problem of a bad customer', async () => {
    const answer = await api.post('/api/customers', {
      id: 'has spaces',
      email: 'not-an-email',
      paymentMethod: { type: 'card', cardNumber: '4242424242424241', expMonth: 13, expYear: 2030 },
      billingInfo: { currency: 'usd' },
      metadata: { count: 3 },
      nickname: 'x',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_REQUEST');
    expect(answer.body.error.details).toEqual([
      "'nickname' is not a known field (known: id, name, email, paymentMethod, billingInfo, metadata, billingId)",
      "'id' must be 1-128 letters, digits, or _ . : - and start with a letter or digit",
      "'name' is required",
      "'email' must be an email address",
      "'paymentMethod.cardNumber' is not a valid card number (12-19 digits passing the Luhn check)",
      "'paymentMethod.expMonth' must be at most 12",
      "'billingInfo.currency' must be a 3-letter ISO currency code such as USD",
      "'metadata.count' must be a string",
    ]);
  });

  it('takes a card reference token and keeps none of it', async () => {
    const created = await api.post('/api/customers', { id: 'customer-token', name: 'Token', paymentMethod: { type: 'cc_ref', token: 'tok_visa' } });
    expect(created.status).toBe(201);
    expect(created.body.paymentMethod).toEqual({ type: 'cc_ref' });
    const mixed = await api.post('/api/customers', { id: 'customer-mixed', name: 'Mixed', paymentMethod: { type: 'cc_ref', token: 'tok_visa', cardNumber: '4242424242424242' } });
    expect(mixed.body.error.message).toBe("'paymentMethod.cardNumber' is not allowed for a cc_ref payment method");
  });

  it('answers 404 for a customer that does not exist', async () => {
    for (const answer of [
      await api.get('/api/customers/customer-nobody'),
      await api.post('/api/customers/customer-nobody/archive'),
      await api.get('/api/customers/customer-nobody/subscriptions'),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error).toEqual({ code: 'CUSTOMER_NOT_FOUND', message: "No customer with id 'customer-nobody'" });
    }
  });

  it('archives a customer once, logs it, and refuses new work for it', async () => {
    await api.post('/api/customers', { id: 'customer-leaving', name: 'Leaving' });
    const archived = await api.post('/api/customers/customer-leaving/archive');
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id: 'customer-leaving', archived: true });
    const again = await api.post('/api/customers/customer-leaving/archive');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CUSTOMER_ARCHIVED');
    const provision = await api.post('/api/subscriptions', { customerId: 'customer-leaving', planId: 'plan-free' });
    expect(provision.status).toBe(409);
    const usage = await api.post('/api/usage', { customerId: 'customer-leaving', featureId: 'feature-api-calls', value: 1 });
    expect(usage.status).toBe(409);
    const events = await api.get('/api/events?customerId=customer-leaving');
    expect(events.body.data.map((event: { type: string }) => event.type)).toEqual(['CUSTOMER_CREATED', 'CUSTOMER_ARCHIVED']);
  });
});

describe('subscriptions', () => {
  beforeAll(async () => {
    await api.post('/api/customers', { id: 'customer-subs', name: 'Subscriber' });
  });

  it('checks a provisioning request against the catalog before anything is written', async () => {
    const answer = await api.post('/api/subscriptions', {
      customerId: 'customer-subs',
      planId: 'plan-annual',
      billingPeriod: 'MONTHLY',
      addons: [{ addonId: 'addon-nothing', quantity: 1 }, { addonId: 'addon-support', quantity: 0 }],
      units: { 'feature-api-calls': 10, 'feature-ghost': 1 },
      paymentCollectionMethod: 'CASH',
      trial: true,
      creditEntitlements: [{ customCurrencyId: 'currency-gold', amount: 0, cadence: 'WEEK' }],
      entitlements: [{ featureId: 'feature-ghost', limit: 5 }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([
      "'billingPeriod' is not a period plan 'plan-annual' is sold in (ANNUALLY)",
      "'trial' is not possible: plan 'plan-annual' has no trialDays (give {days} or {endDate} instead)",
      "'addons[0].addonId' names no add-on of the catalog ('addon-nothing')",
      "'addons[1].quantity' must be at least 1",
      "'units.feature-api-calls' is a metered feature: report its usage with POST /api/usage instead",
      "'units.feature-ghost' names no feature of the catalog ('feature-ghost')",
      "'paymentCollectionMethod' must be PAYMENT_METHOD_ON_FILE | CHARGE | INVOICE | NONE",
      "'creditEntitlements[0].customCurrencyId' names no custom currency of the catalog ('currency-gold')",
      "'creditEntitlements[0].amount' must be more than 0",
      "'creditEntitlements[0].cadence' must be MONTH | YEAR",
      "'entitlements[0].featureId' names no feature of the catalog ('feature-ghost')",
    ]);
    expect((await api.get('/api/customers/customer-subs/subscriptions')).body).toEqual({ data: [] });
  });

  it('refuses an add-on as a plan, a quantity over the price maximum, and an unknown customer', async () => {
    const addonAsPlan = await api.post('/api/subscriptions', { customerId: 'customer-subs', planId: 'addon-support' });
    expect(addonAsPlan.body.error.message).toBe("'planId' names an add-on ('addon-support'), not a plan");
    const addonNotAnnual = await api.post('/api/subscriptions', { customerId: 'customer-subs', planId: 'plan-annual', addons: [{ addonId: 'addon-support' }] });
    expect(addonNotAnnual.body.error.message).toBe("'addons[0].addonId' is not sold ANNUALLY (add-on 'addon-support')");
    const tooMany = await api.post('/api/subscriptions', { customerId: 'customer-subs', planId: 'plan-pro', units: { 'feature-seats': 51 } });
    expect(tooMany.body.error.message).toBe("'units.feature-seats' must be at most 50 on plan 'plan-pro'");
    const nobody = await api.post('/api/subscriptions', { customerId: 'customer-nobody', planId: 'plan-free' });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('answers 404 for a subscription that does not exist, whatever is asked of it', async () => {
    for (const answer of [
      await api.get('/api/subscriptions/sub-nothing'),
      await api.patch('/api/subscriptions/sub-nothing', { units: { 'feature-seats': 2 } }),
      await api.post('/api/subscriptions/sub-nothing/cancel', { when: 'IMMEDIATE' }),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('SUBSCRIPTION_NOT_FOUND');
    }
  });

  it('provisions a free plan (not synced), validates changes to it, cancels it once', async () => {
    const created = await api.post('/api/subscriptions', { customerId: 'customer-subs', planId: 'plan-free', metadata: { source: 'test' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ customerId: 'customer-subs', planId: 'plan-free', billingPeriod: 'MONTHLY', status: 'ACTIVE', metadata: { source: 'test' } });
    expect(created.body.sync).toMatchObject({ status: 'NO_SYNC', reason: 'Subscription is for a free plan' });
    const id: string = created.body.id;
    expect((await api.get(`/api/subscriptions/${id}`)).body).toEqual(created.body);
    expect((await api.get('/api/customers/customer-subs/subscriptions')).body.data.map((sub: { id: string }) => sub.id)).toEqual([id]);

    const nothing = await api.patch(`/api/subscriptions/${id}`, { scheduleStrategy: 'END_OF_BILLING_PERIOD' });
    expect(nothing.body.error.message).toBe("'body' must change something: give at least one of planId, addons, units, billingPeriod");
    const badStrategy = await api.patch(`/api/subscriptions/${id}`, { planId: 'plan-pro', scheduleStrategy: 'TOMORROW' });
    expect(badStrategy.body.error.message).toBe("'scheduleStrategy' must be IMMEDIATE | END_OF_BILLING_PERIOD");
    const periodGone = await api.patch(`/api/subscriptions/${id}`, { planId: 'plan-annual' });
    expect(periodGone.body.error.message).toBe("'billingPeriod' is required: plan 'plan-annual' is not sold MONTHLY, the subscription's current period");

    const badWhen = await api.post(`/api/subscriptions/${id}/cancel`, { when: 'LATER' });
    expect(badWhen.status).toBe(400);
    const cancelled = await api.post(`/api/subscriptions/${id}/cancel`, { when: 'IMMEDIATE' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, status: 'CANCELED' });
    const again = await api.post(`/api/subscriptions/${id}/cancel`, { when: 'IMMEDIATE' });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: 'SUBSCRIPTION_ENDED', message: `Subscription '${id}' is CANCELED` });
    expect((await api.patch(`/api/subscriptions/${id}`, { units: { 'feature-seats': 2 } })).status).toBe(409);
  });

  it('keeps a plan in use from being dropped by a catalog reload', async () => {
    await api.post('/api/subscriptions', { customerId: 'customer-subs', planId: 'plan-free' });
    const reload = await api.post('/api/catalog', { ...CATALOG, plans: CATALOG.plans.filter((plan) => plan.id !== 'plan-free') });
    expect(reload.status).toBe(409);
    expect(reload.body.error.code).toBe('PACKAGE_IN_USE');
  });
});

describe('usage and credits', () => {
  beforeAll(async () => {
    await api.post('/api/customers', { id: 'customer-usage', name: 'Metered' });
  });

  it('records usage of a metered feature at the platform time, and refuses other features', async () => {
    const reported = await api.post('/api/usage', { customerId: 'customer-usage', featureId: 'feature-api-calls', value: 120 });
    expect(reported.status).toBe(201);
    expect(reported.body).toMatchObject({ customerId: 'customer-usage', featureId: 'feature-api-calls', value: 120, at: START });
    const seats = await api.post('/api/usage', { customerId: 'customer-usage', featureId: 'feature-seats', value: 1 });
    expect(seats.body.error.message).toBe("'featureId' is not a metered feature ('feature-seats'); set its quantity as subscription units");
    const nobody = await api.post('/api/usage', { customerId: 'customer-nobody', featureId: 'feature-api-calls', value: 1 });
    expect(nobody.status).toBe(404);
    const noValue = await api.post('/api/usage', { customerId: 'customer-usage', featureId: 'feature-api-calls', value: '7' });
    expect(noValue.body.error.message).toBe("'value' must be a number");
  });

  it('runs the usage sync on request', async () => {
    const answer = await api.post('/api/usage/sync');
    expect(answer.status).toBe(200);
  });

  it('checks a credit grant against the catalog currencies, by the field names of seeds/004', async () => {
    const bad = await api.post('/api/credits/grants', { customerId: 'customer-usage', currencyId: 'currency-gold', amount: -5, grantType: 'FREE', cost: { amount: 5, currency: 'USD' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      "'grantType' must be PAID | PROMOTIONAL",
      "'currencyId' names no custom currency of the catalog ('currency-gold')",
      "'displayName' is required",
      "'amount' must be more than 0",
    ]);
    const promotional = { customerId: 'customer-usage', grantType: 'PROMOTIONAL', currencyId: 'currency-api-credits', displayName: 'Welcome', amount: 500, cost: { amount: 5, currency: 'USD' } };
    expect((await api.post('/api/credits/grants', promotional)).body.error.details).toEqual(["'cost' is for PAID grants only"]);
    const { cost: _cost, ...valid } = promotional;
    const granted = await api.post('/api/credits/grants', { ...valid, comment: 'hello', priority: 3, expirationDate: '2026-12-31T00:00:00Z' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      customerId: 'customer-usage',
      grantType: 'PROMOTIONAL',
      currencyId: 'currency-api-credits',
      displayName: 'Welcome',
      amount: 500,
      comment: 'hello',
      priority: 3,
      expirationDate: '2026-12-31T00:00:00.000Z',
      status: 'ACTIVE',
      consumed: 0,
    });
    expect((await api.get('/api/customers/customer-usage/credits')).body.data).toEqual([granted.body]);
  });
});

describe('GET /api/events', () => {
  it('filters the log by type and customer, oldest first, and refuses an unknown type', async () => {
    const created = await api.get('/api/events?type=CUSTOMER_CREATED');
    const ids = created.body.data.map((event: { customerId: string }) => event.customerId);
    expect(ids.indexOf('customer-ada')).toBeLessThan(ids.indexOf('customer-nosub'));
    expect(created.body.data.every((event: { type: string }) => event.type === 'CUSTOMER_CREATED')).toBe(true);
    expect(created.body.data[0]).toMatchObject({ id: expect.stringMatching(/^evt-\d{8}$/), type: 'CUSTOMER_CREATED', at: START, customerId: 'customer-ada' });
    const one = await api.get('/api/events?type=CUSTOMER_CREATED&customerId=customer-nosub');
    expect(one.body.data).toEqual([expect.objectContaining({ type: 'CUSTOMER_CREATED', customerId: 'customer-nosub', data: {} })]);
    const bad = await api.get('/api/events?type=EVERYTHING');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^'type' must be CUSTOMER_CREATED \| CUSTOMER_UPDATED \| /);
    const unknownFilter = await api.get('/api/events?colour=blue');
    expect(unknownFilter.status).toBe(400);
  });

  it('lists only the events logged after a given one', async () => {
    const all = (await api.get('/api/events')).body.data as Array<{ id: string }>;
    expect(all.length).toBeGreaterThan(2);
    const after = await api.get(`/api/events?after=${all[all.length - 3]?.id}`);
    expect(after.body.data).toEqual(all.slice(-2));
    expect((await api.get(`/api/events?after=${all[all.length - 1]?.id}`)).body.data).toEqual([]);
  });
});

describe('the webhook and the integration', () => {
  it('refuses a callout without the credentials connect registers, with a basic-auth challenge', async () => {
    const answer = await api.post('/webhooks/zuora', { EventType: 'StiggInvoicePaidEvent' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Basic realm="zuora-callouts"');
    expect(answer.body.error.code).toBe('UNAUTHORIZED');
  });

  it('answers a callout handed to it in process as its webhook answers it over HTTP, and leaves to HTTP a body only its server reads', async () => {
    const { username, password } = calloutCredentials(sync.emulator.credentials.clientSecret);
    const credentials = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const overHttp = async (headers: Record<string, string>, body: string) => {
      const answer = await undiciRequest(sync.engine.webhookUrl, { method: 'POST', headers, body });
      const text = await answer.body.text();
      return { status: answer.statusCode, type: answer.headers['content-type'], challenge: answer.headers['www-authenticate'], text };
    };
    const inProcess = async (headers: Record<string, string>, body: string | null, method = 'POST') => {
      const answer = await sync.engine.answerCallout({ method, headers, body });
      return answer && { status: answer.status, type: answer.headers['content-type'], challenge: answer.headers['www-authenticate'], text: answer.text };
    };
    const json = { 'content-type': 'application/json' };
    for (const [headers, body] of [
      [json, '{"EventType":"StiggInvoicePaidEvent"}'],
      [{ ...json, authorization: credentials }, '{"EventType":"SomethingElse","AccountId":"x"}'],
      [{ authorization: credentials }, ' [1, 2]'],
      [{ 'content-type': 'text/plain; charset=utf-8', authorization: credentials }, '{"EventType":"StiggInvoicePaidEvent","InvoiceId":7}'],
    ] as const) {
      const answer = await inProcess(headers, body);
      expect(answer, body).toBeDefined();
      expect(answer, body).toEqual(await overHttp(headers, body));
    }
    // What express.json would not read as the text's own JSON goes over HTTP, whose server answers it.
    for (const [headers, body, method] of [
      [json, 'not json', 'POST'],
      [json, '"text"', 'POST'],
      [json, '\uFEFF{"EventType":"x"}', 'POST'],
      [{ 'content-type': 'application/json; charset=latin1' }, '{"EventType":"x"}', 'POST'],
      [{ ...json, 'content-encoding': 'gzip' }, '{"EventType":"x"}', 'POST'],
      [json, '{"EventType":"\uD800"}', 'POST'],
      [json, null, 'POST'],
      [json, '{"EventType":"x"}', 'PUT'],
    ] as const) {
      expect(await inProcess(headers, body, method), String(body)).toBeUndefined();
    }
  });

  it('connects the emulator tenant to the webhook, idempotently, and removes it again', async () => {
    const first = await api.post('/api/integration/connect');
    expect(first.status).toBe(200);
    expect(first.body.webhookUrl).toBe(`${sync.engine.url}/webhooks/zuora`);
    expect(first.body.created.length).toBeGreaterThan(0);
    const second = await api.post('/api/integration/connect', {});
    expect(second.body.created).toEqual([]);
    const templates = await sync.zuora.get('/notifications/callout-templates');
    expect(JSON.stringify(templates.body)).toContain(`${sync.engine.url}/webhooks/zuora`);
    const removed = await api.post('/api/integration/remove');
    expect(removed.status).toBe(200);
    expect(removed.body.deleted.length).toBeGreaterThan(0);
    const withBody = await api.post('/api/integration/connect', { baseUrl: 'https://elsewhere' });
    expect(withBody.status).toBe(400);
  });
});

describe('wiring', () => {
  it('follows the emulator tenant clock', async () => {
    await sync.admin.post('/clock/advance', { by: 'P1D' });
    const created = await api.post('/api/customers', { id: 'customer-tomorrow', name: 'Tomorrow' });
    expect(created.body.createdAt).toBe('2026-03-02T00:00:00.000Z');
  });

  it('is reached by the emulator tenant callouts, with the credentials connect registered', async () => {
    await sync.engine.connect();
    await api.post('/api/customers', { id: 'customer-paying', name: 'Paying', email: 'pay@example.com', paymentMethod: VISA });
    const provisioned = await api.post('/api/subscriptions', { customerId: 'customer-paying', planId: 'plan-pro', units: { 'feature-seats': 2 } });
    expect(provisioned.body.sync).toMatchObject({ status: 'SYNCED' });
    const flushed = await sync.admin.post('/callouts/flush');
    expect(flushed.body.failed).toBe(0);
    const journal = await sync.admin.get('/callouts');
    expect(journal.body.data.length).toBeGreaterThan(0);
    for (const delivery of journal.body.data) expect(delivery).toMatchObject({ status: 'delivered', url: sync.engine.webhookUrl });
  });

  it('keeps state in its data dir across a restart, with no card number in it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sync-engine-'));
    try {
      const first = await startSyncEngine(sync.engineOptions({ inMemory: false, dataDir }));
      const created = await request(`${first.url}/api/customers`, 'POST', { id: 'customer-kept', name: 'Kept', paymentMethod: VISA });
      expect(created.status).toBe(201);
      await first.close();
      const state = await readFile(path.join(dataDir, 'state.json'), 'utf8');
      expect(state).toContain('customer-kept');
      expect(state).not.toContain(VISA.cardNumber);

      const second = await startSyncEngine(sync.engineOptions({ inMemory: false, dataDir }));
      try {
        const read = await request(`${second.url}/api/customers/customer-kept`, 'GET');
        expect(read.body).toEqual(created.body);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
