import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, API_CALL_PRICE, FEATURES, PRO_FEE, proPlan, SEAT_PRICE } from './helpers/syncCatalog.js';
import { useSyncEngine } from './helpers/syncEngine.js';

// The story, through the sync engine's API only (and Zuora's, where a Zuora user acts).
const CATALOG = {
  features: FEATURES,
  currencies: [],
  products: [ACME],
  plans: [
    proPlan([PRO_FEE, SEAT_PRICE, API_CALL_PRICE]),
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

const sync = useSyncEngine({ emulator: { now: '2026-01-15T10:00:00.000Z' } });
const api = sync.api.request;

beforeAll(async () => {
  await sync.engine.connect();
  await sync.engine.followEmulatorClock(sync.url, sync.emulator.credentials.clientId, sync.emulator.adminToken);
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
    expect(provisioned.body).toMatchObject({ billingId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const account = (await api('GET', '/api/customers/cust-1')).body;
    expect(account).toMatchObject({ sync: { status: 'SYNCED' }, billingId: expect.any(String) });

    // Sign-up bills the first period at once and charges the card, which declines: by the time the
    // callouts of that same instant are delivered the subscription waits for payment. 15 Jan - 15 Feb
    // of 30 + 5 x 10 in advance = 80.
    await sync.admin.post('/clock/advance', { by: 'PT0S' });
    const declined = (await api('GET', '/api/subscriptions/sub-1')).body;
    expect(declined).toMatchObject({ status: 'PAYMENT_PENDING', paymentCollection: 'FAILED', latestInvoice: { status: 'OPEN', amount: 80, requiresAction: true } });
    const failures = (await api('GET', '/api/events?type=PAYMENT_FAILED')).body.data;
    expect(failures).toEqual([
      expect.objectContaining({ subscriptionId: 'sub-1', at: '2026-01-15T10:00:00.000Z', data: expect.objectContaining({ gatewayResponseCode: 'card_declined', gatewayResponse: expect.any(String) }) }),
    ]);
    const first = (await sync.zuora.get(`/v1/object/invoice/${declined.latestInvoice.id}`)).body;
    expect(first).toMatchObject({ Amount: 80, Balance: 80, Status: 'Posted', InvoiceDate: '2026-01-15' });

    // Paid in Zuora by check: active again.
    const paid = await sync.zuora.post('/v1/payments', { accountId: account.billingId, amount: 80, currency: 'USD', type: 'External', invoices: [{ invoiceId: first.Id, amount: 80 }] });
    expect(paid.body.success).toBe(true);
    await sync.admin.post('/clock/advance', { by: 'PT0S' });
    expect((await api('GET', '/api/subscriptions/sub-1')).body).toMatchObject({ status: 'ACTIVE', latestInvoice: { id: first.Id, status: 'PAID' } });

    // Usage in the first hours lands on one pending record, then on the next invoice.
    await api('POST', '/api/usage', { customerId: 'cust-1', featureId: 'feature-api-calls', value: 100 });
    await sync.admin.post('/clock/advance', { by: 'PT1H' });
    await api('POST', '/api/usage', { customerId: 'cust-1', featureId: 'feature-api-calls', value: 50 });
    await sync.admin.post('/clock/advance', { by: 'PT1H' });
    const pending = (await sync.zuora.get(`/v2/usage_records?filter[]=account_id.EQ:${account.billingId}`)).body.data;
    expect(pending.map((record: { quantity: number; state: string }) => [record.quantity, record.state])).toEqual([[150, 'pending']]);

    // A month on: the account bills on the 15th, the day its first subscription started, so the
    // 15 February invoice posts and the card declines again. 15 Feb - 15 Mar of 30 + 5 x 10 in
    // advance, and 150 calls at 0.01 in arrears: 80 + 1.50 = 81.50.
    await sync.admin.post('/clock/advance', { to: '2026-02-15T12:00:00Z' });
    const subscription = (await api('GET', '/api/subscriptions/sub-1')).body;
    expect(subscription).toMatchObject({ status: 'PAYMENT_PENDING', latestInvoice: { status: 'OPEN', requiresAction: true } });
    expect((await api('GET', '/api/events?type=PAYMENT_FAILED')).body.data).toHaveLength(2);
    const invoice = (await sync.zuora.get(`/v1/object/invoice/${subscription.latestInvoice.id}`)).body;
    expect(invoice).toMatchObject({ Amount: 81.5, Balance: 81.5, Status: 'Posted', InvoiceDate: '2026-02-15' });

    const paidAgain = await sync.zuora.post('/v1/payments', { accountId: account.billingId, amount: 81.5, currency: 'USD', type: 'External', invoices: [{ invoiceId: invoice.Id, amount: 81.5 }] });
    expect(paidAgain.body.success).toBe(true);
    await sync.admin.post('/clock/advance', { by: 'PT0S' });
    expect((await api('GET', '/api/subscriptions/sub-1')).body).toMatchObject({ status: 'ACTIVE', latestInvoice: { status: 'PAID' } });

    // A downgrade at the end of the billing period is a scheduled order in Zuora.
    const downgrade = await api('PATCH', '/api/subscriptions/sub-1', { planId: 'plan-basic', scheduleStrategy: 'END_OF_BILLING_PERIOD' });
    expect(downgrade.status).toBe(200);
    expect((await api('GET', '/api/subscriptions/sub-1')).body).toMatchObject({ planId: 'plan-pro', scheduledUpdates: [expect.objectContaining({ status: 'PENDING', effectiveAt: expect.stringContaining('2026-03-15') })] });
    await sync.admin.post('/clock/advance', { to: '2026-03-16T00:00:00Z' });
    // seeds/002: a plan change provisions a new subscription to the target plan; the old one ends.
    const ended = (await api('GET', '/api/subscriptions/sub-1')).body;
    expect(ended).toMatchObject({ planId: 'plan-pro', status: 'CANCELED', endDate: '2026-03-15T00:00:00.000Z', scheduledUpdates: [expect.objectContaining({ status: 'DONE' })] });
    const downgraded = (await api('GET', `/api/subscriptions/${ended.supersededBy}`)).body;
    // Its first period (Basic, 10) is billed at once, to the same declining card.
    expect(downgraded).toMatchObject({ planId: 'plan-basic', status: 'PAYMENT_PENDING', startDate: '2026-03-15T00:00:00.000Z', latestInvoice: { status: 'OPEN', amount: 10 } });
    const zuoraSubscription = (await sync.zuora.get(`/v1/subscriptions/${downgraded.billingId}`)).body;
    expect(zuoraSubscription.ratePlans.filter((plan: { lastChangeType?: string }) => plan.lastChangeType !== 'Remove').map((plan: { ratePlanName: string }) => plan.ratePlanName)).toEqual(['Basic (Monthly)']);
  });

  it('changes nothing when a delivered callout is replayed', async () => {
    const before = {
      subscription: (await api('GET', '/api/subscriptions/sub-1')).body,
      events: (await api('GET', '/api/events')).body.data.length,
    };
    const delivered = (await sync.admin.get('/callouts?status=delivered')).body.data as Array<{ id: string }>;
    expect(delivered.length).toBeGreaterThan(5);
    for (const callout of delivered) await sync.admin.post(`/callouts/${callout.id}/redeliver`);
    await sync.admin.post('/clock/advance', { by: 'PT0S' });
    expect((await api('GET', '/api/subscriptions/sub-1')).body).toEqual(before.subscription);
    expect((await api('GET', '/api/events')).body.data.length).toBe(before.events);
  });
});
