import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useEmulator, ORDERS_223 } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

// Tenant clock: 15 January 2026; the account bills on the 1st. Nothing has been invoiced yet, so a
// preview covers everything from the subscription's start.
const env = useEmulator({ now: '2026-01-15T10:00:00.000Z' });
let catalog: TestCatalog;
let account: string;
let subscriptionNumber: string;
let seatsChargeNumber: string;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  account = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number;
  const created = await env.zuora.post('/v1/orders', {
    orderDate: '2026-01-15',
    existingAccountNumber: account,
    subscriptions: [
      {
        orderActions: [
          {
            type: 'CreateSubscription',
            createSubscription: {
              terms: { initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' } },
              subscribeToRatePlans: [
                { productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 10 } } }] },
              ],
            },
          },
        ],
      },
    ],
  }, ORDERS_223);
  subscriptionNumber = created.body.subscriptions[0].subscriptionNumber;
  const { services } = env.emulator;
  seatsChargeNumber = services.store
    .view(services.defaultTenant)
    .all<{ name: string; chargeNumber: string }>('RatePlanCharge')
    .find((charge) => charge.name === 'Seats')?.chargeNumber as string;
});

function upgradePreview(quantity: number, previewOptions: Record<string, unknown>) {
  return env.zuora.post('/v1/orders/preview', {
    orderDate: '2026-01-25',
    existingAccountNumber: account,
    previewOptions: { previewTypes: ['BillingDocs'], ...previewOptions },
    subscriptions: [
      {
        subscriptionNumber,
        orderActions: [
          {
            type: 'UpdateProduct',
            triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-01-25' }],
            updateProduct: { productRatePlanId: catalog.pro.planId, chargeUpdates: [{ chargeNumber: seatsChargeNumber, pricing: { recurringPerUnit: { quantity } } }] },
          },
        ],
      },
    ],
  });
}

type Item = { chargeName: string; serviceStartDate: string; serviceEndDate: string; amountWithoutTax: number; additionalInfo?: { quantity: number } };
const lines = (items: Item[]) => items.map((item) => [item.chargeName, item.serviceStartDate, item.serviceEndDate, item.additionalInfo?.quantity, item.amountWithoutTax]);

describe('order preview', () => {
  it('prices a mid-month upgrade by the day', async () => {
    const response = await upgradePreview(20, { previewThruType: 'SpecificDate', specificPreviewThruDate: '2026-01-31' });
    expect(response.body.success).toBe(true);
    const [invoice] = response.body.previewResult.invoices;
    // January has 31 days; the first period runs 15 Jan - 1 Feb (17 of 31 days).
    expect(lines(invoice.invoiceItems)).toEqual([
      ['Platform fee', '2026-01-15', '2026-01-31', 1, 16.45], // 30 x 17/31 = 16.4516
      ['Seats', '2026-01-15', '2026-01-24', 10, 32.26], // 10 x 10 x 10/31 = 32.2581 (15-24 Jan)
      ['Seats', '2026-01-25', '2026-01-31', 20, 45.16], // 20 x 10 x 7/31 = 45.1613 (25-31 Jan)
    ]);
    expect(invoice.amount).toBe(93.87); // 16.45 + 32.26 + 45.16
    expect(invoice.targetDate).toBe('2026-01-31');
  });

  it('prices a downgrade the same way', async () => {
    const response = await upgradePreview(4, { previewThruType: 'SpecificDate', specificPreviewThruDate: '2026-01-31' });
    const seats = response.body.previewResult.invoices[0].invoiceItems.filter((item: Item) => item.chargeName === 'Seats');
    expect(lines(seats)).toEqual([
      ['Seats', '2026-01-15', '2026-01-24', 10, 32.26], // 10 x 10 x 10/31
      ['Seats', '2026-01-25', '2026-01-31', 4, 9.03], // 4 x 10 x 7/31 = 9.0323
    ]);
  });

  it('previews a number of periods: the current one and the next', async () => {
    const response = await upgradePreview(20, { previewThruType: 'NumberOfPeriods', previewNumberOfPeriods: 2 });
    const invoice = response.body.previewResult.invoices[0];
    // The current period (15 Jan - 1 Feb, prorated as above) and February in full: 30 + 20 x 10 = 230.
    expect(invoice.amount).toBe(323.87); // 93.87 + 230
    expect(invoice.invoiceItems.filter((item: Item) => item.serviceStartDate === '2026-02-01').map((item: Item) => item.amountWithoutTax)).toEqual([30, 200]);
  });

  it('writes nothing', async () => {
    const before = (await env.zuora.get(`/v1/orders/subscription/${subscriptionNumber}`)).body.orders.length;
    await upgradePreview(50, { previewThruType: 'SpecificDate', specificPreviewThruDate: '2026-01-31' });
    expect((await env.zuora.get(`/v1/orders/subscription/${subscriptionNumber}`)).body.orders.length).toBe(before);
    const { services } = env.emulator;
    const versions = services.store.view(services.defaultTenant).filterBy('Subscription', 'subscriptionNumber', subscriptionNumber);
    expect(versions).toHaveLength(1);
  });

  it('prices a new annual subscription for its first, partial period', async () => {
    const response = await env.zuora.post('/v1/orders/preview', {
      orderDate: '2026-01-15',
      existingAccountNumber: account,
      previewOptions: { previewThruType: 'NumberOfPeriods', previewNumberOfPeriods: 1, previewTypes: ['BillingDocs'] },
      subscriptions: [
        {
          orderActions: [
            {
              type: 'CreateSubscription',
              createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.annual.planId }] },
            },
          ],
        },
      ],
    });
    // Annual periods start on the bill cycle day: 15 Jan - 1 Feb is 17 of the 365 days of 1 Feb 2025 - 1 Feb 2026.
    expect(lines(response.body.previewResult.invoices[0].invoiceItems)).toEqual([['Annual fee', '2026-01-15', '2026-01-31', 1, 55.89]]); // 1200 x 17/365 = 55.8904
  });

  it('refuses a preview without options, and one through the term end of an evergreen subscription', async () => {
    const missing = await env.zuora.post('/v1/orders/preview', { orderDate: '2026-01-25', existingAccountNumber: account });
    expect(missing.body).toMatchObject({ success: false, reasons: [{ code: 53110022 }] });
  });
});

describe('subscription preview', () => {
  it('previews the next invoice: what is unbilled plus the coming period', async () => {
    const response = await env.zuora.post(`/v1/subscriptions/${subscriptionNumber}/preview`, {
      previewStartDate: { previewStartDatePolicy: 'today' },
      previewThroughDate: { previewThruDatePolicy: 'nextBillingPeriods', nextBillingPeriods: 1 },
    });
    expect(response.body.success).toBe(true);
    const [invoice] = response.body.invoices;
    // 15 Jan - 1 Feb: 30 x 17/31 + 100 x 17/31 = 16.45 + 54.84; February: 30 + 100.
    expect(invoice.invoiceItems.map((item: Item & { quantity: number }) => [item.chargeName, item.serviceStartDate, item.amountWithoutTax])).toEqual([
      ['Platform fee', '2026-01-15', 16.45],
      ['Platform fee', '2026-02-01', 30],
      ['Seats', '2026-01-15', 54.84],
      ['Seats', '2026-02-01', 100],
    ]);
    expect(invoice.amount).toBe(201.29);
  });

  it('previews through the end of the term', async () => {
    const response = await env.zuora.post(`/v1/subscriptions/${subscriptionNumber}/preview`, { previewThroughDate: { previewThruDatePolicy: 'endOfTerm' } });
    // The 12-month term ends on 15 Jan 2027 and the charges end with it: 15 Jan - 1 Feb 2026
    // (16.45 + 54.84), February to December in full (11 x 130), then 1 - 15 Jan 2027, 14 of 31 days
    // (30 x 14/31 = 13.55, 100 x 14/31 = 45.16).
    const items = response.body.invoices[0].invoiceItems as Item[];
    expect(items.filter((item) => item.chargeName === 'Seats')).toHaveLength(13);
    expect(items.at(-1)).toMatchObject({ chargeName: 'Seats', serviceStartDate: '2027-01-01', serviceEndDate: '2027-01-14', amountWithoutTax: 45.16 });
    expect(response.body.invoices[0].amount).toBe(1560); // 71.29 + 1430 + 13.55 + 45.16
  });

  it('answers an unknown subscription in the V1 shape', async () => {
    const response = await env.zuora.post('/v1/subscriptions/A-S99999999/preview', {});
    expect(response.body).toMatchObject({ success: false, reasons: [{ code: 53100040 }] });
  });
});

describeOfficial("preview bodies match Zuora's official spec", () => {
  it('validates order and subscription previews', async () => {
    const order = await upgradePreview(20, { previewThruType: 'SpecificDate', specificPreviewThruDate: '2026-01-31' });
    await expectOfficialResponse('v1', 'POST', '/v1/orders/preview', 200, order.body);
    const subscription = await env.zuora.post(`/v1/subscriptions/${subscriptionNumber}/preview`, {});
    await expectOfficialResponse('v1', 'POST', '/v1/subscriptions/{subscription-key}/preview', 200, subscription.body);
  });
});
