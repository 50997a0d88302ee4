import type { Step, Suite } from './types.js';

/** A V1 CRUD charge; fields beyond these come from the caller. */
function charge(name: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    ProductRatePlanId: '${plan.id}',
    Name: name,
    ChargeType: 'Recurring',
    BillingPeriod: 'Month',
    BillCycleType: 'DefaultFromCustomer',
    TriggerEvent: 'ContractEffective',
    // Required by the V1 spec; false keeps the tenant's default accounting codes.
    UseDiscountSpecificAccountingCode: false,
    ...fields,
  };
}

const price = (amount: number) => ({ ProductRatePlanChargeTier: [{ Currency: 'USD', Price: amount }] });

const createCharge = (name: string, as: string, body: Record<string, unknown>): Step => ({
  name: `create ${name} charge (V1)`,
  method: 'POST',
  path: '/v1/object/product-rate-plan-charge',
  body,
  as,
});

const createPlan = (name: string, as: string): Step => ({
  name: `create ${name} plan`,
  method: 'POST',
  path: '/v2/plans',
  body: { name: `\${prefix} ${name}`, product_id: '${product.id}' },
  status: 201,
  as,
});

/**
 * The catalog the platform syncs: units of measure, a product, plans, V1 charges, and Quickstart
 * price reads and updates. Later suites subscribe to what this one creates.
 */
export const catalogSuite: Suite = {
  name: 'catalog',
  description: 'units of measure, products, plans, V1 charges and Quickstart prices',
  steps: [
    { name: 'create seat unit of measure', method: 'POST', path: '/v1/object/unit-of-measure', body: { UomName: '${uomPrefix}-seat', DisplayedAs: 'seat', DecimalPlaces: 0, RoundingMode: 'UP' } },
    { name: 'create call unit of measure', method: 'POST', path: '/v1/object/unit-of-measure', body: { UomName: '${uomPrefix}-call', DisplayedAs: 'call', DecimalPlaces: 0, RoundingMode: 'UP' } },
    {
      name: 'create product',
      method: 'POST',
      path: '/v2/products',
      body: { name: '${prefix} product', description: 'Created by zuora-emulator contract run ${runId}' },
      status: 201,
      as: 'product',
    },
    { name: 'get product', method: 'GET', path: '/v2/products/:product_id', params: { product_id: '${product.id}' } },
    { name: 'patch product', method: 'PATCH', path: '/v2/products/:product_id', params: { product_id: '${product.id}' }, body: { description: 'Patched by contract run ${runId}' } },
    createPlan('Pro', 'plan'),
    { name: 'get plan', method: 'GET', path: '/v2/plans/:plan_id', params: { plan_id: '${plan.id}' } },
    createCharge('platform fee', 'fee', charge('Platform fee', { ChargeModel: 'Flat Fee Pricing', ProductRatePlanChargeTierData: price(30) })),
    createCharge(
      'per-seat',
      'seats',
      charge('Seats', { ChargeModel: 'Per Unit Pricing', UOM: '${uomPrefix}-seat', DefaultQuantity: 1, ProductRatePlanChargeTierData: price(10) }),
    ),
    {
      name: 'get charge (V1)',
      method: 'GET',
      path: '/v1/product-rate-plan-charges/:charge_key',
      params: { charge_key: '${seats.Id}' },
    },
    { name: 'get price', method: 'GET', path: '/v2/prices/:price_id', params: { price_id: '${seats.Id}' } },
    { name: 'patch price', method: 'PATCH', path: '/v2/prices/:price_id', params: { price_id: '${seats.Id}' }, body: { unit_amounts: { USD: 12 } } },
    { name: 'list catalog (V1)', method: 'GET', path: '/v1/catalog/products', query: { pageSize: '5' } },
    { name: 'get catalog product (V1)', method: 'GET', path: '/v1/catalog/products/:product_key', params: { product_key: '${product.id}' } },
    { name: "list the product's rate plans (V1)", method: 'GET', path: '/v1/products/:product_key/product-rate-plans', params: { product_key: '${product.id}' } },
    { name: 'get rate plan (V1)', method: 'GET', path: '/v1/product-rate-plans/:id', params: { id: '${plan.id}' } },
    createPlan('Support add-on', 'addon'),
    createCharge(
      'support fee',
      'addonFee',
      { ...charge('Support fee', { ChargeModel: 'Flat Fee Pricing', ProductRatePlanChargeTierData: price(50) }), ProductRatePlanId: '${addon.id}' },
    ),
    createCharge(
      'API-call usage',
      'calls',
      charge('API calls', { ChargeType: 'Usage', ChargeModel: 'Per Unit Pricing', UOM: '${uomPrefix}-call', ProductRatePlanChargeTierData: price(0.01) }),
    ),
  ],
};

/** The platform's custom fields, defined the way the seeds do it (no saved Zuora spec has this call). */
export const customFieldsSuite: Suite = {
  name: 'custom-fields',
  description: 'custom field definitions on Account, Product and Subscription',
  steps: ['account', 'product', 'subscription'].map((object) => ({
    name: `define ${object} custom field`,
    method: 'PUT' as const,
    path: '/objects/definitions/:object_type',
    params: { object_type: object },
    // One fixed name, not one per run: a definition is tenant-wide and cannot be removed again.
    body: { properties: { zemuContractProbe: { type: 'string', maxLength: 255, label: 'zuora-emulator contract probe' } } },
  })),
};
