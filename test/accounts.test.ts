import { describe, expect, it } from 'vitest';
import { accountBody, useTenant } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });

describe('accounts', () => {
  it('creates an account through /v2 and reads the same record through /v1 by number', async () => {
    const created = await env.zuora.post('/v2/accounts', accountBody({ name: 'Read Me Twice' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      account_number: expect.stringMatching(/^A\d{8}$/),
      name: 'Read Me Twice',
      currency: 'USD',
      bill_cycle_day: 1,
      payment_terms: 'Net 30',
      enabled: true,
      custom_fields: { stiggCustomerId__c: 'customer-1' },
    });
    expect(created.body.id).toMatch(/^[0-9a-f]{32}$/);

    const v1 = await env.zuora.get(`/v1/accounts/${created.body.account_number}`);
    expect(v1.status).toBe(200);
    expect(v1.body.success).toBe(true);
    expect(v1.body.basicInfo).toMatchObject({
      id: created.body.id,
      accountNumber: created.body.account_number,
      name: 'Read Me Twice',
      status: 'Active',
      stiggCustomerId__c: 'customer-1',
    });
    expect(v1.body.billingAndPayment).toMatchObject({ currency: 'USD', billCycleDay: 1, paymentTerm: 'Net 30', autoPay: false });
    expect(v1.body.billToContact).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', city: 'San Francisco', zipCode: '94105' });
    // Without a sold-to contact of its own, Zuora uses the bill-to contact for both.
    expect(v1.body.soldToContact.id).toBe(v1.body.billToContact.id);
  });

  it('finds an account by id or by number in both dialects', async () => {
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    for (const key of [account.id, account.account_number]) {
      expect((await env.zuora.get(`/v2/accounts/${key}`)).body.id).toBe(account.id);
      expect((await env.zuora.get(`/v1/accounts/${key}`)).body.basicInfo.id).toBe(account.id);
    }
  });

  it('stamps accounts with the tenant clock, not the wall clock', async () => {
    const { body } = await env.zuora.post('/v2/accounts', accountBody());
    expect(body.created_time).toBe((await env.admin.get('/clock')).body.now);
  });

  it('numbers accounts in sequence and keeps a caller-chosen number', async () => {
    const first = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number as string;
    const chosen = await env.zuora.post('/v2/accounts', accountBody({ account_number: 'CUSTOM-42' }));
    expect(chosen.body.account_number).toBe('CUSTOM-42');
    const next = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number as string;
    expect(Number(next.slice(1))).toBe(Number(first.slice(1)) + 1);
  });

  it('expands bill_to and sold_to on request', async () => {
    const { body } = await env.zuora.post(
      '/v2/accounts?expand[]=bill_to&expand[]=sold_to',
      accountBody({ sold_to: { first_name: 'Grace', last_name: 'Hopper', address: { country: 'United States', state: 'NY' } } }),
    );
    expect(body.bill_to).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', address: { city: 'San Francisco' } });
    expect(body.sold_to).toMatchObject({ first_name: 'Grace', address: { state: 'NY' } });
    expect(body.sold_to_id).not.toBe(body.bill_to_id);
    const plain = await env.zuora.get(`/v2/accounts/${body.id}`);
    expect(plain.body.bill_to).toBeUndefined();
  });

  it('patches fields, custom fields and contacts, and cancels through status', async () => {
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    const patched = await env.zuora.patch(`/v2/accounts/${account.id}`, {
      name: 'Renamed',
      auto_pay: true,
      payment_terms: 'net 60',
      custom_fields: { stiggEntityUrl__c: 'https://app.example.com/c/2' },
      bill_to: { address: { city: 'Oakland' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Renamed',
      auto_pay: true,
      payment_terms: 'Net 60',
      custom_fields: { stiggCustomerId__c: 'customer-1', stiggEntityUrl__c: 'https://app.example.com/c/2' },
    });
    const v1 = await env.zuora.get(`/v1/accounts/${account.id}`);
    expect(v1.body.billToContact.city).toBe('Oakland');

    const canceled = await env.zuora.patch(`/v2/accounts/${account.account_number}`, { status: 'Canceled' });
    expect(canceled.body.enabled).toBe(false);
    expect((await env.zuora.get(`/v1/accounts/${account.id}`)).body.basicInfo.status).toBe('Canceled');
  });

  it('editing the sold-to contact of an account that shares one contact leaves bill-to alone', async () => {
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    await env.zuora.patch(`/v2/accounts/${account.id}`, { sold_to: { address: { state: 'TX' } } });
    const v1 = (await env.zuora.get(`/v1/accounts/${account.id}`)).body;
    expect(v1.soldToContact).toMatchObject({ firstName: 'Ada', state: 'TX' });
    expect(v1.billToContact.state).toBe('CA');
    expect(v1.soldToContact.id).not.toBe(v1.billToContact.id);
  });

  it('a repeated /v1 read shows what changed in a related record since the last read', async () => {
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    const first = (await env.zuora.get(`/v1/accounts/${account.account_number}`)).body;
    expect((await env.zuora.get(`/v1/accounts/${account.account_number}`)).body).toEqual(first);
    // The bill-to contact is a record of its own: the account record itself does not change.
    const updated = await env.zuora.put(`/v1/contacts/${first.billToContact.id}`, { firstName: 'Grace' });
    expect(updated.body.success).toBe(true);
    const after = (await env.zuora.get(`/v1/accounts/${account.account_number}`)).body;
    expect(after.billToContact.firstName).toBe('Grace');
    expect(after.basicInfo).toEqual(first.basicInfo);
  });

  it('lists accounts page by page with a cursor', async () => {
    for (let i = 0; i < 3; i += 1) await env.zuora.post('/v2/accounts', accountBody({ name: `Paged ${i}` }));
    const all = (await env.zuora.get('/v2/accounts?page_size=99')).body.data as Array<{ id: string }>;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ id: string }>; next_page: string | null } } = await env.zuora.get(
        `/v2/accounts?page_size=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((account) => account.id));
      cursor = page.body.next_page;
    } while (cursor);
    expect(seen).toEqual(all.map((account) => account.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters a list with filter[]', async () => {
    await env.zuora.post('/v2/accounts', accountBody({ name: 'Filter Target', currency: 'EUR' }));
    const { body } = await env.zuora.get('/v2/accounts?page_size=99&filter[]=currency.EQ:EUR');
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((account: { currency: string }) => account.currency === 'EUR')).toBe(true);
  });

  it('replays the first answer for a repeated idempotency-key instead of creating twice', async () => {
    const before = (await env.zuora.get('/v2/accounts?page_size=99')).body.data.length;
    const headers = { 'idempotency-key': 'create-acme-once' };
    const first = await env.zuora.post('/v2/accounts', accountBody(), headers);
    const again = await env.zuora.post('/v2/accounts', accountBody(), headers);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await env.zuora.get('/v2/accounts?page_size=99')).body.data.length).toBe(before + 1);
  });
});

describe('bad account input', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a missing bill-to contact', accountBody({ bill_to: undefined }), 'bill_to'],
    ['a currency of the wrong type', accountBody({ currency: 840 }), 'currency'],
    ['a currency that is not an ISO code', accountBody({ currency: 'dollars' }), 'currency'],
    ['a field Zuora does not know', accountBody({ favourite_colour: 'blue' }), 'favourite_colour'],
    ['a bill-to contact without a last name', accountBody({ bill_to: { first_name: 'Ada' } }), 'bill_to.last_name'],
    ['an unknown payment term', accountBody({ payment_terms: 'Net 1000' }), 'payment_terms'],
    ['a bill cycle day past 31', accountBody({ bill_cycle_day: 40 }), 'bill_cycle_day'],
    ['a custom field without __c', accountBody({ custom_fields: { stiggCustomerId: 'x' } }), 'custom_fields.stiggCustomerId'],
  ];

  it.each(cases)('rejects %s with a Quickstart 400 and writes nothing', async (_label, body, parameter) => {
    const before = (await env.zuora.get('/v2/accounts?page_size=99')).body.data.length;
    const response = await env.zuora.post('/v2/accounts', body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: 'bad_request',
      errors: [{ code: 'invalid_parameter', parameter, message: expect.any(String) }],
      retryable: false,
    });
    expect((await env.zuora.get('/v2/accounts?page_size=99')).body.data.length).toBe(before);
  });

  it('answers malformed JSON in shape', async () => {
    const response = await env.zuora.post('/v2/accounts', '{"name":');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: 'bad_request', errors: [{ code: 'invalid_parameter', parameter: 'body' }] });
  });

  it('answers an unknown account with 404 in /v2 and success:false 50000040 in /v1', async () => {
    const v2 = await env.zuora.get('/v2/accounts/A99999999');
    expect(v2.status).toBe(404);
    expect(v2.body).toMatchObject({ type: 'not_found', errors: [{ code: 'resource_not_found' }], retryable: false });
    // Zuora's V1 API reports business errors with HTTP 200 and success:false.
    const v1 = await env.zuora.get('/v1/accounts/A99999999');
    expect(v1.status).toBe(200);
    expect(v1.body).toEqual({
      success: false,
      processId: expect.stringMatching(/^[0-9A-F]{16}$/),
      reasons: [{ code: 50000040, message: expect.stringContaining('A99999999') }],
    });
  });

  it('rejects a patch that breaks a rule and leaves the account as it was', async () => {
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    const response = await env.zuora.patch(`/v2/accounts/${account.id}`, { name: 'Changed', bill_cycle_day: 99 });
    expect(response.status).toBe(400);
    expect((await env.zuora.get(`/v2/accounts/${account.id}`)).body.name).toBe('Acme Corp');
  });

  it('rejects page sizes outside 1..99', async () => {
    for (const size of [0, 100, 'ten']) {
      const response = await env.zuora.get(`/v2/accounts?page_size=${size}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].parameter).toBe('page_size');
    }
  });

  it('holds defined custom fields to their definition', async () => {
    await env.zuora.put('/objects/definitions/account', { properties: { shortCode: { type: 'string', maxLength: 3 } } });
    const tooLong = await env.zuora.post('/v2/accounts', accountBody({ custom_fields: { shortCode__c: 'ABCD' } }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].parameter).toBe('custom_fields.shortCode__c');
    const fits = await env.zuora.post('/v2/accounts', accountBody({ custom_fields: { shortCode__c: 'ABC' } }));
    expect(fits.status).toBe(201);
  });
});

describeOfficial("account bodies match Zuora's official specs", () => {
  it('validates the /v2 create, read, list and patch answers and the /v1 read', async () => {
    const created = await env.zuora.post('/v2/accounts?expand[]=bill_to', accountBody());
    await expectOfficialResponse('quickstart', 'POST', '/accounts', 201, created.body);
    const read = await env.zuora.get(`/v2/accounts/${created.body.id}`);
    await expectOfficialResponse('quickstart', 'GET', '/accounts/{account_id}', 200, read.body);
    const patched = await env.zuora.patch(`/v2/accounts/${created.body.id}`, { auto_pay: true });
    await expectOfficialResponse('quickstart', 'PATCH', '/accounts/{account_id}', 200, patched.body);
    const list = await env.zuora.get('/v2/accounts?page_size=2');
    await expectOfficialResponse('quickstart', 'GET', '/accounts', 200, list.body);
    const v1 = await env.zuora.get(`/v1/accounts/${created.body.account_number}`);
    await expectOfficialResponse('v1', 'GET', '/v1/accounts/{account-key}', 200, v1.body);
  });

  it('validates Quickstart error answers', async () => {
    const bad = await env.zuora.post('/v2/accounts', { name: 'No currency' });
    await expectOfficialResponse('quickstart', 'POST', '/accounts', 400, bad.body);
    const missing = await env.zuora.get('/v2/accounts/nope');
    await expectOfficialResponse('quickstart', 'GET', '/accounts/{account_id}', 404, missing.body);
  });
});
