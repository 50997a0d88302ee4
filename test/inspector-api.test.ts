import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { adminRoutes } from '../emulator/admin/routes.js';
import { startEmulator } from '../emulator/index.js';
import { emulatorTime } from '../sync/emulatorTime.js';
import { startSyncEngine } from '../sync/index.js';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, adminHeaders, request, useEmulator, ORDERS_223 } from './helpers/emulator.js';

// What the inspector page stands on, over plain HTTP: the page and its assets, the sign-in that
// turns the admin token into a session cookie, the admin views of a tenant and the change feed.

const TOKEN = 'inspector-api-admin-token';
const UI = fileURLToPath(new URL('../emulator/inspector/ui/', import.meta.url));
const ASSETS = fileURLToPath(new URL('../emulator/inspector/assets/', import.meta.url));
const TSC = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const START = '2026-01-15T10:00:00.000Z';
const env = useEmulator({ now: START, adminToken: TOKEN });
let catalog: TestCatalog;

/** The admin API with the admin token. */
const admin = (method: string, path: string, body?: unknown) => request(`${env.url}/__emulator${path}`, method, body ?? (method === 'GET' ? undefined : {}), adminHeaders(env.url));
const login = (token: string, headers: Record<string, string> = {}) => request(`${env.url}/__emulator/ui/login`, 'POST', { token }, headers);
const sessionOf = (response: { headers: Headers }): string => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

beforeEach(async () => {
  await admin('POST', '/reset', { now: START });
  catalog = await createTestCatalog(env.zuora);
});

async function subscribe(seats: number): Promise<{ accountId: string; accountNumber: string; number: string }> {
  const { body: account } = await env.zuora.post('/v2/accounts', accountBody({ bill_cycle_day: 1 }));
  const created = await env.zuora.post('/v1/orders', {
    orderDate: '2026-01-15',
    existingAccountNumber: account.account_number,
    subscriptions: [
      {
        orderActions: [
          {
            type: 'CreateSubscription',
            createSubscription: {
              terms: { initialTerm: { termType: 'EVERGREEN' } },
              subscribeToRatePlans: [{ productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: seats } } }] }],
            },
          },
        ],
      },
    ],
  }, ORDERS_223);
  return { accountId: account.id, accountNumber: account.account_number, number: created.body.subscriptions[0].subscriptionNumber };
}

const addSupport = (accountNumber: string, number: string, extra: Record<string, unknown> = {}) =>
  env.zuora.post('/v1/orders', {
    orderDate: '2026-01-15',
    existingAccountNumber: accountNumber,
    subscriptions: [{ subscriptionNumber: number, orderActions: [{ type: 'AddProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-01-20' }], addProduct: { productRatePlanId: catalog.support.planId } }] }],
    ...extra,
  });

describe('the page', () => {
  it('is served by the emulator with its assets, allowing no other origin, and holds no tenant data', async () => {
    const page = await fetch(`${env.url}/__emulator/ui`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const text = await page.text();
    expect(text).not.toContain(env.emulator.credentials.clientId);
    expect(text).not.toMatch(/(src|href)="https?:/);
    const script = await fetch(`${env.url}/__emulator/ui/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain("from './components.js'");
    expect((await fetch(`${env.url}/__emulator/ui/style.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves nothing but the files of its folder', async () => {
    for (const name of ['assets.ts', '..%2Froutes.ts', 'tsconfig.json', '.hidden.js']) {
      expect((await fetch(`${env.url}/__emulator/ui/${name}`)).status).toBe(404);
    }
  });
});

describe('signing in', () => {
  it('refuses a wrong token with 401 and no session', async () => {
    const answer = await login('wrong');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: { kind: 'Unauthenticated', field: 'token', message: 'That is not the admin token of this emulator' } });
    expect(answer.headers.get('set-cookie')).toBeNull();
  });

  it('turns the token into an HttpOnly, SameSite=Strict session cookie that opens the admin API until sign-out', async () => {
    const answer = await login(TOKEN);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('set-cookie')).toMatch(/^zuora_emulator_session=[0-9a-f]{64}; Path=\/__emulator; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const cookie = { cookie: sessionOf(answer) };
    expect((await request(`${env.url}/__emulator/ui/session`, 'GET', undefined, cookie)).body).toEqual({ signedIn: true });
    expect((await request(`${env.url}/__emulator/inspect/accounts`, 'GET', undefined, cookie)).status).toBe(200);
    const out = await request(`${env.url}/__emulator/ui/logout`, 'POST', undefined, cookie);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await request(`${env.url}/__emulator/inspect/accounts`, 'GET', undefined, cookie)).status).toBe(401);
    expect((await request(`${env.url}/__emulator/ui/session`, 'GET', undefined, cookie)).body).toEqual({ signedIn: false });
  });

  it('refuses a sign-in posted from another site', async () => {
    expect((await login(TOKEN, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await login(TOKEN, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('answers 401 on every data request and the change feed without the token or a session', async () => {
    const reads = adminRoutes.routes.filter((route) => route.method === 'GET' && route.auth === 'admin');
    expect(reads.map((route) => route.path)).toEqual(expect.arrayContaining(['/__emulator/changes', '/__emulator/inspect/accounts', '/__emulator/callouts']));
    for (const route of reads) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'x');
      expect([path, (await fetch(`${env.url}${path}`)).status]).toEqual([path, 401]);
      expect([path, (await fetch(`${env.url}${path}`, { headers: { cookie: 'zuora_emulator_session=forged' } })).status]).toEqual([path, 401]);
    }
  });
});

describe("a tenant's objects", () => {
  it("shows a subscription's version chain with the order behind each version, its rate plans and the invoices billing it", async () => {
    const { accountNumber, number } = await subscribe(3);
    const amended = await addSupport(accountNumber, number);
    await admin('POST', '/clock/advance', { to: '2026-02-01T02:00:00Z' });
    const chain = (await admin('GET', `/inspect/subscriptions/${number}`)).body;
    expect(chain.subscriptionNumber).toBe(number);
    expect(chain.versions.map((version: { version: number; isLatestVersion: boolean; order: { orderNumber: string; actions: string[] } }) => [version.version, version.isLatestVersion, version.order.actions])).toEqual([
      [1, false, ['CreateSubscription']],
      [2, true, ['AddProduct']],
    ]);
    expect(chain.versions[1].order.orderNumber).toBe(amended.body.orderNumber);
    expect(chain.versions[1].previousSubscriptionId).toBe(chain.versions[0].id);
    expect(chain.versions[1].ratePlans.map((plan: { name: string; lastChangeType: string | null }) => [plan.name, plan.lastChangeType])).toEqual([
      ['Pro', null],
      ['Priority support', 'Add'],
    ]);
    expect(chain.versions[1].invoices).toEqual([expect.objectContaining({ invoiceNumber: 'INV00000001', status: 'Posted' })]);
    // Any version's id names the same chain.
    expect((await admin('GET', `/inspect/subscriptions/${chain.versions[0].id}`)).body.versions).toHaveLength(2);
    expect((await admin('GET', '/inspect/subscriptions')).body.data).toEqual([expect.objectContaining({ subscriptionNumber: number, version: 2, id: chain.versions[1].id })]);
    expect((await admin('GET', '/inspect/subscriptions/A-S99999999')).status).toBe(404);
  });

  it("shows an account's invoices and payments in order, with the gateway's answer to a declined payment and the faults in force", async () => {
    const { body: account } = await env.zuora.post(
      '/v2/accounts',
      accountBody({ bill_cycle_day: 1, auto_pay: true, payment_method: { type: 'card', card: { card_number: '4242424242424242', expiry_month: 12, expiry_year: 2030, brand: 'visa' } } }),
    );
    await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      existingAccountNumber: account.account_number,
      subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] } }] }],
    });
    await admin('POST', '/faults/payments', { accountNumber: account.account_number, count: 2 });
    await admin('POST', '/clock/advance', { to: '2026-02-01T02:00:00Z' });
    const view = (await admin('GET', `/inspect/accounts/${account.id}`)).body;
    expect(view).toMatchObject({ accountNumber: account.account_number, status: 'Active', autoPay: true, paymentMethods: [{ brand: 'Visa', last4: '4242', status: 'Active' }] });
    expect(view.timeline.map((entry: { kind: string; status: string }) => [entry.kind, entry.status])).toEqual([
      ['invoice', 'Posted'],
      ['payment', 'Error'],
    ]);
    expect(view.timeline[1]).toMatchObject({ gatewayResponseCode: 'card_declined', gatewayResponse: 'Your card was declined.', invoices: [{ invoiceNumber: view.timeline[0].number }] });
    expect(view.timeline[0].items[0]).toMatchObject({ subscriptionNumber: expect.stringMatching(/^A-S/), subscriptionId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect((await admin('GET', '/faults')).body).toEqual({ callouts: null, payments: [expect.objectContaining({ accountNumber: account.account_number, remaining: 1, responseCode: 'card_declined' })] });
    expect((await admin('GET', '/inspect/accounts')).body.data).toEqual([expect.objectContaining({ id: account.id, balance: view.balance })]);
  });

  it('lists a Scheduled order with its date, and cancelling it withdraws its run', async () => {
    const { accountNumber, number } = await subscribe(2);
    const scheduled = await addSupport(accountNumber, number, { status: 'Scheduled', schedulingOptions: { scheduledDate: '2026-02-01' } });
    const orders = (await admin('GET', '/inspect/orders')).body.data;
    expect(orders.map((order: { status: string; scheduledDate: string | null; actions: string[] }) => [order.status, order.scheduledDate, order.actions])).toEqual([
      ['Completed', null, ['CreateSubscription']],
      ['Scheduled', '2026-02-01', ['AddProduct']],
    ]);
    const cancelled = await admin('POST', `/orders/${scheduled.body.orderNumber}/cancel`);
    expect(cancelled.body).toEqual({ orderNumber: scheduled.body.orderNumber, status: 'Cancelled' });
    expect((await admin('GET', '/jobs')).body.data.map((job: { kind: string }) => job.kind)).not.toContain('order.execute');
    expect((await admin('POST', `/orders/${orders[0].orderNumber}/cancel`)).status).toBe(409);
    expect((await admin('POST', '/orders/O-99999999/cancel')).status).toBe(404);
  });

  it('answers a clock advance with the jobs it ran, in order', async () => {
    await subscribe(1);
    const advanced = (await admin('POST', '/clock/advance', { to: '2026-02-01T02:00:00Z' })).body;
    expect(advanced.ran.map((job: { kind: string; dueAt: string; outcome: string }) => [job.kind, job.dueAt, job.outcome])).toEqual([['billing.billRun', '2026-02-01T00:00:00.000Z', 'done']]);
    expect(advanced.jobsRun).toBe(1);
  });

  it('lists usage records, and callouts with the account their object belongs to', async () => {
    const { accountId, accountNumber, number } = await subscribe(1);
    const metered = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      existingAccountNumber: accountNumber,
      subscriptions: [{ subscriptionNumber: number, orderActions: [{ type: 'AddProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-01-15' }], addProduct: { productRatePlanId: catalog.metered.planId } }] }],
    });
    expect(metered.body.success).toBe(true);
    const usage = await env.zuora.post('/v2/usage_records', { account_number: accountNumber, subscription_number: number, unit_of_measure: 'call', quantity: 3, start_time: '2026-01-15T10:00:00Z' });
    expect(usage.status).toBe(201);
    expect((await admin('GET', '/inspect/usage')).body.data).toEqual([expect.objectContaining({ id: usage.body.id, subscriptionNumber: number, quantity: 3, status: 'Pending', invoiceId: null })]);
    const notification = await env.zuora.post('/notifications/notification-definitions', {
      name: 'Account changed',
      eventCategory: 1500,
      active: true,
      calloutActive: true,
      callout: { name: 'c', calloutBaseurl: 'http://127.0.0.1:9/nowhere', httpMethod: 'POST', calloutParams: {}, calloutRetry: false, active: true, requiredAuth: false },
    });
    expect(notification.status).toBe(200);
    expect((await env.zuora.patch(`/v2/accounts/${accountId}`, { name: 'Renamed' })).status).toBe(200);
    await admin('POST', '/callouts/flush');
    const callouts = (await admin('GET', '/inspect/callouts')).body.data;
    expect(callouts).toEqual([expect.objectContaining({ object: 'Account', objectId: accountId, accountId, eventName: '1500', status: 'failed' })]);
    expect(callouts[0]).not.toHaveProperty('auth');
  });
});

describe('the change feed', () => {
  it('streams a change to a Zuora object and the activity of its tenant as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${env.url}/__emulator/changes`, { headers: adminHeaders(env.url), signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp): Promise<void> => {
      while (!pattern.test(text)) text += decoder.decode((await reader.read()).value);
    };
    await until(/event: ready/);
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    await until(/event: change\ndata: .*"object":"Account"/);
    await until(/event: activity\ndata: .*"kind":"state"/);
    controller.abort();
    const change = /event: change\ndata: (.*"object":"Account".*)\n/.exec(text)?.[1] ?? '{}';
    expect(JSON.parse(change)).toMatchObject({ tenant: env.emulator.credentials.clientId, object: 'Account', changeType: 'INSERT', id: account.id, at: START });
  });

  it('ends open feeds when the emulator stops, so stopping never waits on a browser', async () => {
    const other = await startEmulator({ inMemory: true, port: 0 });
    const response = await fetch(`${other.url}/__emulator/changes`, { headers: { Authorization: `Bearer ${other.adminToken}` } });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await other.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});

describe('the sync engine beside the tenant', () => {
  it('is shown once the engine announces itself, and said to be unreachable when it is gone', async () => {
    expect((await admin('GET', '/inspect/sync-engine')).body).toEqual({ linked: false });
    const { clientId, clientSecret } = env.emulator.credentials;
    const engine = await startSyncEngine({ port: 0, inMemory: true, zuora: { baseUrl: env.url, clientId, clientSecret }, time: emulatorTime(env.url, clientId, TOKEN) });
    try {
      await engine.followEmulatorClock(env.url, clientId, TOKEN);
      await request(`${engine.url}/api/customers`, 'POST', { id: 'cust-1', name: 'Ada' });
      const view = (await admin('GET', '/inspect/sync-engine')).body;
      expect(view).toMatchObject({ linked: true, url: engine.url, reachable: true, customers: [{ id: 'cust-1', name: 'Ada' }], subscriptions: [] });
      expect(view.events.map((event: { type: string }) => event.type)).toContain('CUSTOMER_CREATED');
    } finally {
      await engine.close();
    }
    expect((await admin('GET', '/inspect/sync-engine')).body).toMatchObject({ linked: true, reachable: false, error: expect.any(String) });
  });
});

describe('the shipped page', () => {
  it('is the compiled output of its TypeScript sources, committed as it is built (npm run inspector:build)', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'inspector-build-'));
    try {
      await promisify(execFile)(process.execPath, [TSC, '-p', path.join(UI, 'tsconfig.json'), '--outDir', out]);
      const built = (await readdir(out)).sort();
      const shipped = (await readdir(ASSETS)).filter((name) => name.endsWith('.js')).sort();
      expect(shipped).toEqual(built);
      for (const name of built) expect([name, await readFile(path.join(ASSETS, name), 'utf8')]).toEqual([name, await readFile(path.join(out, name), 'utf8')]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
