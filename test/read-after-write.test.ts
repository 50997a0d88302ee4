import { describe, expect, it } from 'vitest';
import { defineCustomFields, useTenant } from './helpers/emulator.js';

// One change, read back through every other surface: a V1 update, then the Quickstart read, Object
// Query, ZOQL and CRUD all show it, because they all read the one domain model.
const env = useTenant({ now: '2026-06-01T12:00:00.000Z' });

describe('read after write across endpoints and dialects', () => {
  it('shows a V1 account update in Quickstart, Object Query, ZOQL and CRUD', async () => {
    await defineCustomFields(env.zuora, { Account: ['segment__c'] });
    const created = (
      await env.zuora.post('/v1/accounts', { name: 'Before', currency: 'USD', billCycleDay: 5, billToContact: { firstName: 'Lin', lastName: 'Chen', city: 'Oslo' }, segment__c: 'smb' })
    ).body;
    expect(created.success).toBe(true);

    const put = await env.zuora.put(`/v1/accounts/${created.accountNumber}`, { name: 'After', autoPay: true, billCycleDay: 20, segment__c: 'enterprise', billToContact: { city: 'Bergen' } });
    expect(put.body.success).toBe(true);

    const quickstart = (await env.zuora.get(`/v2/accounts/${created.accountId}?expand[]=bill_to`)).body;
    expect(quickstart).toMatchObject({ name: 'After', auto_pay: true, bill_cycle_day: 20, custom_fields: { segment__c: 'enterprise' } });
    expect(quickstart.bill_to.address.city).toBe('Bergen');

    const objectQuery = (await env.zuora.get(`/object-query/accounts/${created.accountNumber}?expand[]=billto`)).body;
    expect(objectQuery).toMatchObject({ name: 'After', autoPay: true, billCycleDay: 20, segment__c: 'enterprise', billTo: { city: 'Bergen' } });

    const zoql = await env.zuora.post('/v1/action/query', {
      queryString: `select Name, AutoPay, BillCycleDay, segment__c from Account where AccountNumber = '${created.accountNumber}'`,
    });
    expect(zoql.body.records).toEqual([{ Id: created.accountId, Name: 'After', AutoPay: true, BillCycleDay: 20, segment__c: 'enterprise' }]);
    const contact = await env.zuora.post('/v1/action/query', { queryString: `select City from Contact where AccountId = '${created.accountId}'` });
    expect(contact.body.records.map((record: { City: string }) => record.City)).toEqual(['Bergen']);

    const crud = (await env.zuora.get(`/v1/object/account/${created.accountId}`)).body;
    expect(crud).toMatchObject({ Name: 'After', AutoPay: true, BillCycleDay: 20, segment__c: 'enterprise' });
  });
});
