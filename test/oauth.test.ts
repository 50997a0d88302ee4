import { describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '../emulator/config.js';
import { request, useEmulator } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

const env = useEmulator();

function tokenRequest(fields: Record<string, string>) {
  return request(`${env.url}/oauth/token`, 'POST', new URLSearchParams(fields).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });
}

const goodCredentials = {
  client_id: DEFAULT_TENANT.clientId,
  client_secret: DEFAULT_TENANT.clientSecret,
  grant_type: 'client_credentials',
};

describe('OAuth token', () => {
  it('issues a bearer token for the default tenant credentials', async () => {
    const response = await tokenRequest(goodCredentials);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 3599,
      scope: expect.any(String),
      jti: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const accounts = await request(`${env.url}/v2/accounts`, 'GET', undefined, {
      Authorization: `Bearer ${response.body.access_token}`,
    });
    expect(accounts.status).toBe(200);
  });

  it('refuses a wrong secret with 401', async () => {
    const response = await tokenRequest({ ...goodCredentials, client_secret: 'wrong' });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
  });

  it('refuses an unknown client with 401', async () => {
    const response = await tokenRequest({ ...goodCredentials, client_id: 'no-such-client-0000000000000000000000' });
    expect(response.status).toBe(401);
  });

  it('refuses another grant type and a missing field with 400', async () => {
    const grant = await tokenRequest({ ...goodCredentials, grant_type: 'password' });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unsupported_grant_type');
    const missing = await tokenRequest({ client_id: DEFAULT_TENANT.clientId, grant_type: 'client_credentials' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
  });
});

describe('calls without a valid token', () => {
  const cases: Array<[string, string, string, unknown]> = [
    ['Quickstart', 'GET', '/v2/accounts', { type: 'unauthorized', errors: [], retryable: false }],
    [
      'V1',
      'GET',
      '/v1/accounts/A00000001',
      { success: false, processId: expect.any(String), reasons: [{ code: 90000011, message: expect.any(String) }] },
    ],
    ['V1 CRUD', 'POST', '/v1/object/unit-of-measure', { message: expect.any(String) }],
    ['custom objects', 'GET', '/objects/definitions/default/account', { success: false, processId: expect.any(String), reasons: [{ code: 90000011, message: expect.any(String) }] }],
  ];

  it.each(cases)('%s answers 401 in its own shape', async (_dialect, method, path, shape) => {
    const response = await request(`${env.url}${path}`, method, method === 'POST' ? { UomName: 'x' } : undefined);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(shape);
  });

  it('sends the CRUD challenge header', async () => {
    const response = await request(`${env.url}/v1/object/unit-of-measure`, 'POST', { UomName: 'x' });
    expect(response.headers.get('www-authenticate')).toContain('Bearer realm=Zuora API');
  });

  it('rejects a tampered token', async () => {
    const token = env.zuora.token;
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}A`;
    const response = await request(`${env.url}/v2/accounts`, 'GET', undefined, { Authorization: `Bearer ${tampered}` });
    expect(response.status).toBe(401);
  });

  it('does not run the request: an unauthenticated create writes nothing', async () => {
    const before = (await env.zuora.get('/v2/accounts?page_size=99')).body.data.length;
    const response = await request(`${env.url}/v2/accounts`, 'POST', {
      name: 'Sneaky',
      currency: 'USD',
      bill_to: { first_name: 'A', last_name: 'B' },
    });
    expect(response.status).toBe(401);
    expect((await env.zuora.get('/v2/accounts?page_size=99')).body.data.length).toBe(before);
  });
});

describeOfficial("token bodies match Zuora's official spec", () => {
  it('validates the token answer', async () => {
    const response = await tokenRequest(goodCredentials);
    await expectOfficialResponse('v1', 'POST', '/oauth/token', 200, response.body);
  });
});
