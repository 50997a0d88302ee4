import { beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, defineCustomFields, tenantClient, useEmulator } from './helpers/emulator.js';

// Zuora refuses custom fields it has no definition for; the emulator does the same unless the
// tenant is lenient. Standard fields are never affected.
const START = '2026-01-15T10:00:00.000Z';
const env = useEmulator({ now: START });
let catalog: TestCatalog;

beforeEach(async () => {
  await env.admin.patch('/settings', { customFields: 'strict' });
  await env.admin.post('/reset', { now: START });
  catalog = await createTestCatalog(env.zuora);
});

const accountCount = async (): Promise<number> => (await env.zuora.get('/v2/accounts?page_size=99')).body.data.length;

describe('undefined custom fields are refused', () => {
  it('Quickstart: 400 invalid_parameter naming the field, and nothing written', async () => {
    const response = await env.zuora.post('/v2/accounts', accountBody({ custom_fields: { stiggCustomerId__c: 'c-1', Region__c: 'EMEA' } }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: 'bad_request',
      errors: [{ code: 'invalid_parameter', parameter: 'custom_fields.Region__c', message: expect.stringContaining('Region__c') }],
      retryable: false,
    });
    expect(await accountCount()).toBe(0);
  });

  it("V1: HTTP 200, success false, the resource's unknown-field code (category 21)", async () => {
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    const response = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      existingAccountNumber: account.account_number,
      subscriptions: [
        {
          customFields: { Channel__c: 'partner' },
          orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] } }],
        },
      ],
    });
    expect(response.status).toBe(200);
    // Subscription's resource code 531000, category 21: 531000 x 100 + 21.
    expect(response.body).toMatchObject({ success: false, reasons: [{ code: 53100021, message: expect.stringContaining('Channel__c') }] });
    expect((await env.zuora.get('/v1/orders')).body.orders).toEqual([]);
  });

  it('CRUD (/v1/object): 400 INVALID_FIELD', async () => {
    const response = await env.zuora.post('/v1/object/product-rate-plan-charge', {
      ProductRatePlanId: catalog.support.planId,
      Name: 'Setup',
      ChargeType: 'OneTime',
      ChargeModel: 'Flat Fee Pricing',
      TriggerEvent: 'ContractEffective',
      ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 99 }] },
      tierCode__c: 'A1',
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ success: false, errors: [{ code: 'INVALID_FIELD', message: expect.stringContaining('tierCode__c') }] });
  });

  it('accepts the field once it is defined', async () => {
    await defineCustomFields(env.zuora, { Account: ['Region__c'] });
    const response = await env.zuora.post('/v2/accounts', accountBody({ custom_fields: { Region__c: 'EMEA' } }));
    expect(response.status).toBe(201);
    expect(response.body.custom_fields).toMatchObject({ Region__c: 'EMEA' });
    expect(response.headers.get('zuora-emulator-warning')).toBeNull();
  });
});

describe('the platform fields of the default tenant', () => {
  it("are defined from the start and after a reset, so the README's first account works", async () => {
    const definition = await env.zuora.get('/objects/definitions/default/account');
    expect(Object.keys(definition.body.schema.properties).sort()).toEqual(['stiggCustomerId__c', 'stiggEntityUrl__c']);
    const response = await env.zuora.post('/v2/accounts', {
      name: 'Acme',
      currency: 'USD',
      bill_to: { first_name: 'Ada', last_name: 'Lovelace' },
      custom_fields: { stiggCustomerId__c: 'cust-1' },
    });
    expect(response.status).toBe(201);
  });

  it('are not on a new tenant unless it asks presetCustomFields', async () => {
    await env.admin.post('/tenants', { clientId: 'tenant-bare', clientSecret: 'bare-secret' });
    const bare = await tenantClient(env.url, 'tenant-bare', 'bare-secret');
    const refused = await bare.post('/v2/accounts', accountBody());
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].parameter).toMatch(/^custom_fields\.stigg(CustomerId|EntityUrl)__c$/);
    await env.admin.post('/tenants', { clientId: 'tenant-preset', clientSecret: 'preset-secret', presetCustomFields: true });
    const preset = await tenantClient(env.url, 'tenant-preset', 'preset-secret');
    expect((await preset.post('/v2/accounts', accountBody())).status).toBe(201);
  });
});

describe('a lenient tenant', () => {
  it('accepts undefined fields, keeps them, and warns in Zuora-Emulator-Warning', async () => {
    expect((await env.admin.patch('/settings', { customFields: 'lenient' })).body.customFields).toBe('lenient');
    const response = await env.zuora.post('/v2/accounts', accountBody({ custom_fields: { stiggCustomerId__c: 'c-1', Region__c: 'EMEA' } }));
    expect(response.status).toBe(201);
    expect(response.headers.get('zuora-emulator-warning')).toBe("custom field 'Region__c' is not defined on Account; accepted because customFields is lenient");
    const read = await env.zuora.get(`/v1/accounts/${response.body.account_number}`);
    expect(read.body.basicInfo).toMatchObject({ Region__c: 'EMEA', stiggCustomerId__c: 'c-1' });
    // A request with only defined fields carries no warning.
    expect((await env.zuora.post('/v2/accounts', accountBody())).headers.get('zuora-emulator-warning')).toBeNull();
  });
});
