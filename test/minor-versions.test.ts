import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, adminClient, tenantClient, useEmulator, type TenantClient } from './helpers/emulator.js';
import { EVERGREEN_TERMS, newSubscriptionOrder } from './helpers/orders.js';

// Zuora-Version on a request picks the wire shape; without it the tenant's default (the
// `zuoraVersion` setting, 211.0 unless changed) applies. POST /v1/orders lists `subscriptionNumbers`
// up to 222.4 and `subscriptions: [{subscriptionNumber, status}]` from 223.0.

const env = useEmulator({ now: '2026-01-15T10:00:00.000Z' });
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

async function order(zuora: TenantClient, headers: Record<string, string> = {}, planId = catalog.support.planId) {
  const account = (await zuora.post('/v2/accounts', accountBody())).body.account_number as string;
  return zuora.post('/v1/orders', newSubscriptionOrder(account, [{ productRatePlanId: planId }], { terms: EVERGREEN_TERMS }), headers);
}

describe('POST /v1/orders by minor version', () => {
  it('lists subscriptionNumbers in the tenant default version (211.0) and up to 222.4', async () => {
    const versions: Array<Record<string, string>> = [{}, { 'Zuora-Version': '222.4' }, { 'Zuora-Version': '196.0' }];
    for (const headers of versions) {
      const { body } = await order(env.zuora, headers);
      expect(body, JSON.stringify(headers)).toMatchObject({ success: true, subscriptionNumbers: [expect.stringMatching(/^A-S\d{8}$/)], status: 'Completed' });
      expect(body.subscriptions, JSON.stringify(headers)).toBeUndefined();
      expect(body.accountNumber).toMatch(/^A\d{8}$/);
      expect(body.orderNumber).toMatch(/^O-\d{8}$/);
    }
  });

  it('lists subscriptions with their status from 223.0', async () => {
    const { body } = await order(env.zuora, { 'Zuora-Version': '223.0' });
    expect(body.subscriptions).toEqual([{ subscriptionNumber: expect.stringMatching(/^A-S\d{8}$/), status: 'Active' }]);
    expect(body.subscriptionNumbers).toBeUndefined();
  });

  it('refuses a malformed or unknown version on any V1 call, writing nothing', async () => {
    const before = (await env.zuora.get('/v1/orders')).body.orders.length;
    for (const version of ['abc', '223', '999.0', '100.0']) {
      const { status, body } = await order(env.zuora, { 'Zuora-Version': version });
      expect(status, version).toBe(200);
      expect(body, version).toEqual({ success: false, processId: expect.any(String), reasons: [{ code: 50000020, message: expect.stringContaining(`'${version}'`) }] });
    }
    const read = await env.zuora.get('/v1/accounts/A00000001', { 'Zuora-Version': 'x.y' });
    expect(read.body.reasons[0].code).toBe(50000020);
    // Only the accounts the refused orders created before their order came in: no order was written.
    expect((await env.zuora.get('/v1/orders')).body.orders.length).toBe(before);
  });
});

describe('version-gated fields beyond orders (emulator/api/v1/versionGates.ts)', () => {
  it("lists a catalog product's rate plans up to 229.0, and names them by URL from 230.0", async () => {
    const product = catalog.productId;
    const old = (await env.zuora.get(`/v1/catalog/products/${product}`, { 'Zuora-Version': '229.0' })).body;
    expect(old.productRatePlans).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Pro', productRatePlanCharges: expect.any(Array) })]));
    expect((await env.zuora.get(`/v1/catalog/products/${product}`)).body.productRatePlans).toEqual(old.productRatePlans);
    const newer = (await env.zuora.get(`/v1/catalog/products/${product}`, { 'Zuora-Version': '230.0' })).body;
    expect(newer).toMatchObject({ success: true, id: product, productRatePlans: `/v1/rateplan/${product}/productRatePlan` });
    const listed = (await env.zuora.get('/v1/catalog/products', { 'Zuora-Version': '341.0' })).body.products;
    expect(listed.find((entry: any) => entry.id === product).productRatePlans).toBe(`/v1/rateplan/${product}/productRatePlan`);
  });

  it("adds each order preview item's taxation items from 309.0", async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number as string;
    const preview = (headers: Record<string, string>) =>
      env.zuora.post(
        '/v1/orders/preview',
        {
          ...newSubscriptionOrder(account, [{ productRatePlanId: catalog.support.planId }]),
          previewOptions: { previewThruType: 'SpecificDate', specificPreviewThruDate: '2026-02-15', previewTypes: ['BillingDocs'] },
        },
        headers,
      );
    const before = (await preview({ 'Zuora-Version': '308.0' })).body.previewResult.invoices[0].invoiceItems[0];
    expect(before).toMatchObject({ chargeName: 'Support fee' });
    expect(before).not.toHaveProperty('taxationItems');
    const after = (await preview({ 'Zuora-Version': '309.0' })).body.previewResult.invoices[0].invoiceItems[0];
    // The emulator computes no tax, so the list is empty.
    expect(after).toMatchObject({ chargeName: 'Support fee', taxationItems: [] });
  });
});

describe('the tenant default version', () => {
  it('is a tenant setting: zuoraVersion on tenant create and PATCH /__emulator/settings', async () => {
    await env.admin.post('/tenants', { clientId: 'version-tenant', clientSecret: 's', presetCustomFields: true, settings: { zuoraVersion: '223.0' } });
    const other = await tenantClient(env.url, 'version-tenant', 's');
    const plan = (await createTestCatalog(other)).support.planId;
    expect((await order(other, {}, plan)).body.subscriptions).toHaveLength(1);
    const admin = adminClient(env.url, 'version-tenant');
    expect((await admin.patch('/settings', { zuoraVersion: '211.0' })).body.zuoraVersion).toBe('211.0');
    expect((await order(other, {}, plan)).body.subscriptionNumbers).toHaveLength(1);
  });

  it('refuses a version Zuora does not serve', async () => {
    const { status } = await env.admin.patch('/settings', { zuoraVersion: '999.0' });
    expect(status).toBe(400);
    expect((await env.admin.get('/settings')).body.zuoraVersion).toBe('211.0');
  });
});

describe('startEmulator({ zuoraVersion }) (the CLI flag --zuora-version)', () => {
  let started: RunningEmulator | undefined;
  afterAll(async () => {
    await started?.close();
  });

  it("sets the default tenant's default version", async () => {
    started = await startEmulator({ inMemory: true, port: 0, zuoraVersion: '223.0' });
    expect((await adminClient(started.url, undefined, started.adminToken).get('/settings')).body.zuoraVersion).toBe('223.0');
    await expect(startEmulator({ inMemory: true, port: 0, zuoraVersion: '2.0' })).rejects.toThrow(/not a minor version/);
  });
});
