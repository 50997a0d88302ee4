import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, ORDERS_223, useTenant } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';
import { useReceiver } from './helpers/receiver.js';
import { renameCallout } from './helpers/renameCallout.js';

// CRUD writes (/v1/object/*): POST, PUT and DELETE with capitalised fields, the `{Success, Id}`
// answers, `rejectUnknownFields`, and CRUD's error shape. Each change is read back through another API.
const env = useTenant({ now: '2026-05-01T00:00:00.000Z' });
const receiver = useReceiver();
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

const idOf = (response: { status: number; body: { Success?: boolean; Id?: string } }): string => {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.Success).toBe(true);
  return response.body.Id as string;
};

/** A Draft account and its contact, then made Active with the contact as bill-to and sold-to: CRUD's own order. */
async function crudAccount(name: string): Promise<{ accountId: string; contactId: string }> {
  const accountId = idOf(await env.zuora.post('/v1/object/account', { Name: name, Currency: 'USD', BillCycleDay: 1, Status: 'Draft' }));
  const contactId = idOf(await env.zuora.post('/v1/object/contact', { AccountId: accountId, FirstName: 'Ada', LastName: 'Lovelace', WorkEmail: 'ada@example.com' }));
  idOf(await env.zuora.put(`/v1/object/account/${accountId}`, { BillToId: contactId, SoldToId: contactId, Status: 'Active' }));
  return { accountId, contactId };
}

describe('CRUD accounts and contacts', () => {
  it('creates a Draft account without the balances the 2017 spec lists as required, then activates it with its contact', async () => {
    const { accountId, contactId } = await crudAccount('Crud Writes Co');
    const crud = (await env.zuora.get(`/v1/object/account/${accountId}`)).body;
    expect(crud).toMatchObject({ Id: accountId, Name: 'Crud Writes Co', Status: 'Active', BillToId: contactId, SoldToId: contactId, Balance: 0 });
    const rest = (await env.zuora.get(`/v1/accounts/${accountId}`)).body;
    expect(rest.billToContact).toMatchObject({ id: contactId, firstName: 'Ada', workEmail: 'ada@example.com' });
    expect((await env.zuora.get(`/v2/accounts/${accountId}`)).body).toMatchObject({ name: 'Crud Writes Co', enabled: true });
  });

  it('refuses an Active account without contacts, and activating a Draft one before it has them, changing nothing', async () => {
    const before = (await env.zuora.get('/object-query/accounts?pageSize=99')).body.data.length;
    const active = await env.zuora.post('/v1/object/account', { Name: 'Too soon', Currency: 'USD', BillCycleDay: 1, Status: 'Active' });
    expect(active.status).toBe(400);
    expect(active.body).toEqual({ success: false, errors: [{ code: 'MISSING_REQUIRED_VALUE', message: expect.stringContaining('BillToId') }] });
    expect((await env.zuora.get('/object-query/accounts?pageSize=99')).body.data.length).toBe(before);

    const draftId = idOf(await env.zuora.post('/v1/object/account', { Name: 'Draft Co', Currency: 'USD', BillCycleDay: 5, Status: 'Draft' }));
    const activate = await env.zuora.put(`/v1/object/account/${draftId}`, { Status: 'Active', Name: 'Renamed' });
    expect(activate.status).toBe(400);
    expect(activate.body.errors[0].code).toBe('INVALID_VALUE');
    expect((await env.zuora.get(`/v1/object/account/${draftId}`)).body).toMatchObject({ Name: 'Draft Co', Status: 'Draft' });
    // A Draft account without contacts still reads through V1, with no contacts.
    const rest = (await env.zuora.get(`/v1/accounts/${draftId}`)).body;
    expect(rest).toMatchObject({ success: true, billToContact: null, soldToContact: null });
  });

  it('requires what Zuora requires (Name, Currency, BillCycleDay, Status) with the CRUD error shape', async () => {
    const { status, body } = await env.zuora.post('/v1/object/account', { Currency: 'USD', BillCycleDay: 1, Status: 'Draft' });
    expect(status).toBe(400);
    expect(body).toEqual({ success: false, errors: [{ code: 'MISSING_REQUIRED_VALUE', message: expect.stringContaining('Name') }] });
    const wrongType = await env.zuora.post('/v1/object/account', { Name: 'X', Currency: 'USD', BillCycleDay: 'first', Status: 'Draft' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0].code).toBe('INVALID_VALUE');
  });

  it('ignores unknown fields unless rejectUnknownFields=true, which refuses them and changes nothing', async () => {
    const { accountId } = await crudAccount('Unknowns Co');
    idOf(await env.zuora.put(`/v1/object/account/${accountId}`, { Notes: 'kept', NoSuchField: 1 }));
    expect((await env.zuora.get(`/v1/object/account/${accountId}`)).body.Notes).toBe('kept');
    const refused = await env.zuora.put(`/v1/object/account/${accountId}?rejectUnknownFields=true`, { Notes: 'lost', NoSuchField: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: 'Error - unrecognised fields' });
    expect((await env.zuora.get(`/v1/object/account/${accountId}`)).body.Notes).toBe('kept');
  });

  it('updates a contact, keeps the bill-to contact, and deletes another one', async () => {
    const { accountId, contactId } = await crudAccount('Contacts Co');
    idOf(await env.zuora.put(`/v1/object/contact/${contactId}`, { City: 'London', NickName: 'Countess' }));
    expect((await env.zuora.get(`/v1/contacts/${contactId}`)).body).toMatchObject({ city: 'London', nickname: 'Countess' });

    const kept = await env.zuora.delete(`/v1/object/contact/${contactId}`);
    expect(kept.status).toBe(400);
    expect(kept.body.errors[0].code).toBe('INVALID_VALUE');

    const otherId = idOf(await env.zuora.post('/v1/object/contact', { AccountId: accountId, FirstName: 'Charles', LastName: 'Babbage' }));
    const deleted = await env.zuora.delete(`/v1/object/contact/${otherId}`);
    expect(deleted).toMatchObject({ status: 200, body: { success: true, id: otherId } });
    expect((await env.zuora.get(`/v1/object/contact/${otherId}`)).body).toEqual({ done: true, records: [], size: 0 });
  });

  it('raises the events of the change, as the REST update would, and none for a refused one', async () => {
    await renameCallout(env.zuora, receiver.url, 'CrudAccountRenamed');
    const { accountId } = await crudAccount('Before Co');
    receiver.reset();
    await env.zuora.put(`/v1/object/account/${accountId}?rejectUnknownFields=true`, { Name: 'Refused Co', Bogus: 1 });
    idOf(await env.zuora.put(`/v1/object/account/${accountId}`, { Name: 'After Co' }));
    await env.admin.post('/clock/advance', { by: 'PT0S' });
    expect(receiver.at('/renamed').map((request) => request.body)).toEqual([{ AccountId: accountId, Name: 'After Co' }]);
  });

  it('answers writes to an unknown record with CRUD errors, not the no-data shape', async () => {
    const missing = '0123456789abcdef0123456789abcdef';
    const put = await env.zuora.put(`/v1/object/account/${missing}`, { Notes: 'x' });
    expect(put).toMatchObject({ status: 400, body: { success: false, errors: [{ code: 'INVALID_ID' }] } });
    const contact = await env.zuora.post('/v1/object/contact', { AccountId: missing, FirstName: 'A', LastName: 'B' });
    expect(contact).toMatchObject({ status: 400, body: { errors: [{ code: 'INVALID_VALUE' }] } });
  });
});

describe('CRUD payment methods and payments', () => {
  it('creates a card payment method through the gateway simulator, edits its expiry and closes it on delete', async () => {
    const { accountId } = await crudAccount('Card Co');
    const methodId = idOf(
      await env.zuora.post('/v1/object/payment-method', {
        AccountId: accountId,
        Type: 'CreditCard',
        CreditCardNumber: '4242424242424242',
        CreditCardExpirationMonth: 12,
        CreditCardExpirationYear: 2030,
        CreditCardHolderName: 'Ada Lovelace',
      }),
    );
    expect((await env.zuora.get(`/v1/object/payment-method/${methodId}`)).body).toMatchObject({ AccountId: accountId, Type: 'CreditCard', CreditCardMaskNumber: expect.stringContaining('4242') });
    idOf(await env.zuora.put(`/v1/object/payment-method/${methodId}`, { CreditCardExpirationYear: 2031 }));
    expect((await env.zuora.get(`/v2/payment_methods/${methodId}`)).body.card).toMatchObject({ expiry_year: 2031 });
    expect(await env.zuora.delete(`/v1/object/payment-method/${methodId}`)).toMatchObject({ status: 200, body: { success: true, id: methodId } });
    expect((await env.zuora.get(`/v1/object/payment-method/${methodId}`)).body).toMatchObject({ PaymentMethodStatus: 'Closed', Active: false });
  });

  it('refuses a payment method of a type the gateway simulator does not take, and a card without its number', async () => {
    const { accountId } = await crudAccount('Check Co');
    const check = await env.zuora.post('/v1/object/payment-method', { AccountId: accountId, Type: 'PayPal' });
    expect(check).toMatchObject({ status: 400, body: { errors: [{ code: 'INVALID_VALUE' }] } });
    const noNumber = await env.zuora.post('/v1/object/payment-method', { AccountId: accountId, Type: 'CreditCard', CreditCardExpirationMonth: 1, CreditCardExpirationYear: 2030 });
    expect(noNumber).toMatchObject({ status: 400, body: { errors: [{ code: 'MISSING_REQUIRED_VALUE' }] } });
    expect((await env.zuora.get(`/object-query/payment-methods?filter[]=accountId.EQ:${accountId}`)).body.data).toEqual([]);
  });

  it('records an external payment against an invoice without the gateway fields, cancels it (the invoice owes again) and deletes it', async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Payer Co' }))).body;
    const order = await env.zuora.post(
      '/v1/orders',
      {
        orderDate: '2026-05-01',
        existingAccountNumber: account.account_number,
        processingOptions: { runBilling: true },
        subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] } }] }],
      },
      ORDERS_223,
    );
    const invoiceNumber = order.body.invoiceNumbers[0] as string;
    const invoiceId = (await env.zuora.get(`/v1/invoices/${invoiceNumber}`)).body.id as string;

    const paymentId = idOf(
      await env.zuora.post('/v1/object/payment', { AccountId: account.id, Amount: 50, EffectiveDate: '2026-05-01', Type: 'External', Status: 'Processed', InvoiceId: invoiceId, AppliedInvoiceAmount: 50 }),
    );
    // Support is $50/month flat: the invoice is paid in full.
    expect((await env.zuora.get(`/v1/invoices/${invoiceNumber}`)).body.balance).toBe(0);
    const processed = await env.zuora.delete(`/v1/object/payment/${paymentId}`);
    expect(processed).toMatchObject({ status: 400, body: { errors: [{ code: 'INVALID_VALUE' }] } });

    idOf(await env.zuora.put(`/v1/object/payment/${paymentId}`, { Status: 'Canceled', Comment: 'sent back' }));
    expect((await env.zuora.get(`/v1/payments/${paymentId}`)).body).toMatchObject({ status: 'Canceled', comment: 'sent back' });
    expect((await env.zuora.get(`/v1/invoices/${invoiceNumber}`)).body.balance).toBe(50);
    expect(await env.zuora.delete(`/v1/object/payment/${paymentId}`)).toMatchObject({ status: 200, body: { success: true, id: paymentId } });
    expect((await env.zuora.get(`/v1/object/payment/${paymentId}`)).status).toBe(404);
  });

  it('refuses a payment that changes its amount, changing nothing', async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Fixed Co' }))).body;
    const paymentId = idOf(await env.zuora.post('/v1/object/payment', { AccountId: account.id, Amount: 20, EffectiveDate: '2026-05-01', Type: 'External', Status: 'Processed' }));
    const changed = await env.zuora.put(`/v1/object/payment/${paymentId}`, { Amount: 10, Comment: 'smaller' });
    expect(changed.status).toBe(400);
    expect((await env.zuora.get(`/v1/object/payment/${paymentId}`)).body).toMatchObject({ Amount: 20, Status: 'Processed' });
    expect((await env.zuora.get(`/v1/object/payment/${paymentId}`)).body).not.toHaveProperty('Comment');
  });
});

describe('CRUD catalog', () => {
  it('creates, updates and deletes a product with a plan and a charge', async () => {
    const productId = idOf(await env.zuora.post('/v1/object/product', { Name: 'Widgets', SKU: 'WIDGET-1', EffectiveStartDate: '2026-01-01', EffectiveEndDate: '2030-01-01' }));
    const planId = idOf(await env.zuora.post('/v1/object/product-rate-plan', { Name: 'Widget plan', ProductId: productId }));
    const chargeId = idOf(
      await env.zuora.post('/v1/object/product-rate-plan-charge', {
        ProductRatePlanId: planId,
        Name: 'Widget fee',
        ChargeType: 'Recurring',
        ChargeModel: 'Flat Fee Pricing',
        BillingPeriod: 'Month',
        BillCycleType: 'DefaultFromCustomer',
        TriggerEvent: 'ContractEffective',
        ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 9 }] },
      }),
    );
    idOf(await env.zuora.put(`/v1/object/product/${productId}`, { Description: 'Blue widgets' }));
    idOf(await env.zuora.put(`/v1/object/product-rate-plan/${planId}`, { Name: 'Widget plan v2' }));
    idOf(await env.zuora.put(`/v1/object/product-rate-plan-charge/${chargeId}`, { ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 11 }] } }));
    expect((await env.zuora.get(`/v2/products/${productId}`)).body).toMatchObject({ description: 'Blue widgets', sku: 'WIDGET-1' });
    expect((await env.zuora.get(`/v1/product-rate-plans/${planId}`)).body).toMatchObject({ name: 'Widget plan v2' });
    expect((await env.zuora.get(`/v1/product-rate-plan-charges/${chargeId}`)).body.pricing[0].price).toBe(11);

    expect(await env.zuora.delete(`/v1/object/product/${productId}`)).toMatchObject({ status: 200, body: { success: true, id: productId } });
    for (const [object, id] of [['product', productId], ['product-rate-plan', planId], ['product-rate-plan-charge', chargeId]]) {
      expect((await env.zuora.get(`/v1/object/${object}/${id}`)).status, object).toBe(404);
    }
  });

  it('refuses to delete catalog records a subscription bought, and a unit of measure a charge uses', async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Subscriber Co' }))).body;
    await env.zuora.post(
      '/v1/orders',
      {
        orderDate: '2026-05-01',
        existingAccountNumber: account.account_number,
        subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] } }] }],
      },
      ORDERS_223,
    );
    for (const path of [`product/${catalog.productId}`, `product-rate-plan/${catalog.support.planId}`, `product-rate-plan-charge/${catalog.support.feeId}`]) {
      const refused = await env.zuora.delete(`/v1/object/${path}`);
      expect(refused.status, path).toBe(400);
      expect(refused.body.errors[0].code).toBe('INVALID_VALUE');
    }
    expect((await env.zuora.get(`/v1/object/product/${catalog.productId}`)).status).toBe(200);
  });

  it('reads, renames and deletes a unit of measure', async () => {
    const unitId = idOf(await env.zuora.post('/v1/object/unit-of-measure', { UomName: 'widget', DecimalPlaces: 2 }));
    idOf(await env.zuora.put(`/v1/object/unit-of-measure/${unitId}`, { UomName: 'gizmo', RoundingMode: 'HALF_UP' }));
    expect((await env.zuora.get(`/v1/object/unit-of-measure/${unitId}`)).body).toMatchObject({ Id: unitId, UomName: 'gizmo', DecimalPlaces: 2, RoundingMode: 'HALF_UP' });
    const seat = (await env.zuora.get(`/v1/object/product-rate-plan-charge/${catalog.pro.seatsId}`)).body.UOM;
    expect(seat).toBe('seat');
    const bad = await env.zuora.put(`/v1/object/unit-of-measure/${unitId}`, { RoundingMode: 'SIDEWAYS' });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ code: 'INVALID_VALUE' }] } });
    expect(await env.zuora.delete(`/v1/object/unit-of-measure/${unitId}`)).toMatchObject({ status: 200, body: { success: true, id: unitId } });
    expect((await env.zuora.get(`/v1/object/unit-of-measure/${unitId}`)).body).toEqual({ done: true, records: [], size: 0 });
  });
});

describeOfficial('CRUD write answers against the official specs', () => {
  it('matches ProxyCreateOrModifyResponse, ProxyDeleteResponse and ProxyBadRequestResponse', async () => {
    const productId = idOf(await env.zuora.post('/v1/object/product', { Name: 'Spec product', EffectiveStartDate: '2026-01-01', EffectiveEndDate: '2030-01-01' }));
    const created = await env.zuora.post('/v1/object/account', { Name: 'Spec Co', Currency: 'USD', BillCycleDay: 1, Status: 'Draft' });
    await expectOfficialResponse('legacy2017', 'POST', '/v1/object/account', 200, created.body);
    const updated = await env.zuora.put(`/v1/object/product/${productId}`, { Name: 'Spec product 2' });
    await expectOfficialResponse('v1', 'PUT', '/v1/object/product/{id}', 200, updated.body);
    const refused = await env.zuora.post('/v1/object/product', { Name: 'No dates' });
    expect(refused.status).toBe(400);
    await expectOfficialResponse('v1', 'POST', '/v1/object/product', 400, refused.body);
    const deleted = await env.zuora.delete(`/v1/object/product/${productId}`);
    await expectOfficialResponse('v1', 'DELETE', '/v1/object/product/{id}', 200, deleted.body);
    await expectOfficialResponse('legacy2017', 'DELETE', '/v1/object/contact/{id}', 200, deleted.body);
  });
});
