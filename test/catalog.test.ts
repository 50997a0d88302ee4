import { beforeAll, describe, expect, it } from 'vitest';
import { defineCustomFields, useTenant } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });

// The units the charges below count in (per-unit, tiered, volume and usage prices need one), and the custom fields they carry.
beforeAll(async () => {
  for (const name of ['Seat', 'API Call']) {
    expect((await env.zuora.post('/v1/object/unit-of-measure', { UomName: name })).status).toBe(200);
  }
  await defineCustomFields(env.zuora, { Product: ['stiggProductId__c'], ProductRatePlan: ['stiggPlanId__c'], ProductRatePlanCharge: ['stiggPriceId__c'] });
});

const HEX_ID = /^[0-9a-f]{32}$/;
const CHARGE_PATH = '/v1/object/product-rate-plan-charge';
const UOM_PATH = '/v1/object/unit-of-measure';

type Body = Record<string, unknown>;

async function newProduct(overrides: Body = {}): Promise<Body & { id: string; sku: string }> {
  const response = await env.zuora.post('/v2/products', { name: 'Stigg Pro', ...overrides });
  expect(response.status).toBe(201);
  return response.body;
}

async function newPlan(overrides: Body = {}): Promise<Body & { id: string; plan_number: string; product_id: string }> {
  const product = await newProduct();
  const response = await env.zuora.post('/v2/plans', { name: 'Pro Monthly', product_id: product.id, ...overrides });
  expect(response.status).toBe(201);
  return response.body;
}

const tierData = (...tiers: Body[]): Body => ({ ProductRatePlanChargeTier: tiers });

/** A valid CRUD body for a $49/month flat fee; tests override what they care about. */
function flatFeeBody(planId: string, overrides: Body = {}): Body {
  return {
    ProductRatePlanId: planId,
    Name: 'Platform fee',
    ChargeType: 'Recurring',
    ChargeModel: 'Flat Fee Pricing',
    BillingPeriod: 'Month',
    ProductRatePlanChargeTierData: tierData({ Currency: 'USD', Price: 49 }),
    ...overrides,
  };
}

/** A valid CRUD body for $12 per seat per month. */
function perSeatBody(planId: string, overrides: Body = {}): Body {
  return flatFeeBody(planId, {
    Name: 'Seats',
    ChargeModel: 'Per Unit Pricing',
    UOM: 'Seat',
    ProductRatePlanChargeTierData: tierData({ Currency: 'USD', Price: 12 }),
    ...overrides,
  });
}

/** Three graduated usage tiers: 0-100 free, 100-1000 at 0.05, then 0.02 per call. */
const usageTiers = tierData(
  { Currency: 'USD', StartingUnit: 0, EndingUnit: 100, Price: 0, PriceFormat: 'Per Unit' },
  { Currency: 'USD', StartingUnit: 100, EndingUnit: 1000, Price: 0.05, PriceFormat: 'Per Unit' },
  { Currency: 'USD', StartingUnit: 1000, Price: 0.02, PriceFormat: 'Per Unit' },
);

async function createCharge(body: Body): Promise<string> {
  const response = await env.zuora.post(CHARGE_PATH, body);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body).toEqual({ Success: true, Id: expect.stringMatching(HEX_ID) });
  return response.body.Id as string;
}

async function pricesOf(planId: string): Promise<Array<Body & { id: string }>> {
  const response = await env.zuora.get(`/v2/plans/${planId}?expand[]=prices`);
  expect(response.status).toBe(200);
  return response.body.prices.data;
}

/** Collects every id of a Quickstart list by following next_page, checking each page's size. */
async function collectPages(path: string, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { data: Array<{ id: string }>; next_page: string | null } } = await env.zuora.get(
      `${path}${path.includes('?') ? '&' : '?'}page_size=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.data.length).toBeLessThanOrEqual(pageSize);
    ids.push(...page.body.data.map((item) => item.id));
    cursor = page.body.next_page;
  } while (cursor);
  return ids;
}

describe('products', () => {
  it('creates a product and finds it by id and by SKU', async () => {
    const created = await env.zuora.post('/v2/products', {
      name: 'Stigg Pro',
      sku: 'STIGG-PRO',
      description: 'The pro tier',
      type: 'base',
      custom_fields: { stiggProductId__c: 'product-pro', stiggEntityUrl__c: 'https://app.example.com/products/pro' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(HEX_ID),
      name: 'Stigg Pro',
      sku: 'STIGG-PRO',
      description: 'The pro tier',
      type: 'base',
      // Effective from the tenant's today until Zuora's default end date.
      start_date: '2026-01-15',
      end_date: '2099-12-31',
      active: true,
      custom_fields: { stiggProductId__c: 'product-pro', stiggEntityUrl__c: 'https://app.example.com/products/pro' },
    });
    for (const key of [created.body.id, 'STIGG-PRO']) {
      const read = await env.zuora.get(`/v2/products/${key}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    }
  });

  it('numbers the SKU itself when none is given and refuses a SKU that is taken', async () => {
    const first = await newProduct();
    expect(first.sku).toMatch(/^SKU-\d{8}$/);
    const taken = await env.zuora.post('/v2/products', { name: 'Copy', sku: first.sku });
    expect(taken.status).toBe(400);
    expect(taken.body.errors[0]).toMatchObject({ parameter: 'sku' });
  });

  it('patches name and description and merges custom fields', async () => {
    const product = await newProduct({
      custom_fields: { stiggProductId__c: 'product-1', stiggEntityUrl__c: 'https://app.example.com/products/old' },
    });
    const patched = await env.zuora.patch(`/v2/products/${product.sku}`, {
      name: 'Stigg Pro (2026)',
      description: 'Renamed',
      custom_fields: { stiggEntityUrl__c: 'https://app.example.com/products/new' },
    });
    expect(patched.status).toBe(200);
    const expected = {
      id: product.id,
      sku: product.sku,
      name: 'Stigg Pro (2026)',
      description: 'Renamed',
      custom_fields: { stiggProductId__c: 'product-1', stiggEntityUrl__c: 'https://app.example.com/products/new' },
    };
    expect(patched.body).toMatchObject(expected);
    expect((await env.zuora.get(`/v2/products/${product.id}`)).body).toMatchObject(expected);
  });

  it('lists products page by page with a cursor', async () => {
    for (let i = 0; i < 3; i += 1) await newProduct({ name: `Paged ${i}` });
    const all = (await env.zuora.get('/v2/products?page_size=99')).body.data as Array<{ id: string }>;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen = await collectPages('/v2/products', 2);
    expect(seen).toEqual(all.map((product) => product.id));
  });

  it('answers an unknown product with a Quickstart 404', async () => {
    const response = await env.zuora.get('/v2/products/NO-SUCH-SKU');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: 'not_found', errors: [{ code: 'resource_not_found', parameter: 'product_id' }] });
  });
});

describe('plans', () => {
  it('creates a plan under a product (named by SKU) and finds it by id and by number', async () => {
    const product = await newProduct();
    const created = await env.zuora.post('/v2/plans', {
      name: 'Pro Monthly',
      description: 'Billed monthly',
      product_id: product.sku,
      active_currencies: ['USD'],
      custom_fields: { stiggPlanId__c: 'plan-pro' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(HEX_ID),
      name: 'Pro Monthly',
      description: 'Billed monthly',
      plan_number: expect.stringMatching(/^PRP-\d{8}$/),
      // The SKU is resolved to the product's id.
      product_id: product.id,
      start_date: '2026-01-15',
      end_date: '2099-12-31',
      active_currencies: ['USD'],
      active: true,
      custom_fields: { stiggPlanId__c: 'plan-pro' },
    });
    for (const key of [created.body.id, created.body.plan_number]) {
      const read = await env.zuora.get(`/v2/plans/${key}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    }
  });

  it("lists only one product's plans with filter[]=product_id.EQ", async () => {
    const product = await newProduct();
    const monthly = await env.zuora.post('/v2/plans', { name: 'Monthly', product_id: product.id });
    const annual = await env.zuora.post('/v2/plans', { name: 'Annual', product_id: product.id });
    await newPlan({ name: 'Someone else' });
    const { status, body } = await env.zuora.get(`/v2/plans?page_size=99&filter[]=product_id.EQ:${product.id}`);
    expect(status).toBe(200);
    expect(body.data.map((plan: { id: string }) => plan.id)).toEqual([monthly.body.id, annual.body.id]);
    expect(body.next_page).toBeNull();
  });

  it('shows a product its plans with expand[]=plans', async () => {
    const plan = await newPlan();
    const product = await env.zuora.get(`/v2/products/${plan.product_id}?expand[]=plans`);
    expect(product.body.plans.data.map((item: { id: string }) => item.id)).toEqual([plan.id]);
  });

  it('rejects a plan for a product that does not exist and writes nothing', async () => {
    const before = (await env.zuora.get('/v2/plans?page_size=99')).body.data.length;
    const response = await env.zuora.post('/v2/plans', { name: 'Orphan', product_id: 'f'.repeat(32) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: 'bad_request',
      errors: [{ code: 'invalid_parameter', parameter: 'product_id', message: expect.stringContaining('f'.repeat(32)) }],
      retryable: false,
    });
    expect((await env.zuora.get('/v2/plans?page_size=99')).body.data.length).toBe(before);
  });
});

describe('units of measure', () => {
  it('creates a unit and refuses a second unit of the same name', async () => {
    const created = await env.zuora.post(UOM_PATH, { UomName: 'Minute', DisplayedAs: 'min', DecimalPlaces: 2, RoundingMode: 'HALF_UP', Active: true });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ Success: true, Id: expect.stringMatching(HEX_ID) });

    const again = await env.zuora.post(UOM_PATH, { UomName: 'Minute' });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ success: false, errors: [{ code: 'INVALID_VALUE', message: expect.stringContaining('Minute') }] });
  });

  it('rejects a unit without a name', async () => {
    const response = await env.zuora.post(UOM_PATH, { DisplayedAs: 'x' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ success: false, errors: [{ code: 'MISSING_REQUIRED_VALUE', message: expect.stringContaining('UomName') }] });
  });
});

describe('charges', () => {
  it('creates a monthly flat fee and reads it through /v1 (by id and number) and /v2', async () => {
    const plan = await newPlan();
    const id = await createCharge(flatFeeBody(plan.id));

    const v1 = await env.zuora.get(`/v1/product-rate-plan-charges/${id}`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({
      success: true,
      id,
      name: 'Platform fee',
      type: 'Recurring',
      model: 'FlatFee',
      billingPeriod: 'Month',
      billingTiming: 'IN_ADVANCE',
      billingDay: 'DefaultFromCustomer',
      triggerEvent: 'ContractEffective',
      uom: null,
      productRatePlanChargeNumber: expect.stringMatching(/^PRPC-\d{8}$/),
      pricing: [{ currency: 'USD', price: 49, tiers: null }],
      pricingSummary: ['USD49'],
    });
    const byNumber = await env.zuora.get(`/v1/product-rate-plan-charges/${v1.body.productRatePlanChargeNumber}`);
    expect(byNumber.body.id).toBe(id);

    const v2 = await env.zuora.get(`/v2/prices/${id}`);
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({
      id,
      name: 'Platform fee',
      plan_id: plan.id,
      plan_number: plan.plan_number,
      charge_type: 'recurring',
      charge_model: 'flat_fee',
      recurring: { interval: 'month', interval_count: 1, timing: 'in_advance', usage: false },
      start_event: 'contract_effective',
      amounts: { USD: 49 },
    });
    expect(v2.body.unit_amounts).toBeUndefined();
    expect(v2.body.tiers).toBeUndefined();
    expect((await pricesOf(plan.id)).map((price) => price.id)).toEqual([id]);
    expect((await env.zuora.get(`/v2/plans/${plan.id}`)).body.active_currencies).toEqual(['USD']);
  });

  it('creates a per-seat price with quantities, an accounting code and a custom field', async () => {
    const plan = await newPlan();
    const id = await createCharge(
      perSeatBody(plan.id, {
        MinQuantity: 1,
        MaxQuantity: 500,
        DefaultQuantity: 5,
        AccountingCode: 'Subscription Revenue',
        stiggPriceId__c: 'price-seats',
      }),
    );
    const v2 = (await env.zuora.get(`/v2/prices/${id}`)).body;
    expect(v2).toMatchObject({
      charge_model: 'per_unit',
      unit_amounts: { USD: 12 },
      unit_of_measure: 'Seat',
      quantity: 5,
      min_quantity: 1,
      max_quantity: 500,
      accounting_code: 'Subscription Revenue',
      custom_fields: { stiggPriceId__c: 'price-seats' },
    });
    expect(v2.amounts).toBeUndefined();
    const v1 = (await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body;
    expect(v1).toMatchObject({
      model: 'PerUnit',
      uom: 'Seat',
      defaultQuantity: 5,
      pricing: [{ currency: 'USD', price: 12, tiers: null }],
      pricingSummary: ['USD12/Seat'],
      customFields: { stiggPriceId__c: 'price-seats' },
    });
  });

  it('bills usage in arrears even when asked to bill it in advance', async () => {
    const plan = await newPlan();
    const id = await createCharge({
      ProductRatePlanId: plan.id,
      Name: 'API calls',
      ChargeType: 'Usage',
      ChargeModel: 'Per Unit Pricing',
      BillingPeriod: 'Month',
      BillingTiming: 'In Advance',
      UOM: 'API Call',
      ProductRatePlanChargeTierData: tierData({ Currency: 'USD', Price: 0.01 }),
    });
    expect((await env.zuora.get(`/v2/prices/${id}`)).body).toMatchObject({
      charge_type: 'usage',
      recurring: { interval: 'month', interval_count: 1, timing: 'in_arrears', usage: true },
      unit_amounts: { USD: 0.01 },
      unit_of_measure: 'API Call',
    });
    expect((await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body).toMatchObject({ type: 'Usage', billingTiming: 'IN_ARREARS' });
  });

  it('creates graduated usage tiers', async () => {
    const plan = await newPlan();
    const id = await createCharge({
      ProductRatePlanId: plan.id,
      Name: 'API calls (tiered)',
      ChargeType: 'Usage',
      ChargeModel: 'Tiered Pricing',
      BillingPeriod: 'Month',
      UOM: 'API Call',
      ProductRatePlanChargeTierData: usageTiers,
    });
    const v2 = (await env.zuora.get(`/v2/prices/${id}`)).body;
    expect(v2).toMatchObject({
      charge_model: 'tiered',
      tiers_mode: 'graduated',
      tiers: [{ up_to: 100, unit_amounts: { USD: 0 } }, { up_to: 1000, unit_amounts: { USD: 0.05 } }, { unit_amounts: { USD: 0.02 } }],
    });
    expect(v2.tiers[2].up_to).toBeUndefined();
    expect(v2.unit_amounts).toBeUndefined();

    const v1 = (await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body;
    expect(v1.model).toBe('Tiered');
    expect(v1.pricing).toEqual([
      expect.objectContaining({
        currency: 'USD',
        tiers: [
          { tier: 1, startingUnit: 0, endingUnit: 100, price: 0, priceFormat: 'PerUnit' },
          { tier: 2, startingUnit: 100, endingUnit: 1000, price: 0.05, priceFormat: 'PerUnit' },
          { tier: 3, startingUnit: 1000, endingUnit: null, price: 0.02, priceFormat: 'PerUnit' },
        ],
      }),
    ]);
  });

  it('creates volume tiers with a flat-fee first tier, sorted by starting unit', async () => {
    const plan = await newPlan();
    const id = await createCharge(
      perSeatBody(plan.id, {
        ChargeModel: 'Volume Pricing',
        // Given out of order on purpose: Zuora numbers tiers by their starting unit.
        ProductRatePlanChargeTierData: tierData(
          { Currency: 'USD', StartingUnit: 11, Price: 8, PriceFormat: 'Per Unit' },
          { Currency: 'USD', StartingUnit: 0, EndingUnit: 10, Price: 100, PriceFormat: 'Flat Fee' },
        ),
      }),
    );
    expect((await env.zuora.get(`/v2/prices/${id}`)).body).toMatchObject({
      charge_model: 'volume',
      tiers_mode: 'volume',
      tiers: [{ up_to: 10, amounts: { USD: 100 } }, { unit_amounts: { USD: 8 } }],
    });
    const v1 = (await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body;
    expect(v1.model).toBe('Volume');
    expect(v1.pricingSummary).toEqual(['0 to 10 Seat: USD100 flat fee; 11 Seat or more: USD8/Seat']);
    expect(v1.pricing[0].tiers).toEqual([
      { tier: 1, startingUnit: 0, endingUnit: 10, price: 100, priceFormat: 'FlatFee' },
      { tier: 2, startingUnit: 11, endingUnit: null, price: 8, priceFormat: 'PerUnit' },
    ]);
  });

  it('shows the tier table of a volume price that has a single open-ended tier', async () => {
    const plan = await newPlan();
    const id = await createCharge(
      perSeatBody(plan.id, {
        ChargeModel: 'Volume Pricing',
        ProductRatePlanChargeTierData: tierData({ Currency: 'USD', StartingUnit: 0, Price: 9, PriceFormat: 'Per Unit' }),
      }),
    );
    const v1 = (await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body;
    expect(v1.pricing[0].tiers).toEqual([{ tier: 1, startingUnit: 0, endingUnit: null, price: 9, priceFormat: 'PerUnit' }]);
    expect((await env.zuora.get(`/v2/prices/${id}`)).body.tiers).toEqual([{ unit_amounts: { USD: 9 } }]);
  });

  it('bills an annual charge once a year', async () => {
    const plan = await newPlan();
    const id = await createCharge(flatFeeBody(plan.id, { BillingPeriod: 'Annual', ProductRatePlanChargeTierData: tierData({ Currency: 'USD', Price: 490 }) }));
    expect((await env.zuora.get(`/v2/prices/${id}`)).body.recurring).toMatchObject({ interval: 'year', interval_count: 1 });
    expect((await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body.billingPeriod).toBe('Annual');
  });

  it("prices in several currencies and makes them the plan's active currencies", async () => {
    const plan = await newPlan({ active_currencies: ['USD'] });
    const id = await createCharge(
      flatFeeBody(plan.id, {
        ProductRatePlanChargeTierData: tierData({ Currency: 'USD', Price: 49 }, { Currency: 'EUR', Price: 45 }, { Currency: 'GBP', Price: 39 }),
      }),
    );
    expect((await env.zuora.get(`/v2/plans/${plan.id}`)).body.active_currencies).toEqual(['USD', 'EUR', 'GBP']);
    expect((await env.zuora.get(`/v2/prices/${id}`)).body.amounts).toEqual({ USD: 49, EUR: 45, GBP: 39 });
    const v1 = (await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body;
    expect(v1.pricing.map((entry: { currency: string; price: number }) => [entry.currency, entry.price])).toEqual([
      ['USD', 49],
      ['EUR', 45],
      ['GBP', 39],
    ]);
    expect(v1.pricingSummary).toEqual(['USD49', 'EUR45', 'GBP39']);
  });

  it('ignores fields it does not model unless rejectUnknownFields=true', async () => {
    const plan = await newPlan();
    await createCharge(flatFeeBody(plan.id, { WeightedAverage: true }));
    expect(await pricesOf(plan.id)).toHaveLength(1);
    const refused = await env.zuora.post(`${CHARGE_PATH}?rejectUnknownFields=true`, flatFeeBody(plan.id, { Name: 'Refused', WeightedAverage: true }));
    expect(refused).toMatchObject({ status: 400, body: { message: 'Error - unrecognised fields' } });
    expect(await pricesOf(plan.id)).toHaveLength(1);
  });

  it('answers an unknown charge with V1 success:false and an unknown price with a Quickstart 404', async () => {
    const v1 = await env.zuora.get('/v1/product-rate-plan-charges/PRPC-99999999');
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ success: false, reasons: [{ code: 50000040, message: expect.stringContaining('PRPC-99999999') }] });
    const v2 = await env.zuora.get('/v2/prices/PRPC-99999999');
    expect(v2.status).toBe(404);
    expect(v2.body).toMatchObject({ type: 'not_found', errors: [{ code: 'resource_not_found', parameter: 'price_id' }] });
  });
});

describe('bad charges', () => {
  // Each case builds its body for a fresh plan; `code` is the CRUD error code, `mentions` a word the message must name.
  const cases: Array<[string, (planId: string) => Body, string, string, string?]> = [
    ['an unknown ProductRatePlanId', (planId) => flatFeeBody(planId, { ProductRatePlanId: 'e'.repeat(32) }), 'INVALID_VALUE', 'e'.repeat(32)],
    ['a per-unit price without a UOM', (planId) => perSeatBody(planId, { UOM: undefined }), 'MISSING_REQUIRED_VALUE', 'UOM'],
    ['a UOM that does not exist', (planId) => perSeatBody(planId, { UOM: 'Gigawatt' }), 'INVALID_VALUE', 'Gigawatt'],
    [
      'two prices for one currency on a flat fee',
      (planId) => flatFeeBody(planId, { ProductRatePlanChargeTierData: tierData({ Currency: 'USD', Price: 49 }, { Currency: 'USD', Price: 59 }) }),
      'INVALID_VALUE',
      'USD',
    ],
    [
      'overlapping tiers',
      (planId) =>
        perSeatBody(planId, {
          ChargeModel: 'Tiered Pricing',
          ProductRatePlanChargeTierData: tierData(
            { Currency: 'USD', StartingUnit: 0, EndingUnit: 100, Price: 10 },
            { Currency: 'USD', StartingUnit: 50, Price: 8 },
          ),
        }),
      'INVALID_VALUE',
      'overlaps',
    ],
    [
      'a tier table with an open-ended tier before the last',
      (planId) =>
        perSeatBody(planId, {
          ChargeModel: 'Tiered Pricing',
          ProductRatePlanChargeTierData: tierData({ Currency: 'USD', StartingUnit: 0, Price: 10 }, { Currency: 'USD', StartingUnit: 100, Price: 8 }),
        }),
      'INVALID_VALUE',
      'EndingUnit',
    ],
    ['MinQuantity above MaxQuantity', (planId) => perSeatBody(planId, { MinQuantity: 10, MaxQuantity: 5 }), 'INVALID_VALUE', 'MaxQuantity'],
    ['a DefaultQuantity outside min..max', (planId) => perSeatBody(planId, { MinQuantity: 1, MaxQuantity: 5, DefaultQuantity: 6 }), 'INVALID_VALUE', 'DefaultQuantity'],
    ['a missing Name', (planId) => flatFeeBody(planId, { Name: undefined }), 'MISSING_REQUIRED_VALUE', 'Name'],
    ['a recurring charge without a BillingPeriod', (planId) => flatFeeBody(planId, { BillingPeriod: undefined }), 'MISSING_REQUIRED_VALUE', 'BillingPeriod'],
    ['an unknown ChargeModel', (planId) => flatFeeBody(planId, { ChargeModel: 'Pay What You Want' }), 'INVALID_VALUE', 'ChargeModel'],
    ['an unknown TriggerEvent', (planId) => flatFeeBody(planId, { TriggerEvent: 'Whenever' }), 'INVALID_VALUE', 'TriggerEvent'],
    ['an unknown BillCycleType', (planId) => flatFeeBody(planId, { BillCycleType: 'Fortnightly' }), 'INVALID_VALUE', 'BillCycleType'],
    ['an unknown BillingTiming', (planId) => flatFeeBody(planId, { BillingTiming: 'Whenever' }), 'INVALID_VALUE', 'BillingTiming'],
    ['a Price that is not a number', (planId) => flatFeeBody(planId, { ProductRatePlanChargeTierData: tierData({ Currency: 'USD', Price: 'free' }) }), 'INVALID_VALUE', 'Price'],
  ];

  it.each(cases)('rejects %s with the CRUD 400 shape and writes no charge', async (_label, body, code, mentions) => {
    const plan = await newPlan({ active_currencies: [] });
    const response = await env.zuora.post(CHARGE_PATH, body(plan.id));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ success: false, errors: [{ code, message: expect.stringContaining(mentions) }] });
    expect(await pricesOf(plan.id)).toEqual([]);
    expect((await env.zuora.get(`/v2/plans/${plan.id}`)).body.active_currencies).toEqual([]);
  });
});

describe('prices through /v2', () => {
  it('renames a price and changes one currency of a per-unit price, seen through /v1', async () => {
    const plan = await newPlan();
    const id = await createCharge(
      perSeatBody(plan.id, { ProductRatePlanChargeTierData: tierData({ Currency: 'USD', Price: 12 }, { Currency: 'EUR', Price: 11 }) }),
    );
    const patched = await env.zuora.patch(`/v2/prices/${id}`, { name: 'Seats (2026)', unit_amounts: { USD: 15 } });
    expect(patched.status).toBe(200);
    // Only USD changes; EUR keeps its price.
    expect(patched.body).toMatchObject({ name: 'Seats (2026)', unit_amounts: { USD: 15, EUR: 11 } });
    const v1 = (await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body;
    expect(v1.name).toBe('Seats (2026)');
    expect(v1.pricing.map((entry: { currency: string; price: number }) => [entry.currency, entry.price]).sort()).toEqual([
      ['EUR', 11],
      ['USD', 15],
    ]);
  });

  it('replaces the tiers of a tiered price', async () => {
    const plan = await newPlan();
    const id = await createCharge(
      perSeatBody(plan.id, {
        ChargeModel: 'Tiered Pricing',
        ProductRatePlanChargeTierData: tierData(
          { Currency: 'USD', StartingUnit: 0, EndingUnit: 10, Price: 10 },
          { Currency: 'USD', StartingUnit: 10, Price: 8 },
        ),
      }),
    );
    const patched = await env.zuora.patch(`/v2/prices/${id}`, {
      tiers: [{ up_to: 5, unit_amounts: { USD: 11 } }, { up_to: 50, unit_amounts: { USD: 9 } }, { unit_amounts: { USD: 7 } }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      tiers_mode: 'graduated',
      tiers: [{ up_to: 5, unit_amounts: { USD: 11 } }, { up_to: 50, unit_amounts: { USD: 9 } }, { unit_amounts: { USD: 7 } }],
    });
    // Each Quickstart tier starts where the one before it ends.
    expect((await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body.pricing[0].tiers).toEqual([
      { tier: 1, startingUnit: 0, endingUnit: 5, price: 11, priceFormat: 'PerUnit' },
      { tier: 2, startingUnit: 5, endingUnit: 50, price: 9, priceFormat: 'PerUnit' },
      { tier: 3, startingUnit: 50, endingUnit: null, price: 7, priceFormat: 'PerUnit' },
    ]);
  });

  it('moves a monthly price to yearly billing', async () => {
    const plan = await newPlan();
    const id = await createCharge(flatFeeBody(plan.id));
    const patched = await env.zuora.patch(`/v2/prices/${id}`, { recurring: { interval: 'year' } });
    expect(patched.status).toBe(200);
    expect(patched.body.recurring).toMatchObject({ interval: 'year', interval_count: 1 });
    expect((await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body.billingPeriod).toBe('Annual');
  });

  it('moves a price billed every two months to yearly billing and drops the month count', async () => {
    const plan = await newPlan();
    const id = await createCharge(flatFeeBody(plan.id, { BillingPeriod: 'Specific Months', SpecificBillingPeriod: 2 }));
    expect((await env.zuora.get(`/v2/prices/${id}`)).body.recurring).toMatchObject({ interval: 'month', interval_count: 2 });
    await env.zuora.patch(`/v2/prices/${id}`, { recurring: { interval: 'year' } });
    expect((await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body).toMatchObject({ billingPeriod: 'Annual', specificBillingPeriod: null });
  });

  it('changes only the timing of a quarterly price and keeps it quarterly', async () => {
    const plan = await newPlan();
    const id = await createCharge(flatFeeBody(plan.id, { BillingPeriod: 'Quarter' }));
    const patched = await env.zuora.patch(`/v2/prices/${id}`, { recurring: { timing: 'in_arrears' } });
    expect(patched.status).toBe(200);
    expect(patched.body.recurring).toMatchObject({ interval: 'month', interval_count: 3, timing: 'in_arrears' });
    expect((await env.zuora.get(`/v1/product-rate-plan-charges/${id}`)).body).toMatchObject({ billingPeriod: 'Quarter', billingTiming: 'IN_ARREARS' });
  });

  it('rejects a patch that breaks a rule and leaves the price as it was', async () => {
    const plan = await newPlan();
    const id = await createCharge(perSeatBody(plan.id, { MinQuantity: 1, MaxQuantity: 10 }));
    const response = await env.zuora.patch(`/v2/prices/${id}`, { name: 'Broken', min_quantity: 20 });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: 'bad_request',
      errors: [{ code: 'invalid_parameter', parameter: 'min_quantity', message: expect.any(String) }],
      retryable: false,
    });
    expect((await env.zuora.get(`/v2/prices/${id}`)).body).toMatchObject({ name: 'Seats', min_quantity: 1 });
  });

  it('names the Quickstart field when a new price is bad', async () => {
    const plan = await newPlan();
    const id = await createCharge(perSeatBody(plan.id));
    const response = await env.zuora.patch(`/v2/prices/${id}`, { unit_amounts: { usd: 15 } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ code: 'invalid_parameter', parameter: 'unit_amounts', message: expect.stringContaining('usd') });
    expect((await env.zuora.get(`/v2/prices/${id}`)).body.unit_amounts).toEqual({ USD: 12 });
  });
});

describe('custom field definitions', () => {
  it('adds __c to the names it defines and reads them back', async () => {
    const put = await env.zuora.put('/objects/definitions/account', {
      properties: {
        stiggCustomerId: { type: 'string', maxLength: 255, label: 'Stigg customer id' },
        stiggEntityUrl__c: { type: 'string', maxLength: 1000, label: 'Stigg URL' },
      },
      filterable: ['stiggCustomerId'],
    });
    expect(put.status).toBe(200);
    const expectedSchema = {
      object: 'Account',
      properties: {
        stiggCustomerId__c: { type: 'string', maxLength: 255, label: 'Stigg customer id' },
        stiggEntityUrl__c: { type: 'string', maxLength: 1000, label: 'Stigg URL' },
      },
      filterable: ['stiggCustomerId__c'],
    };
    expect(put.body).toMatchObject({ type: 'Account', schema: expectedSchema });
    const read = await env.zuora.get('/objects/definitions/default/account');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ type: 'Account', schema: expectedSchema });
  });

  it('adds fields to an existing definition without dropping the others', async () => {
    await env.zuora.put('/objects/definitions/product', { properties: { stiggProductId: { type: 'string' } } });
    await env.zuora.put('/objects/definitions/product', { properties: { stiggEntityUrl: { type: 'string', maxLength: 500 } } });
    const read = await env.zuora.get('/objects/definitions/default/product');
    expect(Object.keys(read.body.schema.properties).sort()).toEqual(['stiggEntityUrl__c', 'stiggProductId__c']);
  });

  it('answers 404 for an object without definitions', async () => {
    const response = await env.zuora.get('/objects/definitions/default/invoice');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });

  it('refuses an object that takes no custom fields', async () => {
    const response = await env.zuora.put('/objects/definitions/widget', { properties: { colour: { type: 'string' } } });
    expect(response.status).toBe(400);
  });

  it('holds charge custom fields to their definition', async () => {
    await env.zuora.put('/objects/definitions/productrateplancharge', { properties: { tierCode: { type: 'string', maxLength: 2 } } });
    const plan = await newPlan();
    const tooLong = await env.zuora.post(CHARGE_PATH, flatFeeBody(plan.id, { tierCode__c: 'ABC' }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0]).toMatchObject({ code: 'INVALID_VALUE', message: expect.stringContaining('tierCode__c') });
    await createCharge(flatFeeBody(plan.id, { tierCode__c: 'AB' }));
  });
});

describeOfficial("catalog bodies match Zuora's official specs", () => {
  it('validates the Quickstart product, plan and price answers', async () => {
    const product = await env.zuora.post('/v2/products', { name: 'Spec Product', custom_fields: { stiggEntityUrl__c: 'https://x' } });
    await expectOfficialResponse('quickstart', 'POST', '/products', 201, product.body);
    await expectOfficialResponse('quickstart', 'GET', '/products/{product_id}', 200, (await env.zuora.get(`/v2/products/${product.body.id}`)).body);
    const patchedProduct = await env.zuora.patch(`/v2/products/${product.body.id}`, { description: 'Now described' });
    await expectOfficialResponse('quickstart', 'PATCH', '/products/{product_id}', 200, patchedProduct.body);
    await expectOfficialResponse('quickstart', 'GET', '/products', 200, (await env.zuora.get('/v2/products?page_size=2')).body);

    const plan = await env.zuora.post('/v2/plans', { name: 'Spec Plan', product_id: product.body.id });
    await expectOfficialResponse('quickstart', 'POST', '/plans', 201, plan.body);
    const flat = await createCharge(flatFeeBody(plan.body.id));
    const seats = await createCharge(perSeatBody(plan.body.id, { DefaultQuantity: 3 }));
    const tiered = await createCharge({
      ProductRatePlanId: plan.body.id,
      Name: 'Tiered',
      ChargeType: 'Usage',
      ChargeModel: 'Tiered Pricing',
      BillingPeriod: 'Month',
      UOM: 'Seat',
      ProductRatePlanChargeTierData: usageTiers,
    });
    const expanded = await env.zuora.get(`/v2/plans/${plan.body.id}?expand[]=prices`);
    await expectOfficialResponse('quickstart', 'GET', '/plans/{plan_id}', 200, expanded.body);
    await expectOfficialResponse('quickstart', 'GET', '/plans', 200, (await env.zuora.get('/v2/plans?page_size=2')).body);
    for (const id of [flat, seats, tiered]) {
      await expectOfficialResponse('quickstart', 'GET', '/prices/{price_id}', 200, (await env.zuora.get(`/v2/prices/${id}`)).body);
    }
    const patchedPrice = await env.zuora.patch(`/v2/prices/${seats}`, { unit_amounts: { USD: 14 } });
    await expectOfficialResponse('quickstart', 'PATCH', '/prices/{price_id}', 200, patchedPrice.body);
  });

  it('validates the V1 CRUD create answers and the V1 charge read', async () => {
    const plan = await newPlan();
    const created = await env.zuora.post(CHARGE_PATH, flatFeeBody(plan.id));
    await expectOfficialResponse('v1', 'POST', '/v1/object/product-rate-plan-charge', 200, created.body);
    const unit = await env.zuora.post(UOM_PATH, { UomName: 'Spec Unit' });
    await expectOfficialResponse('legacy2017', 'POST', '/v1/object/unit-of-measure', 200, unit.body);
    // A flat fee only: the official spec types V1 `pricing[].tiers` as an array of arrays, which no
    // real tiered answer (a flat list of tiers) can satisfy.
    const v1 = await env.zuora.get(`/v1/product-rate-plan-charges/${created.body.Id}`);
    await expectOfficialResponse('v1', 'GET', '/v1/product-rate-plan-charges/{product-rate-plan-charge-key}', 200, v1.body);
  });
});
