import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useTenant, ORDERS_223 } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

// Tenant clock: 15 January 2026. One subscription is written in three versions:
//   v1 (order of 2026-01-15): Pro, $30 platform fee + 10 seats at $10
//   v2 (order of 2026-01-20): + Priority support, $50 flat
//   v3 (order of 2026-01-20): seats 10 -> 20 from 2026-01-25, so the seats charge has two segments
const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });
const ENTITY_URL = 'https://app.example.com/subscriptions/sub-1';

let catalog: TestCatalog;
let accountNumber: string;
let subscriptionNumber: string;
let firstVersionId: string;

// `any`: the tests read Zuora's JSON field by field.
type Json = Record<string, any>;

const order = (body: Record<string, unknown>) => env.zuora.post('/v1/orders?returnIds=true', { existingAccountNumber: accountNumber, ...body }, ORDERS_223);

function createOrder(terms: Record<string, unknown>) {
  return order({
    orderDate: '2026-01-15',
    subscriptions: [
      {
        customFields: { stiggEntityUrl__c: ENTITY_URL },
        orderActions: [
          {
            type: 'CreateSubscription',
            createSubscription: {
              terms,
              subscribeToRatePlans: [
                {
                  productRatePlanId: catalog.pro.planId,
                  chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 10 } } }],
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

const amend = (number: string, orderActions: unknown[]) => order({ orderDate: '2026-01-20', subscriptions: [{ subscriptionNumber: number, orderActions }] });

const TERMED = { initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' }, autoRenew: true };

/** A subscription to a volume-priced plan: $8 a seat up to 10 seats, $6 a seat from there (1 seat by default). */
async function volumeSubscription(): Promise<string> {
  const plan = (await env.zuora.post('/v2/plans', { name: 'Volume seats', product_id: catalog.productId })).body.id as string;
  await env.zuora.post('/v1/object/product-rate-plan-charge', {
    ProductRatePlanId: plan,
    Name: 'Volume seats',
    ChargeType: 'Recurring',
    ChargeModel: 'Volume Pricing',
    BillingPeriod: 'Month',
    UOM: 'seat',
    ProductRatePlanChargeTierData: {
      ProductRatePlanChargeTier: [
        { Currency: 'USD', StartingUnit: 0, EndingUnit: 10, Price: 8, PriceFormat: 'Per Unit' },
        { Currency: 'USD', StartingUnit: 10, Price: 6, PriceFormat: 'Per Unit' },
      ],
    },
  });
  const created = await order({
    orderDate: '2026-01-15',
    subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: TERMED, subscribeToRatePlans: [{ productRatePlanId: plan }] } }] }],
  });
  return created.body.subscriptions[0].subscriptionNumber as string;
}

const planNamed = (subscription: Json, name: string): Json => subscription.ratePlans.find((plan: Json) => plan.ratePlanName === name);
const chargeNamed = (plan: Json, name: string): Json => plan.ratePlanCharges.find((charge: Json) => charge.name === name);

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  accountNumber = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Reader Inc' }))).body.account_number;
  const created = await createOrder(TERMED);
  expect(created.body.success).toBe(true);
  subscriptionNumber = created.body.subscriptions[0].subscriptionNumber;
  firstVersionId = created.body.subscriptionIds[0];
  expect((await amend(subscriptionNumber, [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }])).body.success).toBe(true);
  const v2 = (await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}`)).body;
  const pro = planNamed(v2, 'Pro');
  const updated = await amend(subscriptionNumber, [
    {
      type: 'UpdateProduct',
      updateProduct: {
        ratePlanId: pro.id,
        chargeUpdates: [
          { chargeNumber: chargeNamed(pro, 'Seats').number, pricing: { recurringPerUnit: { quantity: 20 } }, effectiveDate: { specificTriggerDate: '2026-01-25' } },
        ],
      },
    },
  ]);
  expect(updated.body.success).toBe(true);
});

describe('GET /v1/subscriptions/{subscription-key}', () => {
  it('reads the latest version by number, with account, terms and custom fields', async () => {
    const { status, body } = await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      success: true,
      subscriptionNumber,
      version: 3,
      isLatestVersion: true,
      status: 'Active',
      accountNumber,
      accountName: 'Reader Inc',
      invoiceOwnerAccountNumber: accountNumber,
      termType: 'TERMED',
      initialTerm: 12,
      initialTermPeriodType: 'Month',
      currentTerm: 12,
      renewalSetting: 'RENEW_WITH_SPECIFIC_TERM',
      autoRenew: true,
      termStartDate: '2026-01-15',
      termEndDate: '2027-01-15',
      subscriptionStartDate: '2026-01-15',
      subscriptionEndDate: '2027-01-15',
      contractEffectiveDate: '2026-01-15',
      currency: 'USD',
      invoiceSeparately: false,
      orderNumber: expect.stringMatching(/^O-\d+$/),
      // Custom fields sit at the top level, as Zuora flattens them.
      stiggEntityUrl__c: ENTITY_URL,
      // 2 charges in v1 + 1 added + 1 new seats segment.
      totalNumberOfChargeSegments: 4,
    });
    expect(body.invoiceOwnerAccountId).toBe(body.accountId);
    expect(body.id).not.toBe(firstVersionId);
    expect(body.ratePlans.map((plan: Json) => plan.ratePlanName)).toEqual(['Pro', 'Priority support']);
  });

  it('shows each charge by its last segment, priced, with MRR', async () => {
    const { body } = await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}`);
    const pro = planNamed(body, 'Pro');
    expect(pro).toMatchObject({ productId: catalog.productId, productName: 'Acme', productRatePlanId: catalog.pro.planId, lastChangeType: 'Update' });
    expect(pro.productSku).toEqual(expect.any(String));
    expect(chargeNamed(pro, 'Platform fee')).toMatchObject({
      productRatePlanChargeId: catalog.pro.flatFeeId,
      type: 'Recurring',
      model: 'FlatFee',
      price: 30,
      currency: 'USD',
      billingPeriod: 'Month',
      billingTiming: 'IN_ADVANCE',
      billingDay: 'DefaultFromCustomer',
      listPriceBase: 'Per_Billing_Period',
      triggerEvent: 'ContractEffective',
      segment: 1,
      effectiveStartDate: '2026-01-15',
      // Open-ended: the charge runs until the subscription ends.
      effectiveEndDate: '2027-01-15',
      pricingSummary: 'USD30',
      mrr: 30,
      done: false,
    });
    // Zuora counts a flat fee as one unit.
    expect(chargeNamed(pro, 'Platform fee').quantity).toBe(1);
    // Nothing is billed yet, so there is no billed-through date.
    expect(chargeNamed(pro, 'Platform fee').chargedThroughDate).toBeNull();
    expect(chargeNamed(pro, 'Seats')).toMatchObject({
      model: 'PerUnit',
      uom: 'seat',
      price: 10,
      quantity: 20,
      segment: 2,
      effectiveStartDate: '2026-01-25',
      pricingSummary: 'USD10/seat',
      // 20 seats x $10 a month.
      mrr: 200,
    });
    expect(chargeNamed(pro, 'Seats').chargeSegments).toBeNull();
    expect(chargeNamed(planNamed(body, 'Priority support'), 'Support fee')).toMatchObject({ price: 50, mrr: 50, effectiveStartDate: '2026-01-20' });
  });

  it('reads an earlier version by its id; charge numbers stay while ids change', async () => {
    const latest = (await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}`)).body;
    const { body: first } = await env.zuora.get(`/v1/subscriptions/${firstVersionId}`);
    expect(first).toMatchObject({ id: firstVersionId, subscriptionNumber, version: 1, isLatestVersion: false, revision: '1.0' });
    expect(first.ratePlans.map((plan: Json) => plan.ratePlanName)).toEqual(['Pro']);
    // Zuora shows how an order changed a rate plan only once a later order amended the subscription.
    expect(first.ratePlans[0].lastChangeType).toBeNull();
    const [oldSeats, newSeats] = [chargeNamed(first.ratePlans[0], 'Seats'), chargeNamed(planNamed(latest, 'Pro'), 'Seats')];
    expect(oldSeats).toMatchObject({ quantity: 10, segment: 1, mrr: 100 });
    expect(newSeats.number).toBe(oldSeats.number);
    expect(newSeats.originalChargeId).toBe(oldSeats.originalChargeId);
    expect(newSeats.id).not.toBe(oldSeats.id);
    expect(planNamed(latest, 'Pro').subscriptionRatePlanNumber).toBe(first.ratePlans[0].subscriptionRatePlanNumber);
    expect(planNamed(latest, 'Pro').id).not.toBe(first.ratePlans[0].id);
  });

  it('lists every segment under chargeSegments with charge-detail=all-segments', async () => {
    const { body } = await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}?charge-detail=all-segments`);
    const seats = chargeNamed(planNamed(body, 'Pro'), 'Seats');
    expect(seats).toMatchObject({ segment: 2, quantity: 20 });
    expect(seats.chargeSegments).toEqual([
      expect.objectContaining({ segment: 1, quantity: 10, effectiveStartDate: '2026-01-15', effectiveEndDate: '2026-01-25', mrr: 100 }),
      expect.objectContaining({ id: seats.id, segment: 2, quantity: 20, effectiveStartDate: '2026-01-25', effectiveEndDate: '2027-01-15', mrr: 200 }),
    ]);
    expect(chargeNamed(planNamed(body, 'Pro'), 'Platform fee').chargeSegments).toHaveLength(1);
  });

  it('picks the segment in effect today, or on a given date', async () => {
    const seatsOn = async (query: string) => chargeNamed(planNamed((await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}?${query}`)).body, 'Pro'), 'Seats');
    // Today is 2026-01-15: the first segment still runs.
    expect(await seatsOn('charge-detail=current-segment')).toMatchObject({ segment: 1, quantity: 10 });
    expect(await seatsOn('charge-detail=specific-segment&as-of-date=2026-02-01')).toMatchObject({ segment: 2, quantity: 20 });
    // The support add-on starts on 2026-01-20, so nothing of it is in effect on the 16th.
    const { body } = await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}?charge-detail=specific-segment&as-of-date=2026-01-16`);
    expect(planNamed(body, 'Priority support').ratePlanCharges).toEqual([]);
  });

  it('rejects an unknown charge-detail and a specific segment without a date', async () => {
    for (const query of ['charge-detail=every-segment', 'charge-detail=specific-segment']) {
      const { status, body } = await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}?${query}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ success: false, reasons: [{ code: 50000020 }] });
    }
  });

  it('answers an unknown key with success:false and 50000040', async () => {
    const { status, body } = await env.zuora.get('/v1/subscriptions/A-S99999999');
    // Zuora's V1 API reports business errors with HTTP 200.
    expect(status).toBe(200);
    expect(body).toEqual({
      success: false,
      processId: expect.stringMatching(/^[0-9A-F]{16}$/),
      reasons: [{ code: 50000040, message: expect.stringContaining('A-S99999999') }],
    });
  });
});

describe('GET /v2/subscriptions/{subscription_id}', () => {
  it('reads the latest version by number in Quickstart terms', async () => {
    const v1 = (await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}`)).body;
    const { status, body } = await env.zuora.get(`/v2/subscriptions/${subscriptionNumber}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: v1.id,
      subscription_number: subscriptionNumber,
      state: 'active',
      version: 3,
      latest_version: true,
      account_id: v1.accountId,
      invoice_owner_account_id: v1.accountId,
      auto_renew: true,
      initial_term: { type: 'termed', interval: 'month', interval_count: 12, start_date: '2026-01-15', end_date: '2027-01-15' },
      current_term: { type: 'termed', interval: 'month', interval_count: 12, start_date: '2026-01-15', end_date: '2027-01-15' },
      renewal_term: { type: 'termed', interval: 'month', interval_count: 12 },
      start_date: '2026-01-15',
      end_date: '2027-01-15',
      contract_effective: '2026-01-15',
      currency: 'USD',
      order_number: v1.orderNumber,
      custom_fields: { stiggEntityUrl__c: ENTITY_URL },
    });
    expect(body.subscription_plans).toBeUndefined();
  });

  it('reads an earlier version by id', async () => {
    const { body } = await env.zuora.get(`/v2/subscriptions/${firstVersionId}`);
    expect(body).toMatchObject({ id: firstVersionId, version: 1, latest_version: false });
  });

  it('expands plans, and their items segment by segment', async () => {
    const plansOnly = (await env.zuora.get(`/v2/subscriptions/${subscriptionNumber}?expand[]=subscription_plans`)).body;
    expect(plansOnly.subscription_plans.data.map((plan: Json) => plan.name)).toEqual(['Pro', 'Priority support']);
    expect(plansOnly.subscription_plans.data[0].subscription_items).toBeUndefined();

    const { body } = await env.zuora.get(`/v2/subscriptions/${subscriptionNumber}?expand[]=subscription_plans.subscription_items`);
    const [pro, support] = body.subscription_plans.data;
    expect(pro).toMatchObject({ subscription_id: body.id, plan_id: catalog.pro.planId, product_id: catalog.productId, name: 'Pro' });
    const seats = pro.subscription_items.data.filter((item: Json) => item.name === 'Seats');
    expect(seats).toEqual([
      expect.objectContaining({ price_id: catalog.pro.seatsId, quantity: 10, unit_amount: 10, start_date: '2026-01-15', end_date: '2026-01-25', state: 'active' }),
      // Starts after today (2026-01-15).
      expect.objectContaining({ price_id: catalog.pro.seatsId, quantity: 20, unit_amount: 10, start_date: '2026-01-25', end_date: '2027-01-15', state: 'inactive' }),
    ]);
    expect(seats[0].subscription_item_number).toBe(seats[1].subscription_item_number);
    expect(seats[0]).toMatchObject({
      charge_type: 'recurring',
      charge_model: 'per_unit',
      unit_of_measure: 'seat',
      start_event: 'contract_effective',
      subscription_plan_id: pro.id,
      recurring: { interval: 'month', interval_count: 1, on: 'account_cycle_date', timing: 'in_advance', usage: false },
    });
    expect(pro.subscription_items.data.find((item: Json) => item.name === 'Platform fee')).toMatchObject({ amount: 30, price_id: catalog.pro.flatFeeId });
    expect(support.subscription_items.data).toEqual([expect.objectContaining({ name: 'Support fee', amount: 50, start_date: '2026-01-20' })]);
  });

  it('answers an unknown subscription with a Quickstart 404', async () => {
    const { status, body } = await env.zuora.get('/v2/subscriptions/A-S99999999');
    expect(status).toBe(404);
    expect(body).toEqual({
      type: 'not_found',
      errors: [{ code: 'resource_not_found', parameter: 'subscription_id', message: expect.stringContaining('A-S99999999') }],
      retryable: false,
    });
  });
});

describe('subscriptions in other shapes', () => {
  it('shows a cancelled subscription ending on its cancellation date', async () => {
    const created = await createOrder(TERMED);
    const number = created.body.subscriptions[0].subscriptionNumber;
    const cancelled = await amend(number, [{ type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-03-15' } }]);
    expect(cancelled.body.success).toBe(true);
    const v1 = (await env.zuora.get(`/v1/subscriptions/${number}`)).body;
    expect(v1).toMatchObject({ status: 'Cancelled', version: 2, subscriptionEndDate: '2026-03-15', termEndDate: '2026-03-15' });
    expect(chargeNamed(v1.ratePlans[0], 'Seats').effectiveEndDate).toBe('2026-03-15');
    const v2 = (await env.zuora.get(`/v2/subscriptions/${number}`)).body;
    expect(v2).toMatchObject({ state: 'canceled', end_date: '2026-03-15', initial_term: { end_date: '2027-01-15' }, current_term: { end_date: '2026-03-15' } });
  });

  it('sends null end dates for an evergreen subscription', async () => {
    const created = await createOrder({ initialTerm: { termType: 'EVERGREEN' } });
    const number = created.body.subscriptions[0].subscriptionNumber;
    const v1 = (await env.zuora.get(`/v1/subscriptions/${number}`)).body;
    expect(v1).toMatchObject({ termType: 'EVERGREEN', subscriptionStartDate: '2026-01-15' });
    expect(v1.termEndDate).toBeNull();
    expect(v1.subscriptionEndDate).toBeNull();
    expect(chargeNamed(v1.ratePlans[0], 'Seats').effectiveEndDate).toBeNull();
    const v2 = (await env.zuora.get(`/v2/subscriptions/${number}`)).body;
    expect(v2.initial_term).toEqual({ type: 'evergreen', start_date: '2026-01-15' });
    expect(v2.end_date).toBeUndefined();
  });

  it('shows a volume-priced charge by its tier table', async () => {
    const number = await volumeSubscription();
    const v1 = (await env.zuora.get(`/v1/subscriptions/${number}`)).body;
    const charge = v1.ratePlans[0].ratePlanCharges[0];
    expect(charge).toMatchObject({ model: 'Volume', quantity: 1, pricingSummary: '0 to 10 seat: USD8/seat; 10 seat or more: USD6/seat', mrr: 8 });
    expect(charge.price).toBeNull();
    // The open-ended last tier's ending unit is null, as Zuora sends an unset field.
    expect(charge.tiers).toEqual([
      { tier: 1, startingUnit: 0, endingUnit: 10, price: 8, priceFormat: 'PerUnit', originalListPrice: 8 },
      { tier: 2, startingUnit: 10, endingUnit: null, price: 6, priceFormat: 'PerUnit', originalListPrice: 6 },
    ]);
    const v2 = (await env.zuora.get(`/v2/subscriptions/${number}?expand[]=subscription_plans.subscription_items`)).body;
    expect(v2.subscription_plans.data[0].subscription_items.data[0]).toMatchObject({
      charge_model: 'volume',
      tiers_mode: 'volume',
      tiers: [{ up_to: 10, unit_amount: 8 }, { unit_amount: 6 }],
    });
  });
});

describeOfficial("subscription reads match Zuora's official specs", () => {
  it('validates the V1 read, with and without all segments', async () => {
    for (const query of ['', '?charge-detail=all-segments']) {
      const { body } = await env.zuora.get(`/v1/subscriptions/${subscriptionNumber}${query}`);
      await expectOfficialResponse('v1', 'GET', '/v1/subscriptions/{subscription-key}', 200, body);
    }
    const first = await env.zuora.get(`/v1/subscriptions/${firstVersionId}`);
    await expectOfficialResponse('v1', 'GET', '/v1/subscriptions/{subscription-key}', 200, first.body);
  });

  it('validates the Quickstart read, plain and expanded, and its 404', async () => {
    for (const query of ['', '?expand[]=subscription_plans', '?expand[]=subscription_plans.subscription_items&expand[]=account']) {
      const { body } = await env.zuora.get(`/v2/subscriptions/${subscriptionNumber}${query}`);
      await expectOfficialResponse('quickstart', 'GET', '/subscriptions/{subscription_id}', 200, body);
    }
    const missing = await env.zuora.get('/v2/subscriptions/nope');
    await expectOfficialResponse('quickstart', 'GET', '/subscriptions/{subscription_id}', 404, missing.body);
  });

  it('validates cancelled, evergreen and tiered subscriptions in both dialects', async () => {
    const cancelled = (await createOrder(TERMED)).body.subscriptions[0].subscriptionNumber as string;
    await amend(cancelled, [{ type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'EndOfCurrentTerm' } }]);
    const evergreen = (await createOrder({ initialTerm: { termType: 'EVERGREEN' } })).body.subscriptions[0].subscriptionNumber as string;
    for (const number of [cancelled, evergreen, await volumeSubscription()]) {
      const v1 = await env.zuora.get(`/v1/subscriptions/${number}?charge-detail=all-segments`);
      await expectOfficialResponse('v1', 'GET', '/v1/subscriptions/{subscription-key}', 200, v1.body);
      const v2 = await env.zuora.get(`/v2/subscriptions/${number}?expand[]=subscription_plans.subscription_items`);
      await expectOfficialResponse('quickstart', 'GET', '/subscriptions/{subscription_id}', 200, v2.body);
    }
  });
});
