import { beforeAll, describe, expect, it } from 'vitest';
import { defineCustomFields, useTenant } from './helpers/emulator.js';

// Accounts through the V1 API: create with contacts and a card in one call, update, summary, delete.
const env = useTenant({ now: '2026-04-01T09:00:00.000Z' });

beforeAll(async () => {
  await defineCustomFields(env.zuora, { Account: ['tier__c'] });
});

const billToContact = { firstName: 'Grace', lastName: 'Hopper', workEmail: 'grace@example.com', city: 'Arlington', state: 'VA', country: 'United States', zipCode: '22201' };

function createBody(overrides: Record<string, unknown> = {}) {
  return { name: 'Navy Labs', currency: 'USD', billCycleDay: 1, paymentTerm: 'Net 30', billToContact, crmId: 'crm-1', tier__c: 'gold', ...overrides };
}

describe('V1 account writes', () => {
  it('creates an account with bill-to and sold-to contacts and a default card in one call', async () => {
    const soldToContact = { firstName: 'Alan', lastName: 'Turing', city: 'London', country: 'United Kingdom' };
    const creditCard = { cardType: 'Visa', cardNumber: '4111111111111111', expirationMonth: 12, expirationYear: 2030, cardHolderInfo: { cardHolderName: 'Grace Hopper' } };
    const { status, body } = await env.zuora.post('/v1/accounts', createBody({ soldToContact, creditCard, autoPay: true }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, accountNumber: expect.stringMatching(/^A\d{8}$/) });
    expect(body.soldToContactId).not.toBe(body.billToContactId);
    expect(body.paymentMethodId).toMatch(/^[0-9a-f]{32}$/);

    const read = (await env.zuora.get(`/v1/accounts/${body.accountNumber}`)).body;
    expect(read.basicInfo).toMatchObject({ id: body.accountId, name: 'Navy Labs', crmId: 'crm-1', tier__c: 'gold' });
    expect(read.billingAndPayment).toMatchObject({ autoPay: true, defaultPaymentMethodId: body.paymentMethodId, paymentTerm: 'Net 30' });
    expect(read.billToContact).toMatchObject({ id: body.billToContactId, firstName: 'Grace', zipCode: '22201' });
    expect(read.soldToContact).toMatchObject({ id: body.soldToContactId, firstName: 'Alan', city: 'London' });
  });

  it('refuses a body without the required fields or with values out of range, and stores nothing', async () => {
    const before = (await env.zuora.get('/v2/accounts?page_size=99')).body.data.length;
    for (const body of [{ currency: 'USD', billToContact }, createBody({ billToContact: { firstName: 'No last name' } }), createBody({ billCycleDay: 32 }), createBody({ currency: 'DOLLARS' })]) {
      const { status, body: answer } = await env.zuora.post('/v1/accounts', body);
      expect(status).toBe(200);
      expect(answer.success).toBe(false);
      expect(String(answer.reasons[0].code)).toMatch(/^5000102[02]$/);
    }
    expect((await env.zuora.get('/v2/accounts?page_size=99')).body.data.length).toBe(before);
  });

  it('updates an account and its bill-to contact; the Quickstart API reads the change', async () => {
    const created = (await env.zuora.post('/v1/accounts', createBody())).body;
    const put = await env.zuora.put(`/v1/accounts/${created.accountNumber}`, { name: 'Renamed Labs', notes: 'moved', billToContact: { city: 'Boston', state: 'MA' }, tier__c: 'silver' });
    expect(put.body).toEqual({ success: true });
    const v2 = (await env.zuora.get(`/v2/accounts/${created.accountId}?expand[]=bill_to`)).body;
    expect(v2).toMatchObject({ name: 'Renamed Labs', custom_fields: { tier__c: 'silver' } });
    expect(v2.bill_to).toMatchObject({ first_name: 'Grace', address: { city: 'Boston', state: 'MA' } });
    const missing = await env.zuora.put('/v1/accounts/A99999999', { name: 'x' });
    expect(missing.body).toMatchObject({ success: false, reasons: [{ code: 50001040 }] });
  });

  it('summarises an account with its contacts, subscriptions, invoices and payments', async () => {
    const created = (await env.zuora.post('/v1/accounts', createBody({ creditCard: { cardType: 'Visa', cardNumber: '4242424242424242', expirationMonth: 1, expirationYear: 2031 } }))).body;
    await env.zuora.post('/v1/payments', { accountId: created.accountId, amount: 25, currency: 'USD', effectiveDate: '2026-04-01', type: 'External', paymentMethodId: created.paymentMethodId });
    const { body } = await env.zuora.get(`/v1/accounts/${created.accountNumber}/summary`);
    expect(body.success).toBe(true);
    expect(body.basicInfo).toMatchObject({ id: created.accountId, balance: '0.00', billCycleDay: '1', lastPaymentAmount: '25.00', lastPaymentDate: '2026-04-01' });
    expect(body.basicInfo.defaultPaymentMethod).toMatchObject({ id: created.paymentMethodId, paymentMethodType: 'CreditCard', creditCardType: 'Visa', creditCardNumber: '************4242' });
    expect(body.billToContact).toMatchObject({ firstName: 'Grace', asBillTo: true, asSoldTo: true });
    expect(body.subscriptions).toEqual([]);
    expect(body.payments).toHaveLength(1);
  });

  it('deletes an account: Canceled, then gone from every API', async () => {
    const created = (await env.zuora.post('/v1/accounts', createBody())).body;
    const { body } = await env.zuora.delete(`/v1/accounts/${created.accountNumber}`);
    expect(body).toEqual({ success: true, id: created.accountId, jobId: expect.stringMatching(/^[0-9a-f]{32}$/), jobStatus: 'Pending' });
    expect((await env.zuora.get(`/v1/accounts/${created.accountNumber}`)).body.success).toBe(false);
    expect((await env.zuora.get(`/v2/accounts/${created.accountId}`)).status).toBe(404);
    expect((await env.zuora.get(`/v1/contacts/${created.billToContactId}`)).body.success).toBe(false);
    expect((await env.zuora.delete(`/v1/accounts/${created.accountNumber}`)).body.success).toBe(false);
  });
});
