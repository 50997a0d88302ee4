import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useTenant } from './helpers/emulator.js';
import { newSubscriptionOrder } from './helpers/orders.js';

// Discount charges: DiscountPercentage and DiscountFixedAmount in the catalog (V1 CRUD create, V1 and
// Quickstart reads), taken off the charges they reach on invoices and previews, and shown on the
// subscription read. Tenant clock: 15 January 2026; the accounts bill on the 15th.

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });
let catalog: TestCatalog;
let promo: { planId: string; percentId: string; fixedPlanId: string; fixedId: string };

const created = async (promise: Promise<{ body: { id?: string; Id?: string } }>): Promise<string> => {
  const { body } = await promise;
  const id = body.id ?? body.Id;
  if (!id) throw new Error(JSON.stringify(body));
  return id;
};

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  const planId = await created(env.zuora.post('/v2/plans', { name: 'Promotion', product_id: catalog.productId }));
  const fixedPlanId = await created(env.zuora.post('/v2/plans', { name: 'Loyalty', product_id: catalog.productId }));
  const discount = (plan: string, fields: Record<string, unknown>) =>
    created(env.zuora.post('/v1/object/product-rate-plan-charge', { ProductRatePlanId: plan, ChargeType: 'Recurring', BillingPeriod: 'Month', BillCycleType: 'DefaultFromCustomer', TriggerEvent: 'ContractEffective', ...fields }));
  promo = {
    planId,
    percentId: await discount(planId, {
      Name: 'Launch discount',
      ChargeModel: 'Discount-Percentage',
      ApplyDiscountTo: 'RECURRING',
      DiscountLevel: 'subscription',
      ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', DiscountPercentage: 10 }] },
    }),
    fixedPlanId,
    fixedId: await discount(fixedPlanId, {
      Name: 'Loyalty credit',
      ChargeModel: 'Discount-Fixed Amount',
      DiscountLevel: 'subscription',
      ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', DiscountAmount: 5 }] },
    }),
  };
});

async function subscribe(ratePlans: unknown[], processingOptions: Record<string, unknown> = { runBilling: true }) {
  const account = (await env.zuora.post('/v2/accounts', accountBody({ bill_cycle_day: 15 }))).body.account_number as string;
  const response = await env.zuora.post('/v1/orders', newSubscriptionOrder(account, ratePlans, { processingOptions }));
  expect(response.body.success, JSON.stringify(response.body)).toBe(true);
  return { account, number: response.body.subscriptionNumbers[0] as string };
}

const lines = (items: any[]) => items.map((item) => [item.chargeName, item.processingType, Number(item.chargeAmount), item.serviceStartDate]);

async function invoiceLines(account: string) {
  const invoices = (await env.zuora.get(`/v1/transactions/invoices/accounts/${account}`)).body.invoices as any[];
  const all = [];
  for (const invoice of invoices.reverse()) all.push(lines((await env.zuora.get(`/v1/invoices/${invoice.id}/items`)).body.invoiceItems));
  return all;
}

describe('discount charges in the catalog', () => {
  it('reads back a percentage discount in V1 and Quickstart', async () => {
    const v1 = (await env.zuora.get(`/v1/product-rate-plan-charges/${promo.percentId}`)).body;
    expect(v1).toMatchObject({ model: 'DiscountPercentage', applyDiscountTo: 'RECURRING', discountLevel: 'subscription', pricingSummary: ['10%  discount'] });
    expect(v1.pricing[0]).toMatchObject({ currency: 'USD', discountPercentage: 10, discountAmount: null });
    const v2 = (await env.zuora.get(`/v2/prices/${promo.percentId}`)).body;
    expect(v2).toMatchObject({ charge_model: 'discount_percentage', discount_percent: 10, apply_discount_to: ['recurring'], discount_level: 'subscription' });
    expect(v2.unit_amounts).toBeUndefined();
  });

  it('reads back a fixed-amount discount', async () => {
    const v1 = (await env.zuora.get(`/v1/product-rate-plan-charges/${promo.fixedId}`)).body;
    expect(v1.pricing[0]).toMatchObject({ discountAmount: 5, discountPercentage: null });
    const v2 = (await env.zuora.get(`/v2/prices/${promo.fixedId}`)).body;
    expect(v2).toMatchObject({ charge_model: 'discount_fixed_amount', discount_amounts: { USD: 5 }, apply_discount_to: ['one_time', 'recurring', 'usage'] });
  });

  it('refuses a percentage above 100 and an unknown discount level', async () => {
    for (const fields of [
      { DiscountLevel: 'galaxy', ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', DiscountPercentage: 10 }] } },
      { ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', DiscountPercentage: 150 }] } },
    ]) {
      const refused = await env.zuora.post('/v1/object/product-rate-plan-charge', { ProductRatePlanId: promo.planId, Name: 'Bad', ChargeType: 'Recurring', ChargeModel: 'Discount-Percentage', BillingPeriod: 'Month', ...fields });
      expect(refused.status, JSON.stringify(fields)).toBe(400);
    }
  });
});

describe('discounts on subscriptions and invoices', () => {
  it('takes a fixed amount off each period, and shows it in a preview', async () => {
    const { number } = await subscribe([{ productRatePlanId: catalog.support.planId }, { productRatePlanId: promo.fixedPlanId }], {});
    const preview = await env.zuora.post(`/v1/subscriptions/${number}/preview`, { previewThroughDate: { previewThruDatePolicy: 'nextBillingPeriods', nextBillingPeriods: 1 } });
    expect(preview.body.success, JSON.stringify(preview.body)).toBe(true);
    const items = preview.body.invoiceItems ?? preview.body.invoices?.[0]?.invoiceItems;
    // Nothing billed yet: the period from 15 January and the next one, each $50 less $5.
    expect(items.map((item: any) => [item.chargeName, item.processingType, item.amountWithoutTax, item.serviceStartDate])).toEqual([
      ['Support fee', 'Charge', 50, '2026-01-15'],
      ['Support fee', 'Charge', 50, '2026-02-15'],
      ['Loyalty credit', 'Discount', -5, '2026-01-15'],
      ['Loyalty credit', 'Discount', -5, '2026-02-15'],
    ]);
  });

  // Runs last: it moves the tenant clock to March.
  it('takes an ordered percentage off each period while it lasts, and shows it on the subscription read', async () => {
    // Pro: $30 fee + 1 seat at $10 = $40 a month. The order overrides the discount to 20% for 2 months.
    const { account, number } = await subscribe([
      { productRatePlanId: catalog.pro.planId },
      {
        productRatePlanId: promo.planId,
        chargeOverrides: [{ productRatePlanChargeId: promo.percentId, pricing: { discount: { discountPercentage: 20 } }, endDate: { endDateCondition: 'Fixed_Period', upToPeriods: 2, upToPeriodsType: 'Months' } }],
      },
    ]);
    const read = (await env.zuora.get(`/v1/subscriptions/${number}`)).body;
    const charge = read.ratePlans.flatMap((plan: any) => plan.ratePlanCharges).find((each: any) => each.name === 'Launch discount');
    expect(charge).toMatchObject({
      model: 'DiscountPercentage',
      discountPercentage: 20,
      discountAmount: null,
      price: null,
      applyDiscountTo: 'RECURRING',
      discountLevel: 'subscription',
      endDateCondition: 'Fixed_Period',
      upToPeriods: 2,
      upToPeriodsType: 'Months',
      effectiveStartDate: '2026-01-15',
      effectiveEndDate: '2026-03-15',
      pricingSummary: '20%  discount',
      mrr: 0,
    });
    await env.admin.post('/clock/advance', { to: '2026-03-15T06:00:00Z' });
    // January and February: $40 less 20% ($8); from 15 March the discount has ended.
    expect(await invoiceLines(account)).toEqual([
      [
        ['Platform fee', 'Charge', 30, '2026-01-15'],
        ['Seats', 'Charge', 10, '2026-01-15'],
        ['Launch discount', 'Discount', -8, '2026-01-15'],
      ],
      [
        ['Platform fee', 'Charge', 30, '2026-02-15'],
        ['Seats', 'Charge', 10, '2026-02-15'],
        ['Launch discount', 'Discount', -8, '2026-02-15'],
      ],
      [
        ['Platform fee', 'Charge', 30, '2026-03-15'],
        ['Seats', 'Charge', 10, '2026-03-15'],
      ],
    ]);
  });
});
