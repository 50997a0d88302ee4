import { beforeAll, describe, expect, it } from 'vitest';
import { accountBody, useTenant } from './helpers/emulator.js';

// Contacts through the V1 API: create (the answer carries the new id), read, update, and roles.
const env = useTenant({ now: '2026-04-01T09:00:00.000Z' });
let account: { id: string; account_number: string };

beforeAll(async () => {
  account = (await env.zuora.post('/v2/accounts', accountBody())).body;
});

describe('V1 contacts', () => {
  it('adds a contact to an account by number; the answer carries its id', async () => {
    const { body } = await env.zuora.post('/v1/contacts', { accountNumber: account.account_number, firstName: 'Katherine', lastName: 'Johnson', workEmail: 'kj@example.com', zipCode: '23666' });
    expect(body).toMatchObject({ success: true, id: expect.stringMatching(/^[0-9a-f]{32}$/), accountId: account.id, firstName: 'Katherine', zipCode: '23666', asBillTo: false, asSoldTo: false });
    const read = await env.zuora.get(`/v1/contacts/${body.id}`);
    expect(read.body).toMatchObject({ success: true, id: body.id, lastName: 'Johnson', workEmail: 'kj@example.com', nickname: null });
  });

  it('makes a new contact the bill-to contact, visible on the account in both dialects', async () => {
    const { body } = await env.zuora.post('/v1/contacts', { accountId: account.id, firstName: 'Dorothy', lastName: 'Vaughan', asBillTo: true });
    expect(body.asBillTo).toBe(true);
    expect((await env.zuora.get(`/v1/accounts/${account.id}`)).body.billToContact.id).toBe(body.id);
    expect((await env.zuora.get(`/v2/accounts/${account.id}?expand[]=bill_to`)).body.bill_to.first_name).toBe('Dorothy');
  });

  it('updates a contact and makes it the sold-to contact', async () => {
    const { body: created } = await env.zuora.post('/v1/contacts', { accountId: account.id, firstName: 'Mary', lastName: 'Jackson' });
    const { body } = await env.zuora.put(`/v1/contacts/${created.id}`, { city: 'Hampton', mobilePhone: '555-0100', asSoldTo: true });
    expect(body).toMatchObject({ success: true, id: created.id, firstName: 'Mary', city: 'Hampton', mobilePhone: '555-0100', asSoldTo: true });
    expect((await env.zuora.get(`/v1/accounts/${account.id}`)).body.soldToContact.id).toBe(created.id);
  });

  it('refuses to take a role away without giving it to another contact', async () => {
    const billTo = (await env.zuora.get(`/v1/accounts/${account.id}`)).body.billToContact.id;
    const { body } = await env.zuora.put(`/v1/contacts/${billTo}`, { asBillTo: false });
    expect(body.success).toBe(false);
    expect((await env.zuora.get(`/v1/accounts/${account.id}`)).body.billToContact.id).toBe(billTo);
  });

  it('refuses a contact without an account, names or with a too long field, and answers an unknown id as not found', async () => {
    for (const body of [
      { firstName: 'A', lastName: 'B' },
      { accountId: account.id, firstName: 'A' },
      { accountId: 'nope', firstName: 'A', lastName: 'B' },
      { accountId: account.id, firstName: 'A', lastName: 'B', zipCode: 'x'.repeat(21) },
      { accountId: account.id, firstName: 'A', lastName: 'B', otherPhoneType: 'Pager' },
    ]) {
      const { status, body: answer } = await env.zuora.post('/v1/contacts', body);
      expect(status).toBe(200);
      expect(answer.success, JSON.stringify(body)).toBe(false);
    }
    const missing = await env.zuora.get('/v1/contacts/0123456789abcdef0123456789abcdef');
    expect(missing.body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });
});
