import type { TenantClient } from './emulator.js';

export interface TestCatalog {
  productId: string;
  /** Pro plan: $30/month platform fee + $10/seat/month (default 1 seat, 1..100). */
  pro: { planId: string; planNumber: string; flatFeeId: string; seatsId: string };
  /** Basic plan: $5/seat/month. */
  basic: { planId: string; seatsId: string };
  /** Support add-on: $50/month flat. */
  support: { planId: string; feeId: string };
  /** Annual plan: $1200/year flat. */
  annual: { planId: string; feeId: string };
  /** Metered plan: API calls at $0.01 each, billed monthly in arrears. */
  metered: { planId: string; callsId: string };
}

async function created(promise: Promise<{ status: number; body: { id?: string; Id?: string } }>): Promise<string> {
  const response = await promise;
  const id = response.body.id ?? response.body.Id;
  if (!id) throw new Error(`catalog setup failed (${response.status}): ${JSON.stringify(response.body)}`);
  return id;
}

function charge(planId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    ProductRatePlanId: planId,
    ChargeType: 'Recurring',
    BillingPeriod: 'Month',
    BillCycleType: 'DefaultFromCustomer',
    TriggerEvent: 'ContractEffective',
    ...fields,
  };
}

const price = (amount: number) => ({ ProductRatePlanChargeTier: [{ Currency: 'USD', Price: amount }] });

/** Sets up a small catalog through the public API, as a platform would. */
export async function createTestCatalog(zuora: TenantClient): Promise<TestCatalog> {
  await zuora.post('/v1/object/unit-of-measure', { UomName: 'seat' });
  const productId = await created(zuora.post('/v2/products', { name: 'Acme' }));
  const proPlan = await zuora.post('/v2/plans', { name: 'Pro', product_id: productId });
  const pro = {
    planId: proPlan.body.id as string,
    planNumber: proPlan.body.plan_number as string,
    flatFeeId: await created(zuora.post('/v1/object/product-rate-plan-charge', charge(proPlan.body.id, { Name: 'Platform fee', ChargeModel: 'Flat Fee Pricing', ProductRatePlanChargeTierData: price(30) }))),
    seatsId: await created(
      zuora.post(
        '/v1/object/product-rate-plan-charge',
        charge(proPlan.body.id, { Name: 'Seats', ChargeModel: 'Per Unit Pricing', UOM: 'seat', DefaultQuantity: 1, MinQuantity: 1, MaxQuantity: 100, ProductRatePlanChargeTierData: price(10) }),
      ),
    ),
  };
  const basicPlanId = await created(zuora.post('/v2/plans', { name: 'Basic', product_id: productId }));
  const basic = {
    planId: basicPlanId,
    seatsId: await created(zuora.post('/v1/object/product-rate-plan-charge', charge(basicPlanId, { Name: 'Seats', ChargeModel: 'Per Unit Pricing', UOM: 'seat', DefaultQuantity: 1, ProductRatePlanChargeTierData: price(5) }))),
  };
  const supportPlanId = await created(zuora.post('/v2/plans', { name: 'Priority support', product_id: productId }));
  const support = {
    planId: supportPlanId,
    feeId: await created(zuora.post('/v1/object/product-rate-plan-charge', charge(supportPlanId, { Name: 'Support fee', ChargeModel: 'Flat Fee Pricing', ProductRatePlanChargeTierData: price(50) }))),
  };
  const annualPlanId = await created(zuora.post('/v2/plans', { name: 'Pro annual', product_id: productId }));
  const annual = {
    planId: annualPlanId,
    feeId: await created(zuora.post('/v1/object/product-rate-plan-charge', charge(annualPlanId, { Name: 'Annual fee', ChargeModel: 'Flat Fee Pricing', BillingPeriod: 'Annual', ProductRatePlanChargeTierData: price(1200) }))),
  };
  await zuora.post('/v1/object/unit-of-measure', { UomName: 'call' });
  const meteredPlanId = await created(zuora.post('/v2/plans', { name: 'API access', product_id: productId }));
  const metered = {
    planId: meteredPlanId,
    callsId: await created(
      zuora.post('/v1/object/product-rate-plan-charge', charge(meteredPlanId, { Name: 'API calls', ChargeType: 'Usage', ChargeModel: 'Per Unit Pricing', UOM: 'call', ProductRatePlanChargeTierData: price(0.01) })),
    ),
  };
  return { productId, pro, basic, support, annual, metered };
}
