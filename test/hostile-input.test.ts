import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ROUTE_TABLES } from '../emulator/index.js';
import { createTestCatalog } from './helpers/catalog.js';
import { accountBody, adminClient, ORDERS_223, request, useEmulator, type HttpResult } from './helpers/emulator.js';
import { stateFingerprint } from './helpers/fingerprint.js';
import { newSubscriptionOrder } from './helpers/orders.js';

// What an attacker or a careless client sends: prototype names where ids, tenants and client ids go,
// numbers JSON can spell but no amount can be, strings and nesting far past Zuora's bounds. Every one
// gets an answer in its dialect's shape with a 4xx (or a V1 business 200), never a 5xx, and changes
// nothing.

const env = useEmulator({ now: '2026-01-15T00:00:00.000Z' });
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** An answer in some dialect's shape: a JSON object (or nothing at all, for a 204). */
function expectShaped(answer: HttpResult, what: string): void {
  expect(answer.status, what).toBeLessThan(500);
  if (answer.status !== 204) expect(typeof answer.body, `${what}: ${JSON.stringify(answer.body)}`).toBe('object');
}

const fingerprint = (): Promise<string> => stateFingerprint(env, 'hostile-probe');

describe('prototype names', () => {
  it('as every path parameter of every route answer in the dialect, never 5xx', async () => {
    for (const table of ROUTE_TABLES) {
      for (const route of table.routes) {
        if (!route.path.includes(':')) continue;
        for (const name of PROTOTYPE_NAMES) {
          const path = route.path.replace(/:[A-Za-z_]+/g, encodeURIComponent(name));
          const headers: Record<string, string> = route.auth === 'admin' ? { Authorization: `Bearer ${env.emulator.adminToken}` } : { Authorization: `Bearer ${env.zuora.token}` };
          const answer = await request(`${env.url}${path}`, route.method, route.method === 'GET' || route.method === 'DELETE' ? undefined : {}, headers);
          expectShaped(answer, `${route.method} ${path}`);
        }
      }
    }
  });

  it('as the query parameters of every read (expand, fields, sort, filter, cursor, page size) answer in the dialect, never 5xx', async () => {
    const reads = ROUTE_TABLES.flatMap((table) => table.routes).filter((route) => route.method === 'GET' && !route.path.includes(':') && route.path !== '/__emulator/changes');
    for (const route of reads) {
      const headers = { Authorization: `Bearer ${route.auth === 'admin' ? env.emulator.adminToken : env.zuora.token}` };
      // `__proto__` and `constructor` stay prototype names when a lookup lower-cases them; `toString` when it does not.
      for (const name of ['__proto__', 'constructor', 'toString']) {
        // One parameter at a time: a refusal of one would hide what another does.
        for (const key of ['expand[]', 'fields[]', `${name}.fields[]`, 'sort[]', 'filter[]', 'cursor', 'pageSize', name]) {
          const value = key === 'sort[]' ? `${name}.ASC` : key === 'filter[]' ? `${name}.EQ:x` : name;
          const query = `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
          expectShaped(await request(`${env.url}${route.path}?${query}`, 'GET', undefined, headers), `GET ${route.path}?${query}`);
        }
      }
    }
  });

  it('as the admin tenant header, snapshot names and new tenants change nothing and pollute nothing', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const admin = adminClient(env.url, name);
      expectShaped(await admin.post('/snapshots', { name: 'x' }), `snapshot in tenant ${name}`);
      expectShaped(await admin.get('/clock'), `clock of tenant ${name}`);
      expectShaped(await env.admin.post('/snapshots', { name }), `snapshot named ${name}`);
      expectShaped(await env.admin.post('/tenants', { clientId: name, clientSecret: 'x' }), `tenant named ${name}`);
      expectShaped(await env.admin.post(`/snapshots/${encodeURIComponent(name)}/restore`), `restore ${name}`);
    }
    expect(Object.prototype).not.toHaveProperty('x');
    expect(Object.keys(Object.prototype)).toEqual([]);
    // A write that validates still goes through afterwards.
    expect((await env.zuora.post('/v2/accounts', accountBody())).status).toBe(201);
  });

  it('as OAuth client ids and secrets are refused credentials', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const answer = await request(`${env.url}/oauth/token`, 'POST', new URLSearchParams({ client_id: name, client_secret: name, grant_type: 'client_credentials' }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(answer.status, name).toBe(401);
      expect(answer.body).toMatchObject({ error: 'invalid_client' });
    }
  });

  it('as body keys and values are data, never prototypes', async () => {
    const body = JSON.parse(`{"name":"constructor","currency":"USD","__proto__":{"polluted":true},"bill_to":{"first_name":"toString","last_name":"valueOf"}}`) as unknown;
    const answer = await env.zuora.post('/v2/accounts', body);
    expectShaped(answer, 'account with __proto__ key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const name of PROTOTYPE_NAMES) {
      expectShaped(await env.zuora.get(`/v2/accounts?filter[]=${encodeURIComponent(`${name}.EQ:x`)}`), `filter on ${name}`);
      expectShaped(await env.zuora.get(`/v2/accounts?sort[]=${encodeURIComponent(`${name}.ASC`)}`), `sort on ${name}`);
      expectShaped(await env.zuora.get(`/v2/accounts?cursor=${encodeURIComponent(name)}`), `cursor ${name}`);
    }
  });
});

describe('values Zuora would refuse', () => {
  it('refuses non-finite, denormal and out-of-range numbers with the invalid-value answer, storing nothing', async () => {
    const before = await fingerprint();
    const { body: account } = await env.zuora.get('/v2/accounts');
    const number = account.data[0].account_number as string;
    for (const amount of ['1e309', '-1e309', '5e-324', '1e300']) {
      const text = `{"accountKey":"${number}","amount":${amount},"currency":"USD","type":"External","effectiveDate":"2026-01-15","paymentMethodType":"Check"}`;
      const answer = await env.zuora.post('/v1/payments', text);
      expect(answer.status, amount).toBe(200);
      expect(answer.body, amount).toMatchObject({ success: false, reasons: [{ code: 58730020 }] });
    }
    const v2 = await env.zuora.post('/v2/accounts', `{"name":"Big","currency":"USD","bill_cycle_day":1e309}`);
    expect(v2.status).toBe(400);
    expect(v2.body).toMatchObject({ type: 'bad_request', errors: [{ code: 'invalid_parameter', parameter: 'bill_cycle_day' }] });
    expect(await fingerprint()).toBe(before);
    const payments = await env.zuora.get(`/v1/transactions/payments/accounts/${number}`);
    expect(payments.status).toBe(200);
  });

  it("refuses strings over Zuora's maximum length for the field, naming it", async () => {
    const answer = await env.zuora.post('/v2/accounts', accountBody({ name: 'n'.repeat(256) }));
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ parameter: 'name', message: expect.stringContaining('at most 255') });
    const contact = await env.zuora.post('/v2/accounts', accountBody({ bill_to: { first_name: 'f'.repeat(101), last_name: 'L' } }));
    expect(contact.body.errors[0]).toMatchObject({ parameter: 'bill_to.first_name' });
    expect((await env.zuora.post('/v2/accounts', accountBody({ name: 'n'.repeat(255) }))).status).toBe(201);
  });

  it('refuses an order whose lists are not lists, or whose text is a number, as an invalid value, storing nothing', async () => {
    const catalog = await createTestCatalog(env.zuora);
    const number = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number as string;
    const plan = (overrides: Record<string, unknown>) => ({ productRatePlanId: catalog.pro.planId, ...overrides });
    const action = (type: string, part: Record<string, unknown>) => ({ orderDate: '2026-01-15', existingAccountNumber: number, subscriptions: [{ orderActions: [{ type, ...part }] }] });
    const before = await fingerprint();
    const bodies = [
      newSubscriptionOrder(number, 'not a list' as unknown as unknown[]),
      newSubscriptionOrder(number, [null]),
      newSubscriptionOrder(number, [plan({ chargeOverrides: 'not a list' })]),
      newSubscriptionOrder(number, [plan({ chargeOverrides: [null] })]),
      newSubscriptionOrder(number, [plan({ chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, billing: { billingPeriod: 7 } }] })]),
      action('AddProduct', { addProduct: plan({ chargeOverrides: 'not a list' }) }),
      action('UpdateProduct', { updateProduct: { ratePlanId: 'x', chargeUpdates: [null] } }),
    ];
    for (const body of bodies) {
      const answer = await env.zuora.post('/v1/orders', body, ORDERS_223);
      expect(answer.status, JSON.stringify(body)).toBe(200);
      expect(answer.body, JSON.stringify(body)).toMatchObject({ success: false, reasons: [{ code: 53110020 }] });
    }
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a body nested deeper than 64 with a 400 in the dialect', async () => {
    const deep = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
    const v2 = await env.zuora.post('/v2/accounts', deep);
    expect(v2.status).toBe(400);
    expect(v2.body).toMatchObject({ type: 'bad_request' });
    const v1 = await env.zuora.post('/v1/orders', deep);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ success: false, reasons: [{ code: expect.any(Number) }] });
    const admin = await env.admin.post('/clock/advance', deep);
    expect(admin.status).toBe(400);
  });

  it('answers a body over the size limit with 413 in the dialect', async () => {
    const huge = JSON.stringify(accountBody({ notes: 'x'.repeat(11 * 1024 * 1024) }));
    const answer = await env.zuora.post('/v2/accounts', huge);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ type: 'payload_too_large' });
  });

  it('refuses an idempotency key over 255 characters', async () => {
    const answer = await env.zuora.post('/v2/accounts', accountBody(), { 'Idempotency-Key': 'k'.repeat(256) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ parameter: 'Idempotency-Key' });
    expect((await env.zuora.post('/v2/accounts', accountBody(), { 'Idempotency-Key': 'k'.repeat(255) })).status).toBe(201);
  });

  it('answers an HTTP parser error (an over-long header) with a body in the dialect where Node allows it', async () => {
    const answer = await request(`${env.url}/v2/accounts`, 'GET', undefined, { Authorization: `Bearer ${env.zuora.token}`, 'X-Big': 'b'.repeat(20_000) });
    expect(answer.status).toBe(431);
    expect(answer.body).toMatchObject({ type: expect.any(String), retryable: false });
  });

  it('answers an HTTP/1.1 request without a Host header with a 400 in the dialect, not a bare status line', async () => {
    const { hostname, port } = new URL(env.url);
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        let answer = '';
        const socket = createConnection({ host: hostname, port: Number(port) }, () => socket.end(text));
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    const v2 = await raw('GET /v2/accounts HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(v2.split('\r\n', 1)[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(v2.slice(v2.indexOf('\r\n\r\n') + 4))).toMatchObject({ type: 'bad_request', errors: [{ parameter: 'Host' }] });
    const v1 = await raw('GET /v1/accounts/A00000001 HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(JSON.parse(v1.slice(v1.indexOf('\r\n\r\n') + 4))).toMatchObject({ success: false, reasons: [{ code: expect.any(Number) }] });
  });
});

describe('idempotency as Zuora documents it', () => {
  it('answers 422 when a key is reused on another path', async () => {
    const key = 'reused-key-1';
    expect((await env.zuora.post('/v2/accounts', accountBody(), { 'Idempotency-Key': key })).status).toBe(201);
    const { body: list } = await env.zuora.get('/v2/accounts');
    const other = await env.zuora.patch(`/v2/accounts/${list.data[0].id}`, { name: 'Other' }, { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ type: 'unprocessable_entity', errors: [{ code: 'idempotency_key_reused' }] });
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const key = 'racing-key-1';
    const [first, second] = await Promise.all([
      env.zuora.post('/v2/accounts', accountBody({ name: 'Racer' }), { 'Idempotency-Key': key }),
      env.zuora.post('/v2/accounts', accountBody({ name: 'Racer' }), { 'Idempotency-Key': key }),
    ]);
    // The in-memory store commits at once, so the second may also arrive after the first finished.
    expect([first.status, second.status].sort()).toContain(201);
    for (const answer of [first, second]) {
      if (answer.status === 409) {
        expect(answer.body).toMatchObject({ type: 'conflict', retryable: true });
        expect(answer.headers.get('retry-after')).toBe('1');
      } else {
        expect(answer.status).toBe(201);
      }
    }
  });
});
