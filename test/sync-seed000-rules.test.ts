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
    const seats = zuora.ratePlans[0].ratePlanCharges.find((charge: { quantity?: number }) => charge.quantity === 1);
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
