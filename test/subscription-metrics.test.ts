import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useTenant } from './helpers/emulator.js';
import { newSubscriptionOrder } from './helpers/orders.js';

// MRR, TCV and their deltas on GET /v1/subscriptions/{key}, by Zuora's definitions
// (emulator/domain/subscriptions/metrics.ts), against figures worked out by hand:
//
// Version 1, ordered 15 Jan 2026, a 12-month TERMED subscription to Pro (platform fee $30/month,
// 10 seats at $10/month) and Pro annual ($1,200/year):
//   platform fee  mrr 30              tcv 30 x 12 = 360
//   seats         mrr 10 x 10 = 100   tcv 100 x 12 = 1,200
//   annual fee    mrr 1,200 / 12 = 100 tcv 100 x 12 = 1,200
//   contractedMrr 230, totalContractedValue 2,760; each charge is new, so dmrc = mrr and dtcv = tcv.
// Version 2 changes the seats to 20 from 15 Apr 2026 (3 months in):
//   seats segment 1 (15 Jan - 15 Apr)  mrr 100, tcv 100 x 3 = 300
//   seats segment 2 (15 Apr - 15 Jan)  mrr 200, tcv 200 x 9 = 1,800
//   seats dmrc 200 - 100 = 100, dtcv (300 + 1,800) - 1,200 = 900; the others change by 0
//   contractedMrr 30 + 200 + 100 = 330, totalContractedValue 360 + 300 + 1,800 + 1,200 = 3,660.
// The account's contractedMrr is its active subscriptions' contractedMrr.

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });
let catalog: TestCatalog;
let account: string;
let number: string;

const charge = (body: any, name: string) => body.ratePlans.flatMap((plan: any) => plan.ratePlanCharges).find((each: any) => each.name === name);
const figures = (each: any) => ({ mrr: each.mrr, tcv: each.tcv, dmrc: each.dmrc, dtcv: each.dtcv });

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  account = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number;
  const created = await env.zuora.post(
    '/v1/orders',
    newSubscriptionOrder(account, [
      { productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 10 } } }] },
      { productRatePlanId: catalog.annual.planId },
    ]),
  );
  number = created.body.subscriptionNumbers[0];
});

describe('MRR and TCV of a subscription', () => {
  it('are worked out per charge and summed for a new subscription', async () => {
    const { body } = await env.zuora.get(`/v1/subscriptions/${number}`);
    expect(figures(charge(body, 'Platform fee'))).toEqual({ mrr: 30, tcv: 360, dmrc: 30, dtcv: 360 });
    expect(figures(charge(body, 'Seats'))).toEqual({ mrr: 100, tcv: 1200, dmrc: 100, dtcv: 1200 });
    expect(figures(charge(body, 'Annual fee'))).toEqual({ mrr: 100, tcv: 1200, dmrc: 100, dtcv: 1200 });
    expect(body).toMatchObject({ contractedMrr: 230, totalContractedValue: 2760 });
    expect((await env.zuora.get(`/v1/accounts/${account}`)).body.metrics.contractedMrr).toBe(230);
  });

  it('show the change an amendment made as deltas against the version before', async () => {
    const seatsNumber = charge((await env.zuora.get(`/v1/subscriptions/${number}`)).body, 'Seats').number;
    const amended = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      existingAccountNumber: account,
      subscriptions: [
        {
          subscriptionNumber: number,
          orderActions: [
            {
              type: 'UpdateProduct',
              updateProduct: {
                productRatePlanId: catalog.pro.planId,
                chargeUpdates: [{ chargeNumber: seatsNumber, pricing: { recurringPerUnit: { quantity: 20 } }, effectiveDate: { specificTriggerDate: '2026-04-15' } }],
              },
            },
          ],
        },
      ],
    });
    expect(amended.body.success).toBe(true);
    const { body } = await env.zuora.get(`/v1/subscriptions/${number}?charge-detail=all-segments`);
    const seats = charge(body, 'Seats');
    expect(seats.chargeSegments.map(figures)).toEqual([
      { mrr: 100, tcv: 300, dmrc: 100, dtcv: 900 },
      { mrr: 200, tcv: 1800, dmrc: 100, dtcv: 900 },
    ]);
    expect(charge(body, 'Platform fee')).toMatchObject({ mrr: 30, dmrc: 0, dtcv: 0 });
    expect(charge(body, 'Annual fee')).toMatchObject({ mrr: 100, dmrc: 0, dtcv: 0 });
    expect(body).toMatchObject({ version: 2, contractedMrr: 330, totalContractedValue: 3660 });
    expect((await env.zuora.get(`/v1/accounts/${account}`)).body.metrics.contractedMrr).toBe(330);
  });
});
