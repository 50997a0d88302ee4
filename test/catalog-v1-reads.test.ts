import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { useTenant } from './helpers/emulator.js';

// V1 catalog reads over the catalog the Quickstart and CRUD APIs built (test/helpers/catalog.ts).
const env = useTenant({ now: '2026-02-01T00:00:00.000Z' });
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

describe('V1 catalog reads', () => {
  it('lists products with their plans and charges nested', async () => {
    const { status, body } = await env.zuora.get('/v1/catalog/products');
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    const acme = body.products.find((product: { id: string }) => product.id === catalog.productId);
    expect(acme).toMatchObject({ name: 'Acme', category: 'Base Products', effectiveEndDate: '2099-12-31', tags: null });
    const pro = acme.productRatePlans.find((plan: { id: string }) => plan.id === catalog.pro.planId);
    expect(pro).toMatchObject({ name: 'Pro', status: 'Active', productRatePlanNumber: catalog.pro.planNumber });
    const charges = pro.productRatePlanCharges.map((charge: { name: string; model: string; pricing: Array<{ currency: string; price: number }> }) => [
      charge.name,
      charge.model,
      charge.pricing[0]?.currency,
      charge.pricing[0]?.price,
    ]);
    expect(charges).toEqual([
      ['Platform fee', 'FlatFee', 'USD', 30],
      ['Seats', 'PerUnit', 'USD', 10],
    ]);
  });

  it('pages the product list', async () => {
    await env.zuora.post('/v2/products', { name: 'Second' });
    const first = await env.zuora.get('/v1/catalog/products?pageSize=1');
    expect(first.body.products).toHaveLength(1);
    expect(first.body.nextPage).toBe('/v1/catalog/products?page=2&pageSize=1');
    const second = await env.zuora.get('/v1/catalog/products?page=2&pageSize=1');
    expect(second.body.products[0].name).toBe('Second');
    expect(second.body.nextPage).toBeNull();
  });

  it('reads a product by id or SKU', async () => {
    const { body: byId } = await env.zuora.get(`/v1/catalog/products/${catalog.productId}`);
    expect(byId).toMatchObject({ success: true, id: catalog.productId, name: 'Acme' });
    const { body: bySku } = await env.zuora.get(`/v1/catalog/products/${byId.sku}`);
    expect(bySku.id).toBe(catalog.productId);
    expect(bySku.productRatePlans.map((plan: { name: string }) => plan.name)).toEqual(['Pro', 'Basic', 'Priority support', 'Pro annual', 'API access']);
  });

  it("lists a product's rate plans with charges, and reads one plan", async () => {
    const { body } = await env.zuora.get(`/v1/products/${catalog.productId}/product-rate-plans`);
    expect(body.success).toBe(true);
    const basic = body.productRatePlans.find((plan: { id: string }) => plan.id === catalog.basic.planId);
    expect(basic.productRatePlanCharges.map((charge: { id: string }) => charge.id)).toEqual([catalog.basic.seatsId]);
    const plan = await env.zuora.get(`/v1/product-rate-plans/${catalog.support.planId}`);
    expect(plan.body).toMatchObject({ success: true, id: catalog.support.planId, name: 'Priority support', status: 'Active', grade: null });
    expect(plan.body).not.toHaveProperty('productRatePlanCharges');
  });

  it('shows a plan that ended as Expired and one that starts later as NotStarted', async () => {
    const ended = await env.zuora.post('/v2/plans', { name: 'Old', product_id: catalog.productId, start_date: '2025-01-01', end_date: '2025-12-31' });
    const later = await env.zuora.post('/v2/plans', { name: 'Future', product_id: catalog.productId, start_date: '2026-06-01' });
    expect((await env.zuora.get(`/v1/product-rate-plans/${ended.body.id}`)).body.status).toBe('Expired');
    expect((await env.zuora.get(`/v1/product-rate-plans/${later.body.id}`)).body.status).toBe('NotStarted');
  });

  it('answers an unknown product or plan with a V1 not-found error', async () => {
    for (const path of ['/v1/catalog/products/nope', '/v1/products/nope/product-rate-plans', '/v1/product-rate-plans/nope']) {
      const { status, body } = await env.zuora.get(path);
      expect(status).toBe(200);
      expect(body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
    }
  });
});
