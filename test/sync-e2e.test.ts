import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { emulatorTime } from '../sync/emulatorTime.js';
import { startSyncEngine, type RunningSyncEngine } from '../sync/index.js';
import { adminClient, request, tenantClient, type TenantClient } from './helpers/emulator.js';

// The story, through the sync engine's API only (and Zuora's, where a Zuora user acts).
const CATALOG = {
  features: [
    { id: 'feature-seats', name: 'Seats', unit: 'seat' },
    { id: 'feature-api-calls', name: 'API calls', unit: 'call', metered: true },
  ],
  currencies: [],
  products: [{ id: 'product-acme', name: 'Acme' }],
  plans: [
    {
      id: 'plan-pro',
      product: 'product-acme',
      name: 'Pro',
      pricingType: 'PAID',
      entitlements: [{ feature: 'feature-seats', limit: 50 }],
      prices: [
        { billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 30 },
        { billingPeriod: 'MONTHLY', model: 'PER_UNIT', feature: 'feature-seats', unitPrice: 10 },
        { billingPeriod: 'MONTHLY', model: 'USAGE_BASED', feature: 'feature-api-calls', unitPrice: 0.01 },
      ],
    },
    {
      id: 'plan-basic',
      product: 'product-acme',
      name: 'Basic',
      pricingType: 'PAID',
      entitlements: [],
      prices: [{ billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 10 }],
    },
  ],
  addons: [],
};

let emulator: RunningEmulator;
let engine: RunningSyncEngine;
let zuora: TenantClient;

const api = (method: string, path: string, body?: unknown) => request(`${engine.url}${path}`, method, body);
const admin = () => adminClient(emulator.url);

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, now: '2026-01-15T10:00:00.000Z' });
  const { clientId, clientSecret } = emulator.credentials;
  engine = await startSyncEngine({
    port: 0,
    inMemory: true,
    zuora: { baseUrl: emulator.url, clientId, clientSecret },
    time: emulatorTime(emulator.url, clientId),
  });
  await engine.connect();
  await engine.followEmulatorClock(emulator.url, clientId);
  zuora = await tenantClient(emulator.url, clientId, clientSecret);
});

afterAll(async () => {
  await engine?.close();
  await emulator?.close();
});

describe('the sync engine against the emulator', () => {
  it('runs a declined card to PAYMENT_PENDING, a payment in Zuora to ACTIVE, and a downgrade at period end', async () => {
    expect((await api('POST', '/api/catalog', CATALOG)).status).toBe(200);
    const customer = await api('POST', '/api/customers', {
      id: 'cust-1',
      name: 'Declining Co',
      email: 'billing@declining.example',
      paymentMethod: { type: 'card', cardNumber: '4000000000000002', expMonth: 12, expYear: 2030 },
      billingInfo: { currency: 'USD' },
    });
    expect(customer.status).toBe(201);
    const provisioned = await api('POST', '/api/subscriptions', { id: 'sub-1', customerId: 'cust-1', planId: 'plan-pro', billingPeriod: 'MONTHLY', units: { 'feature-seats': 5 } });
    expect(provisioned.status).toBe(201);
    expect(provisioned.body).toMatchObject({ status: 'ACTIVE', billingId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const account = (await api('GET', '/api/customers/cust-1')).body;
    expect(account).toMatchObject({ sync: { status: 'SYNCED' }, billingId: expect.any(String) });

    // Usage in the first hours lands on one pending record, then on the first invoice.
    await api('POST', '/api/usage', { customerId: 'cust-1', featureId: 'feature-api-calls', value: 100 });
    await admin().post('/clock/advance', { by: 'PT1H' });
    await api('POST', '/api/usage', { customerId: 'cust-1', featureId: 'feature-api-calls', value: 50 });
    await admin().post('/clock/advance', { by: 'PT1H' });
    const pending = (await zuora.get(`/v2/usage_records?filter[]=account_id.EQ:${account.billingId}`)).body.data;
    expect(pending.map((record: { quantity: number; state: string }) => [record.quantity, record.state])).toEqual([[150, 'pending']]);

    // A month on: the account bills on the 15th, the day its first subscription started, so the
    // 15 February invoice posts and the card declines.
    await admin().post('/clock/advance', { to: '2026-02-15T12:00:00Z' });
    const subscription = (await api('GET', '/api/subscriptions/sub-1')).body;
    expect(subscription).toMatchObject({ status: 'PAYMENT_PENDING', latestInvoice: { status: 'OPEN', requiresAction: true } });
    const failures = (await api('GET', '/api/events?type=PAYMENT_FAILED')).body.data;
    expect(failures).toEqual([expect.objectContaining({ subscriptionId: 'sub-1', data: expect.objectContaining({ gatewayResponseCode: 'card_declined' }) })]);
    // 15 Jan - 15 Feb and 15 Feb - 15 Mar of 30 + 5 x 10 in advance, and 150 calls at 0.01 in
    // arrears: 80 + 80 + 1.50 = 161.50.
    const invoice = (await zuora.get(`/v1/object/invoice/${subscription.latestInvoice.id}`)).body;
    expect(invoice).toMatchObject({ Amount: 161.5, Balance: 161.5, Status: 'Posted' });

    // Paid in Zuora by check.
    const paid = await zuora.post('/v1/payments', { accountId: account.billingId, amount: 161.5, currency: 'USD', type: 'External', invoices: [{ invoiceId: invoice.Id, amount: 161.5 }] });
    expect(paid.body.success).toBe(true);
    await admin().post('/clock/advance', { by: 'PT0S' });
    expect((await api('GET', '/api/subscriptions/sub-1')).body).toMatchObject({ status: 'ACTIVE', latestInvoice: { status: 'PAID' } });

    // A downgrade at the end of the billing period is a scheduled order in Zuora.
    const downgrade = await api('PATCH', '/api/subscriptions/sub-1', { planId: 'plan-basic', scheduleStrategy: 'END_OF_BILLING_PERIOD' });
    expect(downgrade.status).toBe(200);
    expect((await api('GET', '/api/subscriptions/sub-1')).body).toMatchObject({ planId: 'plan-pro', scheduledUpdates: [expect.objectContaining({ status: 'PENDING', effectiveAt: expect.stringContaining('2026-03-15') })] });
    await admin().post('/clock/advance', { to: '2026-03-16T00:00:00Z' });
    const downgraded = (await api('GET', '/api/subscriptions/sub-1')).body;
    expect(downgraded).toMatchObject({ planId: 'plan-basic', scheduledUpdates: [expect.objectContaining({ status: 'DONE' })] });
    const zuoraSubscription = (await zuora.get(`/v1/subscriptions/${downgraded.billingId}`)).body;
    expect(zuoraSubscription.ratePlans.filter((plan: { lastChangeType?: string }) => plan.lastChangeType !== 'Remove').map((plan: { ratePlanName: string }) => plan.ratePlanName)).toEqual(['Basic (Monthly)']);
  });

  it('changes nothing when a delivered callout is replayed', async () => {
    const before = {
      subscription: (await api('GET', '/api/subscriptions/sub-1')).body,
      events: (await api('GET', '/api/events')).body.data.length,
    };
    const delivered = (await admin().get('/callouts?status=delivered')).body.data as Array<{ id: string }>;
    expect(delivered.length).toBeGreaterThan(5);
    for (const callout of delivered) await admin().post(`/callouts/${callout.id}/redeliver`);
    await admin().post('/clock/advance', { by: 'PT0S' });
    expect((await api('GET', '/api/subscriptions/sub-1')).body).toEqual(before.subscription);
    expect((await api('GET', '/api/events')).body.data.length).toBe(before.events);
  });
});
