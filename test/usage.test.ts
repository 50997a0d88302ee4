import { beforeAll, describe, expect, it } from 'vitest';
import { markProcessed } from '../emulator/domain/usage/usage.js';
import { accountBody, defineCustomFields, useEmulator, ORDERS_223 } from './helpers/emulator.js';
import { describeOfficial, expectOfficialRequest, expectOfficialResponse } from './helpers/officialSpec.js';

// Tenant clock: 15 January 2026. One account subscribes (order of 2026-01-15) to a Metered plan
// whose only usage charge bills API calls at $0.01 a call, next to a $20 flat platform fee.
const env = useEmulator({ now: '2026-01-15T10:00:00.000Z' });

let accountNumber: string;
let accountId: string;
let subscriptionNumber: string;
let subscriptionId: string;
let usageChargeNumber: string;
let usageChargeId: string;
let feeChargeNumber: string;
let otherAccountNumber: string;
let meteredPlanId: string;
let addOnPlanId: string;
let otherSubscriptionNumber: string;

// `any`: the tests read Zuora's JSON field by field.
type Json = Record<string, any>;

/** A usage body for the subscription's API-call charge; tests override what they care about. */
function usageBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    account_number: accountNumber,
    subscription_number: subscriptionNumber,
    unit_of_measure: 'call',
    quantity: 120,
    start_time: '2026-01-15T11:00:00Z',
    end_time: '2026-01-15T12:00:00Z',
    ...overrides,
  };
}

async function subscribe(account: string, planId: string): Promise<Json> {
  const created = await env.zuora.post('/v1/orders?returnIds=true', {
    orderDate: '2026-01-15',
    existingAccountNumber: account,
    subscriptions: [
      {
        orderActions: [
          {
            type: 'CreateSubscription',
            createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: planId }] },
          },
        ],
      },
    ],
  }, ORDERS_223);
  expect(created.body.success).toBe(true);
  return created.body;
}

const allUsage = async (query = ''): Promise<Json[]> => (await env.zuora.get(`/v2/usage_records?page_size=99${query}`)).body.data;

beforeAll(async () => {
  await defineCustomFields(env.zuora, { Usage: ['source__c'] });
  await env.zuora.post('/v1/object/unit-of-measure', { UomName: 'call' });
  const productId = (await env.zuora.post('/v2/products', { name: 'Metered API' })).body.id;
  const planId = (await env.zuora.post('/v2/plans', { name: 'Metered', product_id: productId })).body.id;
  meteredPlanId = planId;
  const common = { ProductRatePlanId: planId, BillingPeriod: 'Month', BillCycleType: 'DefaultFromCustomer', TriggerEvent: 'ContractEffective' };
  const usage = await env.zuora.post('/v1/object/product-rate-plan-charge', {
    ...common,
    Name: 'API calls',
    ChargeType: 'Usage',
    ChargeModel: 'Per Unit Pricing',
    UOM: 'call',
    ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 0.01 }] },
  });
  expect(usage.body.Success).toBe(true);
  await env.zuora.post('/v1/object/product-rate-plan-charge', {
    ...common,
    Name: 'Platform fee',
    ChargeType: 'Recurring',
    ChargeModel: 'Flat Fee Pricing',
    ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 20 }] },
  });

  addOnPlanId = (await env.zuora.post('/v2/plans', { name: 'Support', product_id: productId })).body.id;
  await env.zuora.post('/v1/object/product-rate-plan-charge', {
    ...common,
    ProductRatePlanId: addOnPlanId,
    Name: 'Support fee',
    ChargeType: 'Recurring',
    ChargeModel: 'Flat Fee Pricing',
    ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 50 }] },
  });

  const account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Metered Inc' }))).body;
  accountNumber = account.account_number;
  accountId = account.id;
  const order = await subscribe(accountNumber, planId);
  subscriptionNumber = order.subscriptions[0].subscriptionNumber;
  subscriptionId = order.subscriptionIds[0];
  const subscription = (await env.zuora.get(`/v2/subscriptions/${subscriptionNumber}?expand[]=subscription_plans.subscription_items`)).body;
  const items: Json[] = subscription.subscription_plans.data[0].subscription_items.data;
  const usageItem = items.find((item) => item.charge_type === 'usage') as Json;
  usageChargeNumber = usageItem.subscription_item_number;
  usageChargeId = usageItem.id;
  feeChargeNumber = (items.find((item) => item.charge_type === 'recurring') as Json).subscription_item_number;

  otherAccountNumber = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Someone Else' }))).body.account_number;
  otherSubscriptionNumber = (await subscribe(otherAccountNumber, planId)).subscriptions[0].subscriptionNumber;
});

describe('reporting usage', () => {
  it('records usage as Pending against the usage charge measured in the unit given', async () => {
    const created = await env.zuora.post('/v2/usage_records', usageBody({ description: 'hour 11' }));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      created_by_id: expect.any(String),
      created_time: '2026-01-15T10:00:00.000Z',
      updated_by_id: expect.any(String),
      updated_time: '2026-01-15T10:00:00.000Z',
      custom_fields: {},
      account_id: accountId,
      account_number: accountNumber,
      subscription_id: subscriptionId,
      subscription_number: subscriptionNumber,
      subscription_item_id: usageChargeId,
      subscription_item_number: usageChargeNumber,
      description: 'hour 11',
      start_time: '2026-01-15T11:00:00.000Z',
      end_time: '2026-01-15T12:00:00.000Z',
      quantity: 120,
      unit_of_measure: 'call',
      state: 'pending',
    });
    expect((await env.zuora.get(`/v2/usage_records/${created.body.id}`)).body).toEqual(created.body);
  });

  it('records usage against a charge named by number or by id, with the account named by id', async () => {
    const byNumber = await env.zuora.post('/v2/usage_records', usageBody({ subscription_item_number: usageChargeNumber, quantity: 0 }));
    expect(byNumber.status).toBe(201);
    expect(byNumber.body).toMatchObject({ subscription_item_number: usageChargeNumber, quantity: 0, state: 'pending' });

    const byId = await env.zuora.post(
      '/v2/usage_records',
      usageBody({ account_number: undefined, account_id: accountId, subscription_number: undefined, subscription_id: subscriptionId, subscription_item_id: usageChargeId }),
    );
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({ account_number: accountNumber, subscription_number: subscriptionNumber, subscription_item_number: usageChargeNumber });
  });

  it('takes a charge id of an earlier version as naming the charge in the latest version', async () => {
    const own = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Amended Inc' }))).body.account_number;
    const order = await subscribe(own, meteredPlanId);
    const number = order.subscriptions[0].subscriptionNumber;
    const firstItems = (await env.zuora.get(`/v2/subscriptions/${number}?expand[]=subscription_plans.subscription_items`)).body;
    const firstUsageItem = firstItems.subscription_plans.data[0].subscription_items.data.find((item: Json) => item.charge_type === 'usage');
    const amended = await env.zuora.post('/v1/orders?returnIds=true', {
      orderDate: '2026-01-15',
      existingAccountNumber: own,
      subscriptions: [{ subscriptionNumber: number, orderActions: [{ type: 'AddProduct', addProduct: { productRatePlanId: addOnPlanId } }] }],
    }, ORDERS_223);
    expect(amended.body.success).toBe(true);
    const latest = (await env.zuora.get(`/v2/subscriptions/${number}`)).body;
    expect(latest.version).toBe(2);

    const { status, body } = await env.zuora.post(
      '/v2/usage_records',
      usageBody({ account_number: own, subscription_number: number, subscription_item_id: firstUsageItem.id }),
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({ subscription_id: latest.id, subscription_item_number: firstUsageItem.subscription_item_number });
    expect(body.subscription_item_id).not.toBe(firstUsageItem.id);
  });

  it('normalises times to UTC and takes usage without an end time', async () => {
    const { status, body } = await env.zuora.post('/v2/usage_records', usageBody({ start_time: '2026-01-15T23:30:00-08:00', end_time: undefined }));
    expect(status).toBe(201);
    expect(body.start_time).toBe('2026-01-16T07:30:00.000Z');
    expect(body.end_time).toBeUndefined();
  });

  it('lets the platform overwrite an hour\'s total while the record is pending', async () => {
    const { body: record } = await env.zuora.post('/v2/usage_records', usageBody({ quantity: 10 }));
    const patched = await env.zuora.patch(`/v2/usage_records/${record.id}`, { quantity: 25, custom_fields: { source__c: 'hourly' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: record.id, quantity: 25, state: 'pending', custom_fields: { source__c: 'hourly' } });
    expect((await env.zuora.get(`/v2/usage_records/${record.id}`)).body.quantity).toBe(25);

    const moved = await env.zuora.patch(`/v2/usage_records/${record.id}`, { start_time: '2026-01-15T13:00:00Z', end_time: '2026-01-15T14:00:00Z' });
    expect(moved.body).toMatchObject({ start_time: '2026-01-15T13:00:00.000Z', end_time: '2026-01-15T14:00:00.000Z', quantity: 25 });
  });
});

describe('listing usage', () => {
  it('filters by subscription, charge and state', async () => {
    await env.zuora.post('/v2/usage_records', usageBody());
    const other = await env.zuora.post('/v2/usage_records', usageBody({ account_number: otherAccountNumber, subscription_number: otherSubscriptionNumber }));
    expect(other.status).toBe(201);
    const others = await allUsage(`&filter[]=subscription_number.EQ:${otherSubscriptionNumber}`);
    expect(others.map((record) => record.id)).toEqual([other.body.id]);
    expect(await allUsage(`&filter[]=account_id.EQ:${accountId}&filter[]=subscription_number.EQ:${otherSubscriptionNumber}`)).toEqual([]);

    const ours = await allUsage(`&filter[]=subscription_number.EQ:${subscriptionNumber}&filter[]=state.EQ:pending`);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((record) => record.subscription_number === subscriptionNumber && record.state === 'pending')).toBe(true);
    const byCharge = await allUsage(`&filter[]=subscription_item_number.EQ:${usageChargeNumber}`);
    expect(byCharge.map((record) => record.id)).toEqual(ours.map((record) => record.id));
    expect(await allUsage('&filter[]=state.EQ:processed')).toEqual([]);
  });

  it('pages with a cursor', async () => {
    for (let hour = 0; hour < 3; hour += 1) {
      await env.zuora.post('/v2/usage_records', usageBody({ start_time: `2026-01-14T0${hour}:00:00Z`, end_time: undefined }));
    }
    const all = await allUsage();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Json[]; next_page: string | null } } = await env.zuora.get(`/v2/usage_records?page_size=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((record) => record.id as string));
      cursor = page.body.next_page;
    } while (cursor);
    expect(seen).toEqual(all.map((record) => record.id));
    expect(all.length).toBeGreaterThanOrEqual(3);
  });
});

describe('bad usage input', () => {
  const cases: Array<[string, () => Record<string, unknown>, string]> = [
    ['an unknown subscription', () => usageBody({ subscription_number: 'A-S99999999' }), 'subscription_number'],
    ['a subscription of another account', () => usageBody({ subscription_number: otherSubscriptionNumber }), 'subscription_number'],
    ['a unit no usage charge of the subscription is measured in', () => usageBody({ unit_of_measure: 'GB' }), 'unit_of_measure'],
    ['a unit other than the named charge\'s', () => usageBody({ subscription_item_number: usageChargeNumber, unit_of_measure: 'seat' }), 'unit_of_measure'],
    ['a charge that is not a usage charge', () => usageBody({ subscription_item_number: feeChargeNumber }), 'subscription_item_number'],
    ['a charge the subscription does not have', () => usageBody({ subscription_item_number: 'C-99999999' }), 'subscription_item_number'],
    ['a negative quantity', () => usageBody({ quantity: -1 }), 'quantity'],
    ['a quantity that is not a number', () => usageBody({ quantity: '5' }), 'quantity'],
    ['a missing start time', () => usageBody({ start_time: undefined }), 'start_time'],
    ['a start time that is not a date-time', () => usageBody({ start_time: '2026-01-15' }), 'start_time'],
    ['an end before the start', () => usageBody({ end_time: '2026-01-15T10:59:59Z' }), 'end_time'],
    ['no account', () => usageBody({ account_number: undefined }), 'account_number'],
    ['a field Zuora does not know', () => usageBody({ usage_type: 'api' }), 'usage_type'],
  ];

  it.each(cases)('rejects %s with a Quickstart 400 and writes nothing', async (_label, body, parameter) => {
    const before = (await allUsage()).length;
    const response = await env.zuora.post('/v2/usage_records', body());
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: 'bad_request',
      errors: [{ code: 'invalid_parameter', parameter, message: expect.any(String) }],
      retryable: false,
    });
    expect((await allUsage()).length).toBe(before);
  });

  it('answers an unknown usage record with 404, to reads and patches alike', async () => {
    for (const response of [await env.zuora.get('/v2/usage_records/0123456789abcdef0123456789abcdef'), await env.zuora.patch('/v2/usage_records/0123456789abcdef0123456789abcdef', { quantity: 1 })]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ type: 'not_found', errors: [{ code: 'resource_not_found' }], retryable: false });
    }
  });

  it('rejects a patch that breaks a rule and leaves the record as it was', async () => {
    const { body: record } = await env.zuora.post('/v2/usage_records', usageBody({ quantity: 7 }));
    for (const patch of [{ quantity: -3 }, { unit_of_measure: 'GB' }, { end_time: '2026-01-01T00:00:00Z' }, { state: 'processed' }]) {
      expect((await env.zuora.patch(`/v2/usage_records/${record.id}`, patch)).status).toBe(400);
    }
    expect((await env.zuora.get(`/v2/usage_records/${record.id}`)).body).toEqual(record);
  });

  it('refuses to change a record once an invoice has billed it', async () => {
    const { body: record } = await env.zuora.post('/v2/usage_records', usageBody({ quantity: 40 }));
    // Billing is not built yet, so the invoice id is made up and the record is marked the way billing will.
    await env.emulator.services.store.transact(env.zuora.clientId, (tx) => markProcessed(tx, [record.id], 'f'.repeat(32)));
    const billed = await env.zuora.get(`/v2/usage_records/${record.id}`);
    expect(billed.body.state).toBe('processed');

    const response = await env.zuora.patch(`/v2/usage_records/${record.id}`, { quantity: 41 });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: 'bad_request', errors: [{ code: 'invalid_request' }], retryable: false });
    expect((await env.zuora.get(`/v2/usage_records/${record.id}`)).body).toEqual(billed.body);
    expect((await allUsage('&filter[]=state.EQ:processed')).map((processed) => processed.id)).toContain(record.id);
  });
});

describeOfficial('usage records against the official Quickstart spec', () => {
  it('creates, reads, lists and patches in the shapes the spec declares', async () => {
    const body = usageBody({ custom_fields: { source__c: 'meter' } });
    await expectOfficialRequest('quickstart', 'POST', '/usage_records', body);
    const created = await env.zuora.post('/v2/usage_records', body);
    await expectOfficialResponse('quickstart', 'POST', '/usage_records', 201, created.body);
    await expectOfficialResponse('quickstart', 'GET', '/usage_records/{id}', 200, (await env.zuora.get(`/v2/usage_records/${created.body.id}`)).body);
    await expectOfficialResponse('quickstart', 'GET', '/usage_records', 200, (await env.zuora.get('/v2/usage_records?page_size=2')).body);
    const patched = await env.zuora.patch(`/v2/usage_records/${created.body.id}`, { quantity: 3 });
    await expectOfficialResponse('quickstart', 'PATCH', '/usage_records/{id}', 200, patched.body);
    const rejected = await env.zuora.post('/v2/usage_records', usageBody({ quantity: -1 }));
    await expectOfficialResponse('quickstart', 'POST', '/usage_records', 400, rejected.body);
  });
});
