import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, ORDERS_223, useTenant } from './helpers/emulator.js';

// CRUD reads (/v1/object/{object}/{id}) of records made through the other APIs, and the CRUD delete of an account.
const env = useTenant({ now: '2026-05-01T00:00:00.000Z' });
let catalog: TestCatalog;
let account: { id: string; account_number: string };
let subscriptionId: string;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Crud Co' }))).body;
  const order = await env.zuora.post(
    '/v1/orders?returnIds=true',
    {
      orderDate: '2026-05-01',
      existingAccountNumber: account.account_number,
      subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] } }] }],
    },
    ORDERS_223,
  );
  subscriptionId = order.body.subscriptionIds[0];
});

describe('CRUD reads', () => {
  it('reads an account with capitalised fields, leaving out those without a value', async () => {
    const { status, body } = await env.zuora.get(`/v1/object/account/${account.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ Id: account.id, AccountNumber: account.account_number, Name: 'Crud Co', Currency: 'USD', Status: 'Active', Balance: 0, BillCycleDay: 1, stiggCustomerId__c: 'customer-1' });
    expect(body).not.toHaveProperty('CrmId');
  });

  it('reads the subscription, its rate plan and charge, and the catalog records', async () => {
    const subscription = (await env.zuora.get(`/v1/object/subscription/${subscriptionId}`)).body;
    expect(subscription).toMatchObject({ Id: subscriptionId, AccountId: account.id, Status: 'Active', TermType: 'EVERGREEN', Version: 1 });
    const plans = (await env.zuora.get(`/object-query/rate-plans?filter[]=subscriptionId.EQ:${subscriptionId}`)).body.data;
    const plan = (await env.zuora.get(`/v1/object/rate-plan/${plans[0].id}`)).body;
    expect(plan).toMatchObject({ Name: 'Priority support', ProductRatePlanId: catalog.support.planId, SubscriptionId: subscriptionId });
    const charges = (await env.zuora.get(`/object-query/rate-plan-charges?filter[]=ratePlanId.EQ:${plan.Id}`)).body.data;
    expect((await env.zuora.get(`/v1/object/rate-plan-charge/${charges[0].id}`)).body).toMatchObject({ Name: 'Support fee', ChargeType: 'Recurring' });
    expect((await env.zuora.get(`/v1/object/product/${catalog.productId}`)).body).toMatchObject({ Name: 'Acme', Category: 'Base Products' });
    expect((await env.zuora.get(`/v1/object/product-rate-plan/${catalog.pro.planId}`)).body).toMatchObject({ Name: 'Pro', ProductId: catalog.productId });
    expect((await env.zuora.get(`/v1/object/product-rate-plan-charge/${catalog.pro.seatsId}`)).body).toMatchObject({ Name: 'Seats', ChargeModel: 'Per Unit Pricing', UOM: 'seat' });
  });

  it('answers an unknown id with the no-data shape and 404', async () => {
    for (const object of ['account', 'contact', 'payment', 'payment-method', 'subscription']) {
      const { status, body } = await env.zuora.get(`/v1/object/${object}/0123456789abcdef0123456789abcdef`);
      expect(status, object).toBe(404);
      expect(body).toEqual({ done: true, records: [], size: 0 });
    }
  });

  it('deletes an account through CRUD', async () => {
    const doomed = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Doomed' }))).body;
    const { status, body } = await env.zuora.delete(`/v1/object/account/${doomed.id}`);
    expect(status).toBe(200);
    expect(body).toEqual({ success: true, id: doomed.id });
    expect((await env.zuora.get(`/v1/object/account/${doomed.id}`)).status).toBe(404);
  });
});
