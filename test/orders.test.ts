import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useEmulator, ORDERS_223 } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';
import { UNMODELLED_ORDER_FIELDS } from '../emulator/api/v1/shapes/order.js';

// Tenant clock: 15 January 2026. Accounts bill on the 1st (accountBody sets bill_cycle_day 1).
const env = useEmulator({ now: '2026-01-15T10:00:00.000Z' });
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

async function newAccount(): Promise<string> {
  return (await env.zuora.post('/v2/accounts', accountBody())).body.account_number as string;
}

function createSubscription(accountNumber: string, seats = 10, extra: Record<string, unknown> = {}) {
  return env.zuora.post('/v1/orders?returnIds=true', {
    orderDate: '2026-01-15',
    existingAccountNumber: accountNumber,
    subscriptions: [
      {
        customFields: { stiggEntityUrl__c: 'https://app.example.com/subscriptions/sub-1', stiggResourceId__c: 'resource-1' },
        orderActions: [
          {
            type: 'CreateSubscription',
            createSubscription: {
              terms: { initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' }, autoRenew: true, renewalTerms: [{ period: 12, periodType: 'Month' }] },
              subscribeToRatePlans: [
                {
                  productRatePlanId: catalog.pro.planId,
                  chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: seats } } }],
                },
              ],
            },
          },
        ],
      },
    ],
    customFields: { stiggCustomerId__c: 'customer-1' },
    ...extra,
  }, ORDERS_223);
}

function amend(accountNumber: string, subscriptionNumber: string, orderActions: unknown[], extra: Record<string, unknown> = {}) {
  return env.zuora.post('/v1/orders', {
    orderDate: '2026-01-20',
    existingAccountNumber: accountNumber,
    subscriptions: [{ subscriptionNumber, orderActions }],
    ...extra,
  }, ORDERS_223);
}

interface StoredVersion {
  id: string;
  version: number;
  originalId: string;
  previousSubscriptionId: string | null;
  isLatestVersion: boolean;
  status: string;
  cancelledDate: string | null;
}

interface StoredCharge {
  id: string;
  subscriptionId: string;
  chargeNumber: string;
  name: string;
  quantity: number | null;
  segment: number;
  effectiveStartDate: string;
  effectiveEndDate: string | null;
}

/** Reads the stored versions directly: the read endpoints have tests of their own. */
function versions(subscriptionNumber: string): StoredVersion[] {
  const { services } = env.emulator;
  return services.store
    .view(services.defaultTenant)
    .filterBy<StoredVersion>('Subscription', 'subscriptionNumber', subscriptionNumber)
    .sort((a, b) => a.version - b.version);
}

function charges(subscriptionId: string): StoredCharge[] {
  const { services } = env.emulator;
  return services.store.view(services.defaultTenant).filterBy<StoredCharge>('RatePlanCharge', 'subscriptionId', subscriptionId);
}

const seatsPlanChargeNumber = (subscriptionId: string): string => charges(subscriptionId).find((charge) => charge.name === 'Seats')?.chargeNumber as string;

describe('creating a subscription by order', () => {
  it('creates an active subscription with a per-unit seat override', async () => {
    const account = await newAccount();
    const response = await createSubscription(account, 10);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      success: true,
      orderNumber: expect.stringMatching(/^O-\d{8}$/),
      accountNumber: account,
      status: 'Completed',
      subscriptions: [{ subscriptionNumber: expect.stringMatching(/^A-S\d{8}$/), status: 'Active', subscriptionId: expect.stringMatching(/^[0-9a-f]{32}$/) }],
      subscriptionIds: [response.body.subscriptions[0].subscriptionId],
      orderId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const [first] = versions(response.body.subscriptions[0].subscriptionNumber);
    expect(first).toMatchObject({ version: 1, isLatestVersion: true, previousSubscriptionId: null, originalId: first?.id, status: 'Active' });
    const subscribed = charges(first?.id as string);
    expect(subscribed.map(({ name, quantity }) => [name, quantity])).toEqual([
      ['Platform fee', null],
      ['Seats', 10],
    ]);
  });

  it('creates the account in the same order with newAccount', async () => {
    const response = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      newAccount: {
        name: 'Born in an order',
        currency: 'USD',
        billCycleDay: 1,
        billToContact: { firstName: 'Grace', lastName: 'Hopper', country: 'United States', state: 'NY' },
        customFields: { stiggCustomerId__c: 'customer-9' },
      },
      subscriptions: [
        {
          orderActions: [
            {
              type: 'CreateSubscription',
              createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.basic.planId }] },
            },
          ],
        },
      ],
    }, ORDERS_223);
    expect(response.body.success).toBe(true);
    const account = await env.zuora.get(`/v1/accounts/${response.body.accountNumber}`);
    expect(account.body.basicInfo).toMatchObject({ name: 'Born in an order', stiggCustomerId__c: 'customer-9' });
  });

  it('refuses bad orders in the V1 error shape, naming what is wrong', async () => {
    const account = await newAccount();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ orderDate: '2026-01-15', existingAccountNumber: 'A99999999', subscriptions: [] }, 53110020, "Account 'A99999999'"],
      [{ orderDate: 'tomorrow', existingAccountNumber: account }, 53110020, 'orderDate'],
      [{ existingAccountNumber: account }, 53110022, 'orderDate'],
      [{ orderDate: '2026-01-15', existingAccountNumber: account, surprise: 1 }, 53110021, 'surprise'],
      [
        {
          orderDate: '2026-01-15',
          existingAccountNumber: account,
          subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'FOREVER' } } } }] }],
        },
        53110020,
        'termType',
      ],
      [
        {
          orderDate: '2026-01-15',
          existingAccountNumber: account,
          subscriptions: [
            {
              orderActions: [
                {
                  type: 'CreateSubscription',
                  createSubscription: {
                    terms: { initialTerm: { termType: 'EVERGREEN' } },
                    subscribeToRatePlans: [{ productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 500 } } }] }],
                  },
                },
              ],
            },
          ],
        },
        53110020,
        'maximum of 100',
      ],
    ];
    for (const [body, code, mention] of cases) {
      const response = await env.zuora.post('/v1/orders', body, ORDERS_223);
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(response.body, JSON.stringify(body)).toEqual({
        success: false,
        processId: expect.any(String),
        reasons: [{ code, message: expect.stringContaining(mention) }],
      });
    }
  });
});

describe('amendments write new versions', () => {
  it('adds an add-on as version 2 with the original id intact and charge numbers kept', async () => {
    const account = await newAccount();
    const created = await createSubscription(account);
    const number = created.body.subscriptions[0].subscriptionNumber as string;
    const added = await amend(account, number, [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }]);
    expect(added.body).toMatchObject({ success: true, status: 'Completed', subscriptions: [{ subscriptionNumber: number, status: 'Active' }] });

    const [v1, v2] = versions(number);
    expect(v1).toMatchObject({ version: 1, isLatestVersion: false });
    expect(v2).toMatchObject({ version: 2, isLatestVersion: true, originalId: v1?.id, previousSubscriptionId: v1?.id });
    expect(v2?.id).not.toBe(v1?.id);
    const before = charges(v1?.id as string);
    const after = charges(v2?.id as string);
    expect(after.map((charge) => charge.chargeNumber).slice(0, 2)).toEqual(before.map((charge) => charge.chargeNumber));
    expect(after.map((charge) => charge.id)).not.toContain(before[0]?.id);
    expect(after.at(-1)).toMatchObject({ name: 'Support fee', effectiveStartDate: '2026-01-20' });
  });

  it('changes seats by splitting the charge into segments', async () => {
    const account = await newAccount();
    const number = (await createSubscription(account, 10)).body.subscriptions[0].subscriptionNumber as string;
    const v1 = versions(number)[0] as StoredVersion;
    const updated = await amend(account, number, [
      {
        type: 'UpdateProduct',
        updateProduct: {
          productRatePlanId: catalog.pro.planId,
          chargeUpdates: [{ chargeNumber: seatsPlanChargeNumber(v1.id), pricing: { recurringPerUnit: { quantity: 25 } }, effectiveDate: { specificTriggerDate: '2026-01-25' } }],
        },
      },
    ]);
    expect(updated.body.success).toBe(true);
    const latest = versions(number).at(-1) as StoredVersion;
    const seats = charges(latest.id).filter((charge) => charge.name === 'Seats');
    expect(seats.map(({ segment, quantity, effectiveStartDate, effectiveEndDate }) => [segment, quantity, effectiveStartDate, effectiveEndDate])).toEqual([
      [1, 10, '2026-01-15', '2026-01-25'],
      [2, 25, '2026-01-25', null],
    ]);
  });

  it('keeps segments in order when a later change lands before an earlier future one', async () => {
    const account = await newAccount();
    const number = (await createSubscription(account, 10)).body.subscriptions[0].subscriptionNumber as string;
    const chargeNumber = seatsPlanChargeNumber((versions(number)[0] as StoredVersion).id);
    const seatsUpdate = (quantity: number, date: string) => ({
      type: 'UpdateProduct',
      updateProduct: { productRatePlanId: catalog.pro.planId, chargeUpdates: [{ chargeNumber, pricing: { recurringPerUnit: { quantity } }, effectiveDate: { specificTriggerDate: date } }] },
    });
    await amend(account, number, [seatsUpdate(20, '2026-02-01')]);
    await amend(account, number, [seatsUpdate(30, '2026-01-25')]);
    const seats = charges((versions(number).at(-1) as StoredVersion).id).filter((charge) => charge.name === 'Seats');
    // The change from 1 February is superseded: 10 seats until the 25th, then 30 with no overlap.
    expect(seats.map(({ quantity, effectiveStartDate, effectiveEndDate }) => [quantity, effectiveStartDate, effectiveEndDate])).toEqual([
      [10, '2026-01-15', '2026-01-25'],
      [30, '2026-01-25', null],
    ]);
    expect(seats.map((charge) => (charge as StoredCharge & { isLastSegment: boolean }).isLastSegment)).toEqual([false, true]);
  });

  it('cancels and removes before a future segment without leaving it behind', async () => {
    const account = await newAccount();
    const number = (await createSubscription(account, 10)).body.subscriptions[0].subscriptionNumber as string;
    const chargeNumber = seatsPlanChargeNumber((versions(number)[0] as StoredVersion).id);
    await amend(account, number, [
      {
        type: 'UpdateProduct',
        updateProduct: { productRatePlanId: catalog.pro.planId, chargeUpdates: [{ chargeNumber, pricing: { recurringPerUnit: { quantity: 20 } }, effectiveDate: { specificTriggerDate: '2026-02-01' } }] },
      },
    ]);
    await amend(account, number, [{ type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-01-25' } }]);
    const seats = charges((versions(number).at(-1) as StoredVersion).id).filter((charge) => charge.name === 'Seats') as Array<StoredCharge & { isLastSegment: boolean }>;
    expect(seats.map(({ quantity, effectiveEndDate, isLastSegment }) => [quantity, effectiveEndDate, isLastSegment])).toEqual([[10, '2026-01-25', true]]);
  });

  it('removes a rate plan from a date, keeping it marked as removed', async () => {
    const account = await newAccount();
    const number = (await createSubscription(account)).body.subscriptions[0].subscriptionNumber as string;
    await amend(account, number, [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }]);
    const removed = await amend(account, number, [
      { type: 'RemoveProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-01-28' }], removeProduct: { productRatePlanId: catalog.support.planId } },
    ]);
    expect(removed.body.success).toBe(true);
    const latest = versions(number).at(-1) as StoredVersion;
    expect(latest.version).toBe(3);
    expect(charges(latest.id).find((charge) => charge.name === 'Support fee')).toMatchObject({ effectiveEndDate: '2026-01-28' });
  });

  it('is atomic: when one action fails nothing is written and the error names the action', async () => {
    const account = await newAccount();
    const number = (await createSubscription(account)).body.subscriptions[0].subscriptionNumber as string;
    const ordersBefore = (await env.zuora.get(`/v1/orders/subscription/${number}`)).body.orders.length;
    const response = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-20',
      existingAccountNumber: account,
      subscriptions: [
        { subscriptionNumber: number, orderActions: [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }] },
        {
          subscriptionNumber: number,
          orderActions: [{ type: 'UpdateProduct', updateProduct: { productRatePlanId: catalog.basic.planId, chargeUpdates: [{ chargeNumber: 'C-99999999' }] } }],
        },
      ],
    }, ORDERS_223);
    expect(response.body.success).toBe(false);
    expect(response.body.reasons[0].message).toContain('subscriptions[1].orderActions[0].updateProduct');
    expect(versions(number)).toHaveLength(1);
    expect((await env.zuora.get(`/v1/orders/subscription/${number}`)).body.orders).toHaveLength(ordersBefore);
  });

  it('cancels a subscription into a Cancelled version with its cancelled date', async () => {
    const account = await newAccount();
    const number = (await createSubscription(account)).body.subscriptions[0].subscriptionNumber as string;
    const cancelled = await amend(account, number, [
      { type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-02-01' } },
    ]);
    expect(cancelled.body.subscriptions).toEqual([{ subscriptionNumber: number, status: 'Cancelled' }]);
    const latest = versions(number).at(-1) as StoredVersion;
    expect(latest).toMatchObject({ version: 2, status: 'Cancelled', cancelledDate: '2026-02-01', isLatestVersion: true });
    expect(charges(latest.id).every((charge) => charge.effectiveEndDate === '2026-02-01')).toBe(true);
    const again = await amend(account, number, [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }]);
    expect(again.body.success).toBe(false);
    expect(again.body.reasons[0].message).toContain('Cancelled');
  });
});

describe('scheduled orders', () => {
  it('waits until its date, then completes and writes the new version', async () => {
    await env.admin.post('/reset', { now: '2026-01-15T10:00:00Z' });
    catalog = await createTestCatalog(env.zuora);
    const account = await newAccount();
    const number = (await createSubscription(account, 10)).body.subscriptions[0].subscriptionNumber as string;
    const v1 = versions(number)[0] as StoredVersion;
    // Downgrade to 4 seats at the next bill date, 1 February.
    const scheduled = await amend(
      account,
      number,
      [
        {
          type: 'UpdateProduct',
          triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-02-01' }],
          updateProduct: { productRatePlanId: catalog.pro.planId, chargeUpdates: [{ chargeNumber: seatsPlanChargeNumber(v1.id), pricing: { recurringPerUnit: { quantity: 4 } } }] },
        },
      ],
      { status: 'Scheduled', schedulingOptions: { scheduledDate: '2026-02-01', scheduledDatePolicy: 'SpecificDate' } },
    );
    expect(scheduled.body).toMatchObject({ success: true, status: 'Scheduled', subscriptions: [] });
    expect(versions(number)).toHaveLength(1);

    const listed = await env.zuora.get(`/v1/orders/subscription/${number}?status=scheduled`);
    expect(listed.body.orders.map((order: { orderNumber: string }) => order.orderNumber)).toEqual([scheduled.body.orderNumber]);
    expect(listed.body.orders[0]).toMatchObject({ status: 'Scheduled', schedulingOptions: { scheduledDate: '2026-02-01' } });

    const advanced = await env.admin.post('/clock/advance', { to: '2026-02-02T00:00:00Z' });
    expect(advanced.body.jobsRun).toBeGreaterThanOrEqual(1);
    const order = await env.zuora.get(`/v1/orders/${scheduled.body.orderNumber}`);
    expect(order.body.order).toMatchObject({ status: 'Completed', isScheduled: true, orderDate: '2026-02-01' });
    const latest = versions(number).at(-1) as StoredVersion;
    expect(latest).toMatchObject({ version: 2, isLatestVersion: true, originalId: v1.id });
    expect(charges(latest.id).filter((charge) => charge.name === 'Seats').map((charge) => [charge.quantity, charge.effectiveStartDate])).toEqual([
      [10, '2026-01-15'],
      [4, '2026-02-01'],
    ]);
    expect((await env.zuora.get(`/v1/orders/subscription/${number}?status=scheduled`)).body.orders).toEqual([]);
  });

  it('can be cancelled before its date, and then never runs', async () => {
    const account = await newAccount();
    const number = (await createSubscription(account, 10, { orderDate: '2026-02-02' })).body.subscriptions[0].subscriptionNumber as string;
    const scheduled = await amend(
      account,
      number,
      [{ type: 'RemoveProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-03-01' }], removeProduct: { productRatePlanId: catalog.pro.planId } }],
      { orderDate: '2026-02-02', status: 'Scheduled', schedulingOptions: { scheduledDate: '2026-03-01' } },
    );
    const cancelled = await env.zuora.put(`/v1/orders/${scheduled.body.orderNumber}/cancel`, { cancelReason: 'Customer changed their mind' });
    expect(cancelled.body).toEqual({
      success: true,
      orderNumber: scheduled.body.orderNumber,
      accountNumber: account,
      status: 'Cancelled',
      cancelReason: 'Customer changed their mind',
    });
    await env.admin.post('/clock/advance', { to: '2026-03-05T00:00:00Z' });
    expect((await env.zuora.get(`/v1/orders/${scheduled.body.orderNumber}`)).body.order.status).toBe('Cancelled');
    expect(versions(number)).toHaveLength(1);
    const again = await env.zuora.put(`/v1/orders/${scheduled.body.orderNumber}/cancel`, {});
    expect(again.body.success).toBe(false);
  });

  it('refuses to cancel a completed order, and a scheduled date that is not in the future', async () => {
    const account = await newAccount();
    const created = await createSubscription(account, 10, { orderDate: '2026-03-05' });
    const completed = await env.zuora.put(`/v1/orders/${created.body.orderNumber}/cancel`, {});
    expect(completed.body).toMatchObject({ success: false, reasons: [{ code: 53110030, message: expect.stringContaining('Completed') }] });
    const past = await amend(account, created.body.subscriptions[0].subscriptionNumber, [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }], {
      status: 'Scheduled',
      schedulingOptions: { scheduledDate: '2026-01-01' },
    });
    expect(past.body).toMatchObject({ success: false, reasons: [{ code: 53110020, message: expect.stringContaining('after today') }] });
  });

  it('is refused at once when it could never run', async () => {
    const account = await newAccount();
    const response = await amend(account, 'A-S99999999', [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }], {
      status: 'Scheduled',
      schedulingOptions: { scheduledDate: '2027-01-01' },
    });
    expect(response.body.success).toBe(false);
    expect(response.body.reasons[0].message).toContain('A-S99999999');
  });
});

describeOfficial("order bodies match Zuora's official spec", () => {
  it('validates create, read, list and cancel answers', async () => {
    const account = await newAccount();
    const created = await createSubscription(account, 3, { orderDate: '2026-03-05' });
    await expectOfficialResponse('v1', 'POST', '/v1/orders', 200, created.body);
    const number = created.body.subscriptions[0].subscriptionNumber as string;
    const scheduled = await amend(account, number, [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }], {
      orderDate: '2026-03-05',
      status: 'Scheduled',
      schedulingOptions: { scheduledDate: '2026-04-01' },
    });
    await expectOfficialResponse('v1', 'POST', '/v1/orders', 200, scheduled.body);
    await expectOfficialResponse('v1', 'GET', '/v1/orders/{orderNumber}', 200, (await env.zuora.get(`/v1/orders/${created.body.orderNumber}`)).body);
    await expectOfficialResponse('v1', 'GET', '/v1/orders/subscription/{subscriptionNumber}', 200, (await env.zuora.get(`/v1/orders/subscription/${number}`)).body);
    const cancelled = await env.zuora.put(`/v1/orders/${scheduled.body.orderNumber}/cancel`, {});
    await expectOfficialResponse('v1', 'PUT', '/v1/orders/{orderNumber}/cancel', 200, cancelled.body);
  });
});

describe('the order read and the order lists', () => {
  it('carries every field of the official Order schema, null where the order has none, down into the actions it echoes', async () => {
    const account = await newAccount();
    const created = await createSubscription(account, 4);
    const order = (await env.zuora.get(`/v1/orders/${created.body.orderNumber}`)).body.order;
    expect(order).toMatchObject({ orderNumber: created.body.orderNumber, currency: 'USD', reasonCode: null, description: null });
    // What the ledger lists as unmodelled is there, as null.
    for (const field of UNMODELLED_ORDER_FIELDS.filter((name) => !name.includes('[]'))) expect(order[field], field).toBeNull();
    const [action] = order.subscriptions[0].orderActions;
    expect(action).toMatchObject({ type: 'CreateSubscription', addProduct: null, cancelSubscription: null, termsAndConditions: null, changeReason: null });
    expect(action.createSubscription).toMatchObject({ notes: null, invoiceSeparately: null, terms: { initialTerm: { termType: 'TERMED', period: 12, startDate: null } } });
    const [override] = action.createSubscription.subscribeToRatePlans[0].chargeOverrides;
    // What was sent stays; its siblings the client did not send come back null.
    expect(override.pricing).toMatchObject({ recurringPerUnit: { quantity: 4, listPrice: null }, recurringFlatFee: null, usagePerUnit: null });
    const listed = (await env.zuora.get(`/v1/orders/subscription/${created.body.subscriptions[0].subscriptionNumber}`)).body;
    expect(listed).toMatchObject({ success: true, orders: [{ orderNumber: created.body.orderNumber, reasonCode: null }], nextPage: null });
  });

  it("lists an account's orders as subscription owner and as invoice owner, and no other account's", async () => {
    const account = await newAccount();
    const other = await newAccount();
    const mine = await createSubscription(account, 2);
    await createSubscription(other, 2);
    for (const owner of ['subscriptionOwner', 'invoiceOwner']) {
      const listed = (await env.zuora.get(`/v1/orders/${owner}/${account}`)).body;
      expect(listed, owner).toMatchObject({ success: true, nextPage: null, orders: [{ orderNumber: mine.body.orderNumber, existingAccountNumber: account }] });
      expect(listed.orders, owner).toHaveLength(1);
    }
    expect((await env.zuora.get('/v1/orders/invoiceOwner/A99999999')).body).toMatchObject({ success: false, reasons: [{ code: expect.any(Number) }] });
  });
});
