import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';
import { fetchToken as tokenFor } from '../../testing/admin.js';
import { useZuoraTenant, zuoraEmulator } from '../../testing/vitest.js';

// `any` by default: tests read whatever JSON came back and assert on it field by field.
export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** What a test needs to talk to one tenant: its token and plain HTTP helpers. */
export interface TenantClient {
  clientId: string;
  token: string;
  get(path: string, headers?: Record<string, string>): Promise<HttpResult>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  put(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  patch(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  delete(path: string, headers?: Record<string, string>): Promise<HttpResult>;
}

export async function request(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the raw text is what the test gets.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const fetchToken = (baseUrl: string, clientId: string, clientSecret: string): Promise<string> => tokenFor(baseUrl, { clientId, clientSecret });

export async function tenantClient(baseUrl: string, clientId: string, clientSecret: string): Promise<TenantClient> {
  const token = await fetchToken(baseUrl, clientId, clientSecret);
  const auth = { Authorization: `Bearer ${token}` };
  return {
    clientId,
    token,
    get: (path, headers) => request(baseUrl + path, 'GET', undefined, { ...auth, ...headers }),
    post: (path, body, headers) => request(baseUrl + path, 'POST', body, { ...auth, ...headers }),
    put: (path, body, headers) => request(baseUrl + path, 'PUT', body, { ...auth, ...headers }),
    patch: (path, body, headers) => request(baseUrl + path, 'PATCH', body, { ...auth, ...headers }),
    delete: (path, headers) => request(baseUrl + path, 'DELETE', undefined, { ...auth, ...headers }),
  };
}

/** Admin tokens of the emulators this test process started, by base URL, so admin calls need not pass them around. */
const adminTokens = new Map<string, string>();

/** Makes `adminClient(emulator.url)` send this emulator's admin token; `useEmulator` does it for its own. */
export function rememberAdminToken(emulator: Pick<RunningEmulator, 'url' | 'adminToken'>): void {
  adminTokens.set(emulator.url, emulator.adminToken);
}

/** The headers of an admin call: the emulator's admin token (when known) and the tenant (the default tenant unless named). */
export function adminHeaders(baseUrl: string, tenant?: string, token = adminTokens.get(baseUrl)): Record<string, string> {
  return { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(tenant ? { 'X-Emulator-Tenant': tenant } : {}) };
}

/** The admin API of one tenant (the default tenant unless named), with the emulator's admin token. */
export function adminClient(baseUrl: string, tenant?: string, token?: string) {
  const headers = adminHeaders(baseUrl, tenant, token ?? adminTokens.get(baseUrl));
  return {
    get: (path: string) => request(`${baseUrl}/__emulator${path}`, 'GET', undefined, headers),
    post: (path: string, body?: unknown) => request(`${baseUrl}/__emulator${path}`, 'POST', body ?? {}, headers),
    put: (path: string, body?: unknown) => request(`${baseUrl}/__emulator${path}`, 'PUT', body, headers),
    patch: (path: string, body?: unknown) => request(`${baseUrl}/__emulator${path}`, 'PATCH', body, headers),
    delete: (path: string, body?: unknown) => request(`${baseUrl}/__emulator${path}`, 'DELETE', body, headers),
  };
}

export interface TestEmulator {
  emulator: RunningEmulator;
  url: string;
  /** The default tenant's client. */
  zuora: TenantClient;
  admin: ReturnType<typeof adminClient>;
}

/**
 * Starts an in-memory emulator on a free port for the file's tests and stops it afterwards.
 * The returned object is filled in by beforeAll, so read its fields inside tests only.
 */
export function useEmulator(options: EmulatorOptions = {}): TestEmulator {
  const context = {} as TestEmulator;
  beforeAll(async () => {
    context.emulator = await startEmulator({ inMemory: true, port: 0, ...options });
    context.url = context.emulator.url;
    rememberAdminToken(context.emulator);
    const { clientId, clientSecret } = context.emulator.credentials;
    context.zuora = await tenantClient(context.url, clientId, clientSecret);
    context.admin = adminClient(context.url);
  });
  afterAll(async () => {
    await context.emulator?.close();
  });
  return context;
}

/** A tenant of the file's own, for files that only talk HTTP to it. */
export interface TestTenant extends Omit<TestEmulator, 'emulator'> {
  /** The tenant's OAuth client, for clients the test builds itself (the sync engine, the contract harness). */
  credentials: { clientId: string; clientSecret: string };
  adminToken: string;
}

/**
 * A tenant of the file's own on the run's emulator (started by test/setup/zuoraEmulator.ts), made
 * through the public 'zuora-emulator/vitest' helpers as a user's suite makes one: set up like the
 * default tenant of a fresh emulator (the platform's custom fields, the clock at `now`), in
 * milliseconds instead of an emulator start. Files that need the emulator's internals
 * (`emulator.services`), start options or its default tenant use useEmulator instead.
 */
export function useTenant(options: { now?: string } = {}): TestTenant {
  const tenant = useZuoraTenant({ per: 'file', presetCustomFields: true, ...(options.now ? { now: options.now } : {}) });
  const context = {} as TestTenant;
  // Registered after useZuoraTenant's own beforeAll, so the tenant exists when this runs.
  beforeAll(async () => {
    const { adminToken } = zuoraEmulator();
    rememberAdminToken({ url: tenant.url, adminToken });
    context.url = tenant.url;
    context.credentials = { clientId: tenant.clientId, clientSecret: tenant.clientSecret };
    context.adminToken = adminToken;
    context.zuora = await tenantClient(tenant.url, tenant.clientId, tenant.clientSecret);
    context.admin = adminClient(tenant.url, tenant.clientId, adminToken);
  });
  return context;
}

/** A valid Quickstart account body; tests override what they care about. */
export function accountBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Acme Corp',
    currency: 'USD',
    bill_cycle_day: 1,
    payment_terms: 'Net 30',
    bill_to: {
      first_name: 'Ada',
      last_name: 'Lovelace',
      work_email: 'ada@example.com',
      address: { line1: '1 Main St', city: 'San Francisco', state: 'CA', country: 'United States', postal_code: '94105' },
    },
    custom_fields: { stiggCustomerId__c: 'customer-1', stiggEntityUrl__c: 'https://app.example.com/customers/customer-1' },
    ...overrides,
  };
}

/**
 * Defines text custom fields the way a platform does before writing them (`PUT /objects/definitions/{object}`):
 * tenants refuse undefined `*__c` fields. The default tenant already has the platform's own
 * (`stiggCustomerId__c`, `stiggEntityUrl__c`, `stiggResourceId__c`).
 */
export async function defineCustomFields(zuora: TenantClient, fields: Record<string, readonly string[]>): Promise<void> {
  for (const [object, names] of Object.entries(fields)) {
    const properties = Object.fromEntries(names.map((name) => [name, { type: 'string', maxLength: 255, label: name }]));
    const response = await zuora.put(`/objects/definitions/${object.toLowerCase()}`, { properties });
    if (response.status !== 200) throw new Error(`custom fields of ${object}: ${JSON.stringify(response.body)}`);
  }
}

export interface TestCustomer {
  id: string;
  number: string;
}

/** A Quickstart account: with a card, on auto-pay and charged through it; without one, invoiced only. */
export async function createCustomer(zuora: TenantClient, card?: string): Promise<TestCustomer> {
  const payment = card
    ? { auto_pay: true, payment_method: { type: 'card', card: { card_number: card, expiry_month: 12, expiry_year: 2030, brand: 'visa' } } }
    : { auto_pay: false };
  const created = await zuora.post('/v2/accounts', accountBody(payment));
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return { id: created.body.id, number: created.body.account_number };
}

/**
 * Order answers list `subscriptions: [{subscriptionNumber, status}]` from minor version 223.0; the
 * tenant default (211.0) lists `subscriptionNumbers`. Tests that read the newer shape ask for it.
 */
export const ORDERS_223: Record<string, string> = { 'Zuora-Version': '223.0' };
