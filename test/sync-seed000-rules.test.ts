import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACME, FEATURES, PRO_FEE, proPlan, SEAT_PRICE, API_CALL_PRICE } from './helpers/syncCatalog.js';
import { useSyncEngine } from './helpers/syncEngine.js';

// seeds/000's rules that live in the integration's settings and on the platform clock: the sync
// switches, billing links, retries with backoff, the per-subscription usage sync. Through the sync
// engine's API, Zuora's API and the emulator's admin API only.

const CATALOG = { features: FEATURES, currencies: [], products: [ACME], plans: [proPlan([PRO_FEE, SEAT_PRICE, API_CALL_PRICE])], addons: [] };
const TENANT_URL = 'https://apisandbox.zuora.com';

const sync = useSyncEngine({ emulator: { now: '2026-03-01T00:00:00.000Z' } });
const api = sync.api.request;

beforeAll(async () => {
  expect((await api('POST', '/api/integrations/zuora', { tenantUrl: `${TENANT_URL}/` })).status).toBe(200);
  await sync.engine.configureStandardNotifications();
  await sync.engine.followEmulatorClock(sync.url, sync.emulator.credentials.clientId, sync.emulator.adminToken);
  expect((await api('POST', '/api/catalog', CATALOG)).status).toBe(200);
});

afterEach(async () => {
  await api('PATCH', '/api/integrations/zuora', { syncCustomers: true, syncSubscriptions: true });
});

const card = { type: 'card', cardNumber: '4242424242424242', expMonth: 12, expYear: 2030 };

async function customerWithSubscription(id: string, subscription: Record<string, unknown> = {}) {
  expect((await api('POST', '/api/customers', { id, name: `${id} Ltd`, paymentMethod: card })).status).toBe(201);
  const created = await api('POST', '/api/subscriptions', { id: `sub-${id}`, customerId: id, planId: 'plan-pro', units: { 'feature-seats': 1 }, ...subscription });
  expect(created.status).toBe(201);
  return created.body;
}

describe('the integration settings', () => {
  it('keeps the tenant URL and both sync switches, on by default, and refuses what is not a setting', async () => {
    expect((await api('GET', '/api/integrations/zuora')).body).toEqual({ syncCustomers: true, syncSubscriptions: true, tenantUrl: TENANT_URL });
    const bad = await api('PATCH', '/api/integrations/zuora', { syncCustomers: 'no', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.stringContaining("'syncCustomers'"), expect.stringContaining("'colour'")]));
    expect((await api('GET', '/api/integrations/zuora')).body.syncCustomers).toBe(true);
  });

  it("gives seeds/000's reasons while syncing is disabled in the environment", async () => {
    expect((await api('PATCH', '/api/integrations/zuora', { syncSubscriptions: false })).body).toMatchObject({ syncSubscriptions: false });
    const subscription = await customerWithSubscription('cust-nosubs');
    expect(subscription.billingId).toBeUndefined();
    expect(subscription.sync).toMatchObject({ status: 'NO_SYNC', reason: 'Syncing of subscriptions is disabled in the environment' });

    await api('PATCH', '/api/integrations/zuora', { syncSubscriptions: true, syncCustomers: false });
    const other = await customerWithSubscription('cust-nocustomers');
    expect((await api('GET', '/api/customers/cust-nocustomers')).body.sync).toMatchObject({ status: 'NO_SYNC', reason: 'Syncing of customers is disabled in the environment' });
    expect(other.sync).toMatchObject({ status: 'NO_SYNC', reason: 'Customer is not synced: Syncing of customers is disabled in the environment' });
  });
});

describe('billing links', () => {
  it('link the billing ids into the tenant the integration was connected with, following new versions', async () => {
    const subscription = await customerWithSubscription('cust-links');
    const customer = (await api('GET', '/api/customers/cust-links')).body;
    expect(customer.billingLinkUrl).toBe(`${TENANT_URL}/apps/CustomerAccount.do?method=view&id=${customer.billingId}`);
    expect(subscription.billingLinkUrl).toBe(`${TENANT_URL}/apps/Subscription.do?method=view&id=${subscription.billingId}`);

    // A version made in Zuora (more seats): the SubscriptionUpdated callout repoints the billing id and its link.
    const zuora = (await sync.zuora.get(`/v1/subscriptions/${subscription.billingSubscriptionNumber}`)).body;
    const seats = zuora.ratePlans[0].ratePlanCharges.find((charge: { model: string }) => charge.model === 'PerUnit');
    const amended = await sync.zuora.post('/v1/orders', {
      orderDate: '2026-03-01',
      existingAccountNumber: customer.billingAccountNumber,
      subscriptions: [
        {
          subscriptionNumber: subscription.billingSubscriptionNumber,
          orderActions: [
            {
              type: 'UpdateProduct',
              triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-03-01' }],
              updateProduct: { ratePlanId: zuora.ratePlans[0].id, chargeUpdates: [{ chargeNumber: seats.number, pricing: { recurringPerUnit: { quantity: 2 } } }] },
            },
          ],
        },
      ],
    });
    expect(amended.body.success).toBe(true);
    await sync.admin.post('/clock/advance', { by: 'PT0S' });
    const repointed = (await api('GET', '/api/subscriptions/sub-cust-links')).body;
    expect(repointed.billingId).not.toBe(subscription.billingId);
    expect(repointed.billingLinkUrl).toBe(`${TENANT_URL}/apps/Subscription.do?method=view&id=${repointed.billingId}`);
    const logged = (await api('GET', '/api/events?type=SUBSCRIPTION_UPDATED')).body.data.filter((entry: { subscriptionId: string }) => entry.subscriptionId === 'sub-cust-links');
    expect(logged.find((entry: { data: { billingId?: string } }) => entry.data.billingId === repointed.billingId)?.data).toMatchObject({ billingLinkUrl: repointed.billingLinkUrl });
  });
});

describe('retries', () => {
  it('tries a FAILED sync again after 1 min, 5 min, 30 min, 2 h, then every 6 h, until Zuora takes it', async () => {
    const failed = await customerWithSubscription('cust-retry', { metadata: { ZUORA__Retried__c: 'yes' } });
    // No such custom field in Zuora yet: refused, first retry a minute later.
    expect(failed.sync).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('Retried__c'), attempts: 1, nextRetryAt: '2026-03-01T00:01:00.000Z' });
    const state = async () => (await api('GET', '/api/subscriptions/sub-cust-retry')).body.sync;
    const expected: Array<[string, number, string]> = [
      ['2026-03-01T00:01:00Z', 2, '2026-03-01T00:06:00.000Z'],
      ['2026-03-01T00:06:00Z', 3, '2026-03-01T00:36:00.000Z'],
      ['2026-03-01T00:36:00Z', 4, '2026-03-01T02:36:00.000Z'],
      ['2026-03-01T02:36:00Z', 5, '2026-03-01T08:36:00.000Z'],
      ['2026-03-01T08:36:00Z', 6, '2026-03-01T14:36:00.000Z'],
    ];
    // Not before it is due.
    await sync.admin.post('/clock/advance', { to: '2026-03-01T00:00:59Z' });
    expect(await state()).toMatchObject({ attempts: 1 });
    for (const [to, attempts, next] of expected) {
      await sync.admin.post('/clock/advance', { to });
      expect(await state()).toMatchObject({ status: 'FAILED', attempts, nextRetryAt: next });
    }
    expect((await api('GET', '/api/events?type=SYNC_FAILED')).body.data.filter((entry: { subscriptionId?: string }) => entry.subscriptionId === 'sub-cust-retry')).toHaveLength(6);

    // The Zuora administrator defines the field: the next retry goes through, billing the first period.
    const defined = await sync.zuora.put('/objects/definitions/default/Subscription', {
      type: 'object',
      properties: {
        Retried__c: { type: 'string', maxLength: 255, label: 'Retried' },
        stiggCustomerId__c: { type: 'string', maxLength: 255, label: 'Stigg customer id' },
        stiggEntityUrl__c: { type: 'string', maxLength: 255, label: 'Stigg entity URL' },
        stiggResourceId__c: { type: 'string', maxLength: 255, label: 'Stigg resource id' },
      },
    });
    expect(defined.status).toBe(200);
    await sync.admin.post('/clock/advance', { to: '2026-03-01T14:36:00Z' });
    const synced = (await api('GET', '/api/subscriptions/sub-cust-retry')).body;
    expect(synced.sync).toEqual({ status: 'SYNCED', at: '2026-03-01T14:36:00.000Z' });
    expect(synced).toMatchObject({ status: 'ACTIVE', billingId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('keeps the status while Zuora has not confirmed a cancellation, and cancels on the retry', async () => {
    const subscription = await customerWithSubscription('cust-cancel');
    // Zuora refuses the cancellation order: its stiggResourceId__c (the subscription's id) is made too
    // long for the field's definition on Order.
    const resourceIdOfLength = (maxLength: number) => ({ type: 'object', properties: { stiggResourceId__c: { type: 'string', maxLength, label: 'stiggResourceId' } } });
    expect((await sync.zuora.put('/objects/definitions/default/Order', resourceIdOfLength(5))).status).toBe(200);
    const refused = await api('POST', `/api/subscriptions/${subscription.id}/cancel`, {});
    expect(refused.body).toMatchObject({ status: 'ACTIVE', sync: { status: 'FAILED', retry: 'CANCEL', attempts: 1 } });
    await sync.admin.post('/clock/advance', { by: 'PT1M' });
    expect((await api('GET', `/api/subscriptions/${subscription.id}`)).body).toMatchObject({ status: 'ACTIVE', sync: { status: 'FAILED', attempts: 2 } });
    // Defined again: the next retry, 5 minutes on, cancels.
    expect((await sync.zuora.put('/objects/definitions/default/Order', resourceIdOfLength(255))).status).toBe(200);
    await sync.admin.post('/clock/advance', { by: 'PT5M' });
    expect((await api('GET', `/api/subscriptions/${subscription.id}`)).body).toMatchObject({ status: 'CANCELED', sync: { status: 'SYNCED' } });
  });
});

describe('the usage sync of one subscription', () => {
  it('pushes that subscription’s usage now, and only its', async () => {
    await customerWithSubscription('cust-usage-a');
    await customerWithSubscription('cust-usage-b');
    await api('POST', '/api/usage', { customerId: 'cust-usage-a', featureId: 'feature-api-calls', value: 40 });
    await api('POST', '/api/usage', { customerId: 'cust-usage-b', featureId: 'feature-api-calls', value: 60 });
    const synced = await api('POST', '/api/subscriptions/sub-cust-usage-a/usage/sync', {});
    expect(synced.status).toBe(200);
    expect(synced.body.records).toEqual([expect.objectContaining({ subscriptionId: 'sub-cust-usage-a', featureId: 'feature-api-calls', quantity: 40 })]);
    expect((await api('POST', '/api/subscriptions/sub-nobody/usage/sync', {})).status).toBe(404);
  });
});

describe('retries of changes at the period end', () => {
  // Zuora refuses every order of the platform while stiggResourceId__c on Order is shorter than a
  // subscription id; defined at full length again, it takes them.
  const orderResourceIdOfLength = (maxLength: number) =>
    sync.zuora.put('/objects/definitions/default/Order', { type: 'object', properties: { stiggResourceId__c: { type: 'string', maxLength, label: 'stiggResourceId' } } });
  const read = async (id: string) => (await api('GET', `/api/subscriptions/${id}`)).body;
  const scheduledOrders = async (number: string) =>
    (await sync.zuora.get(`/v1/orders/subscription/${number}?status=Scheduled`)).body.orders.filter((order: { status: string }) => order.status === 'Scheduled');

  it('places a refused downgrade at the period end again with the same backoff, and it happens on the day', async () => {
    const subscription = await customerWithSubscription('cust-late-downgrade', { units: { 'feature-seats': 4 } });
    const now = (await sync.admin.get('/clock')).body.now as string;
    expect((await orderResourceIdOfLength(5)).status).toBe(200);
    const refused = await api('PATCH', `/api/subscriptions/${subscription.id}`, { units: { 'feature-seats': 2 }, scheduleStrategy: 'END_OF_BILLING_PERIOD' });
    expect(refused.status).toBe(200);
    const inOneMinute = new Date(Date.parse(now) + 60_000).toISOString();
    expect(refused.body.sync).toMatchObject({ status: 'FAILED', retry: 'SCHEDULE', attempts: 1, nextRetryAt: inOneMinute });
    // Still pending on the platform (the period ends on April 1, the account's bill cycle day), still 4 seats.
    expect(refused.body.units).toEqual({ 'feature-seats': 4 });
    expect(refused.body.scheduledUpdates).toEqual([expect.objectContaining({ type: 'UNITS', status: 'PENDING', effectiveAt: '2026-04-01T00:00:00.000Z' })]);
    expect(refused.body.scheduledUpdates[0].zuoraOrderNumber).toBeUndefined();

    await sync.admin.post('/clock/advance', { by: 'PT1M' });
    expect((await read(subscription.id)).sync).toMatchObject({ status: 'FAILED', retry: 'SCHEDULE', attempts: 2, nextRetryAt: new Date(Date.parse(inOneMinute) + 5 * 60_000).toISOString() });
    expect(await scheduledOrders(subscription.billingSubscriptionNumber)).toEqual([]);

    // Zuora takes orders again: the retry five minutes on places the Scheduled order for April 1.
    expect((await orderResourceIdOfLength(255)).status).toBe(200);
    await sync.admin.post('/clock/advance', { by: 'PT5M' });
    const placed = await read(subscription.id);
    expect(placed.sync).toMatchObject({ status: 'SYNCED' });
    expect(placed.sync.nextRetryAt).toBeUndefined();
    const pending = placed.scheduledUpdates.filter((update: { status: string }) => update.status === 'PENDING');
    expect(pending).toEqual([expect.objectContaining({ type: 'UNITS', target: { units: { 'feature-seats': 2 } }, effectiveAt: '2026-04-01T00:00:00.000Z', zuoraOrderNumber: expect.stringMatching(/^O-/) })]);
    expect((await scheduledOrders(subscription.billingSubscriptionNumber)).map((order: { orderNumber: string }) => order.orderNumber)).toEqual([pending[0].zuoraOrderNumber]);

    // April 1: the order runs, ScheduledOrderCompleted applies it, 2 seats.
    await sync.admin.post('/clock/advance', { to: '2026-04-01T00:00:00Z' });
    const after = await read(subscription.id);
    expect(after.units).toEqual({ 'feature-seats': 2 });
    expect(after.scheduledUpdates.find((update: { id: string }) => update.id === pending[0].id)).toMatchObject({ status: 'DONE' });
  });

  it('places a refused cancellation at the period end again, the status unchanged until Zuora takes it', async () => {
    const subscription = await customerWithSubscription('cust-late-cancel');
    expect((await orderResourceIdOfLength(5)).status).toBe(200);
    const refused = await api('POST', `/api/subscriptions/${subscription.id}/cancel`, { when: 'END_OF_BILLING_PERIOD' });
    expect(refused.body).toMatchObject({ status: 'ACTIVE', sync: { status: 'FAILED', retry: 'SCHEDULE', attempts: 1 } });
    expect(refused.body.cancellationDate).toBeUndefined();
    await sync.admin.post('/clock/advance', { by: 'PT1M' });
    const again = await read(subscription.id);
    expect(again).toMatchObject({ status: 'ACTIVE', sync: { status: 'FAILED', retry: 'SCHEDULE', attempts: 2 } });
    // One pending cancellation, not one per attempt.
    expect(again.scheduledUpdates.filter((update: { status: string }) => update.status === 'PENDING')).toEqual([expect.objectContaining({ type: 'CANCELLATION' })]);

    expect((await orderResourceIdOfLength(255)).status).toBe(200);
    await sync.admin.post('/clock/advance', { by: 'PT5M' });
    const placed = await read(subscription.id);
    const nextPeriod = '2026-05-01T00:00:00.000Z';
    expect(placed).toMatchObject({ status: 'ACTIVE', cancellationDate: nextPeriod, sync: { status: 'SYNCED' } });
    expect(await scheduledOrders(subscription.billingSubscriptionNumber)).toHaveLength(1);
    await sync.admin.post('/clock/advance', { to: '2026-05-01T00:00:00Z' });
    expect(await read(subscription.id)).toMatchObject({ status: 'CANCELED', endDate: nextPeriod });
  });
});
