import { expect, it } from 'vitest';
import { describeOfficial, expectOfficialRequest, expectOfficialResponse, officialSpecs } from './helpers/officialSpec.js';

/** A Quickstart account as GET /v2/accounts/{id} returns it (hand-written, not taken from the spec). */
const account = {
  id: '8ad0877b8d1a4b2c018d1f0e9a7b0001',
  account_number: 'A00000001',
  name: 'Acme Corp',
  currency: 'USD',
  bill_cycle_day: 1,
  batch: 'Batch1',
  auto_pay: false,
  enabled: true,
  payment_terms: 'Net 30',
  payment_gateway: null,
  custom_fields: { region__c: 'EMEA' },
  bill_to_id: '8ad0877b8d1a4b2c018d1f0e9a7b0002',
  sold_to_id: '8ad0877b8d1a4b2c018d1f0e9a7b0002',
  remaining_invoice_balance: 0,
  remaining_credit_memo_balance: 0,
  remaining_debit_memo_balance: 0,
  remaining_payment_balance: 0,
  created_by_id: '8ad0877b8d1a4b2c018d1f0e9a7b00aa',
  created_time: '2024-01-15T10:00:00-08:00',
  updated_by_id: '8ad0877b8d1a4b2c018d1f0e9a7b00aa',
  updated_time: '2024-01-15T10:00:00-08:00',
};

describeOfficial('official Zuora specs', () => {
  it('accepts a well-formed Quickstart account for GET /accounts/{account_id} 200', async () => {
    await expectOfficialResponse('quickstart', 'GET', '/accounts/{account_id}', 200, account);
  });

  it('rejects Quickstart account fields of the wrong type, and unknown fields', async () => {
    const validate = (await officialSpecs()).responseValidator('quickstart', 'GET', '/accounts/{account_id}', 200);
    expect(validate({ ...account, batch: 5 }).errors).toEqual(['/batch must be string']);
    expect(validate({ ...account, bill_cycle_day: 'x' }).errors).toEqual(['/bill_cycle_day must be integer']);
    expect(validate({ ...account, created_time: 'yesterday' }).errors).toEqual(['/created_time must match format "date-time"']);
    // The account schema sets additionalProperties: false.
    expect(validate({ ...account, accountNumber: 'A00000001' }).errors).toEqual(['(body) must NOT have additional property "accountNumber"']);
  });

  it('honours nullable: a Quickstart list page may have next_page null, but not a number', async () => {
    await expectOfficialResponse('quickstart', 'GET', '/accounts', 200, { next_page: null, data: [account] });
    const validate = (await officialSpecs()).responseValidator('quickstart', 'GET', '/accounts', 200);
    expect(validate({ next_page: 2, data: [] }).valid).toBe(false);
  });

  it('checks the V1 OAuth token response and form-encoded request', async () => {
    const token = { access_token: 'e1d2c3b4a5', token_type: 'bearer', expires_in: 3599, scope: 'entity.1a2b3c user.4d5e6f', jti: 'e1d2c3b4a5' };
    await expectOfficialResponse('v1', 'POST', '/oauth/token', 200, token);
    const validate = (await officialSpecs()).responseValidator('v1', 'POST', '/oauth/token', 200);
    expect(validate({ ...token, expires_in: '3599' }).errors).toEqual(['/expires_in must be number']);

    await expectOfficialRequest('v1', 'POST', '/oauth/token', 'client_id=b64e42ba-7e1a-4bc6-9146-5e1b420306b5&client_secret=s3cret&grant_type=client_credentials');
    const request = (await officialSpecs()).requestValidator('v1', 'POST', '/oauth/token');
    expect(request('client_id=short&client_secret=s3cret&grant_type=password').errors).toEqual([
      '/client_id must NOT have fewer than 36 characters',
      '/grant_type must be one of ["client_credentials"]',
    ]);
  });

  it('falls back to the 4XX response, whose reasons[].code the V1 spec types as a string and the wire sends as a number', async () => {
    const validate = (await officialSpecs()).responseValidator('v1', 'GET', '/v1/accounts/{account-key}', 404);
    const notFound = { success: false, processId: 'CBCFED6580B4E076', reasons: [{ code: '50000040', message: 'Cannot find entity by key: A1.' }] };
    expect(validate(notFound).errors).toEqual([]);
    // Zuora's docs show the real code as a number (53100320); the wire wins (contracts/wireDifferences.ts).
    expect(validate({ ...notFound, reasons: [{ code: 50000040, message: 'x' }] }).errors).toEqual([]);
    expect(validate({ ...notFound, reasons: [{ code: true, message: 'x' }] }).errors).toEqual(['/reasons/0/code must be string']);
  });

  it('reports statuses the operation does not declare, and bodies on body-less responses', async () => {
    const specs = await officialSpecs();
    expect(specs.responseValidator('v1', 'POST', '/oauth/token', 500)({}).errors).toEqual([
      'v1 POST /oauth/token declares no response for status 500 (only 200, 429)',
    ]);
    const deleted = specs.responseValidator('quickstart', 'DELETE', '/accounts/{account_id}', 204);
    expect(deleted(undefined).valid).toBe(true);
    expect(deleted({ success: true }).valid).toBe(false);
  });

  it('checks the 2017 CRUD unit-of-measure create response', async () => {
    await expectOfficialResponse('legacy2017', 'POST', '/v1/object/unit-of-measure', 200, { Success: true, Id: '2c93808457d787030157e030232f3748' });
    const validate = (await officialSpecs()).responseValidator('legacy2017', 'POST', '/v1/object/unit-of-measure', 200);
    expect(validate({ Success: 'true', Id: 1 }).errors).toEqual(['/Id must be string', '/Success must be boolean']);
  });

  it('maps real request URLs to spec operations', async () => {
    const { matchOperation } = await officialSpecs();
    expect(matchOperation('GET', '/v2/accounts/A00000001')).toEqual({ spec: 'quickstart', method: 'GET', path: '/accounts/{account_id}' });
    expect(matchOperation('post', '/v1/object/product-rate-plan-charge')).toEqual({ spec: 'v1', method: 'POST', path: '/v1/object/product-rate-plan-charge' });
    expect(matchOperation('GET', '/v1/accounts/abc')).toEqual({ spec: 'v1', method: 'GET', path: '/v1/accounts/{account-key}' });
    // A literal segment beats a parameter.
    expect(matchOperation('GET', '/v1/accounts/abc/summary')?.path).toBe('/v1/accounts/{account-key}/summary');
    // Only the 2017 spec still has the CRUD unit-of-measure and invoice calls.
    expect(matchOperation('POST', '/v1/object/unit-of-measure')).toEqual({ spec: 'legacy2017', method: 'POST', path: '/v1/object/unit-of-measure' });
    expect(matchOperation('GET', 'https://rest.zuora.com/v2/accounts?page_size=5')?.path).toBe('/accounts');
    expect(matchOperation('POST', '/v2/accounts/A00000001')).toBeUndefined();
  });
});
