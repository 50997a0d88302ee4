import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, ORDERS_223, useTenant } from './helpers/emulator.js';

// GET /v1/subscriptions/accounts/{account-key}: the newest version of each subscription, shaped as the single read.
const env = useTenant({ now: '2026-05-01T00:00:00.000Z' });
let catalog: TestCatalog;
let account: { id: string; account_number: string };

const create = (planId: string) =>
  env.zuora.post(
    '/v1/orders',
    {
      orderDate: '2026-05-01',
      existingAccountNumber: account.account_number,
      subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: planId }] } }] }],
    },
    ORDERS_223,
  );

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Many Subs' }))).body;
});

describe("an account's subscriptions (V1)", () => {
  it('lists the newest version of each, as the single read shows it', async () => {
    const first = (await create(catalog.support.planId)).body.subscriptions[0].subscriptionNumber as string;
    const second = (await create(catalog.basic.planId)).body.subscriptions[0].subscriptionNumber as string;
    // A second version of the first subscription: only it is listed.
    await env.zuora.post('/v1/orders', {
      orderDate: '2026-05-01',
      existingAccountNumber: account.account_number,
      subscriptions: [{ subscriptionNumber: first, orderActions: [{ type: 'AddProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-05-01' }], addProduct: { productRatePlanId: catalog.pro.planId } }] }],
    });
    const { body } = await env.zuora.get(`/v1/subscriptions/accounts/${account.account_number}`);
    expect(body.success).toBe(true);
    expect(body.subscriptions.map((subscription: { subscriptionNumber: string; version: number }) => [subscription.subscriptionNumber, subscription.version])).toEqual([
      // In the order the versions were written: the amended subscription's new version came last.
      [second, 1],
      [first, 2],
    ]);
    const single = (await env.zuora.get(`/v1/subscriptions/${second}`)).body;
    const { success: _success, ...shape } = single;
    expect(body.subscriptions[0]).toEqual(shape);
  });

  it('answers an unknown account with a V1 not-found error', async () => {
    expect((await env.zuora.get('/v1/subscriptions/accounts/A99999999')).body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });
});
