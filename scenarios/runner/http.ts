import qs from 'qs';
import { request } from 'undici';

// Plain HTTP to the public surfaces a scenario may use: the sync engine's API, Zuora's API on the
// emulator (OAuth client credentials of the scenario's tenant), Stripe's API on the emulator (the
// account's secret key, form-encoded as Stripe's libraries send it; `integration: stripe` files)
// and the emulator's admin API. Every call a step makes is recorded for the timeline.

export type Surface = 'sync' | 'zuora' | 'stripe' | 'admin';

export interface RecordedCall {
  surface: Surface;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

/** The tenant header of the emulator's admin API. */
export const TENANT_HEADER = 'X-Emulator-Tenant';

export class HttpError extends Error {
  constructor(
    readonly surface: Surface,
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} (${surface}) answered ${status}: ${summarise(body)}`);
  }
}

function summarise(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === undefined ? '(no body)' : text.length > 600 ? `${text.slice(0, 600)}...` : text;
}

/** JSON when it parses, the text otherwise, undefined when empty. */
function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the text is the answer.
    return text;
  }
}

/**
 * One call through undici's global dispatcher: one keep-alive pool per origin, shared with the sync
 * engine's client, and far less work per call than `fetch` (the runner makes hundreds per scenario).
 */
async function sendText(url: string, method: string, body: string | undefined, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await request(url, { method: method as 'GET', headers, ...(body !== undefined ? { body } : {}) });
  return { status: response.statusCode, text: await response.body.text() };
}

async function send(url: string, method: string, body: string | undefined, headers: Record<string, string>): Promise<HttpAnswer> {
  const { status, text } = await sendText(url, method, body, headers);
  return { status, body: parse(text) };
}

/** A JSON call: the body (when there is one) sent as JSON, the answer parsed. */
function sendJson(url: string, method: string, body: unknown, headers: Record<string, string>): Promise<HttpAnswer> {
  if (body === undefined) return send(url, method, undefined, { accept: 'application/json', ...headers });
  return send(url, method, JSON.stringify(body), { accept: 'application/json', ...headers, 'content-type': 'application/json' });
}

export interface ZuoraCredentials {
  clientId: string;
  clientSecret: string;
}

export interface ScenarioHttpOptions {
  emulatorUrl: string;
  syncUrl: string;
  credentials: ZuoraCredentials;
  /** The admin API's tenant; the credentials' client id unless told ('' for the emulator's default tenant). */
  tenant?: string;
  /** The emulator's admin token, sent on admin calls (none needed when it runs admin-open). */
  adminToken?: string;
  /** Stripe's API on the emulator and the scenario's account key (`integration: stripe`). */
  stripe?: StripeAccess;
}

export interface StripeAccess {
  url: string;
  secretKey: string;
}

/** One scenario's HTTP: the three surfaces, a Zuora token cache and the call record. */
export class ScenarioHttp {
  readonly calls: RecordedCall[] = [];
  /** Calls that may have changed something (any method but GET, token requests included), so far. */
  writes = 0;
  /** Calls to the emulator's Zuora and Stripe APIs, which its request journal records, so far. */
  emulatorApiCalls = 0;
  /**
   * The tenant's clock when it was last found quiet (an answered clock advance), while nothing but
   * reads has happened since; undefined once anything else has.
   */
  quietAt: string | undefined;
  private token: string | undefined;
  readonly emulatorUrl: string;
  readonly syncUrl: string;
  readonly tenant: string;

  constructor(private readonly options: ScenarioHttpOptions) {
    this.emulatorUrl = options.emulatorUrl.replace(/\/+$/, '');
    this.syncUrl = options.syncUrl.replace(/\/+$/, '');
    this.tenant = options.tenant ?? options.credentials.clientId;
  }

  get credentials(): ZuoraCredentials {
    return this.options.credentials;
  }

  /** A call to the sync engine's API; `quiet` calls (the runner's own bookkeeping) stay off the record. */
  sync(method: string, path: string, body?: unknown, quiet = false): Promise<HttpAnswer<any>> {
    return this.timed('sync', method, path, quiet, () => sendJson(this.syncUrl + path, method, body, {}));
  }

  admin(method: string, path: string, body?: unknown, quiet = false): Promise<HttpAnswer<any>> {
    // No tenant header speaks for the emulator's default tenant (creating tenants is done that way).
    const headers: Record<string, string> = this.tenant ? { [TENANT_HEADER]: this.tenant } : {};
    if (this.options.adminToken) headers.authorization = `Bearer ${this.options.adminToken}`;
    return this.timed('admin', method, path, quiet, () => sendJson(`${this.emulatorUrl}/__emulator${path}`, method, body, headers));
  }

  /** A Zuora API call as the tenant's API user: OAuth client credentials, the token fetched again once on a 401. */
  async zuora(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<any>> {
    return this.timed('zuora', method, path, false, async () => {
      let answer = await sendJson(this.emulatorUrl + path, method, body, { ...headers, authorization: `Bearer ${await this.bearer()}` });
      if (answer.status === 401) {
        this.token = undefined;
        answer = await sendJson(this.emulatorUrl + path, method, body, { ...headers, authorization: `Bearer ${await this.bearer()}` });
      }
      return answer;
    });
  }

  /** A Stripe API call with the account's secret key; parameters form-encoded (in the query for GET and DELETE). */
  stripe(method: string, path: string, params: Record<string, unknown> = {}): Promise<HttpAnswer<any>> {
    const access = this.options.stripe;
    if (!access) throw new Error('this scenario has no Stripe account: give the file `integration: stripe`');
    const encoded = qs.stringify(params, { arrayFormat: 'indices', encodeValuesOnly: true });
    const upper = method.toUpperCase();
    const inQuery = upper !== 'POST' && encoded;
    return this.timed('stripe', upper, path, false, async () => {
      const url = `${access.url.replace(/\/+$/, '')}${path}${inQuery ? `${path.includes('?') ? '&' : '?'}${encoded}` : ''}`;
      const headers = { authorization: `Bearer ${access.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' };
      const { status, text } = await sendText(url, upper, upper === 'POST' ? encoded : undefined, headers);
      return { status, body: text ? (JSON.parse(text) as unknown) : undefined };
    });
  }

  stripeOk<T = any>(method: string, path: string, params?: Record<string, unknown>): Promise<T> {
    return this.ok<T>(this.stripe(method, path, params), 'stripe', method, path);
  }

  /** Like the calls above, but a status of 400 or more (or V1's `success: false`) throws. */
  async ok<T = any>(answer: Promise<HttpAnswer<T>>, surface: Surface, method: string, path: string): Promise<T> {
    const result = await answer;
    if (result.status >= 400 || isV1Failure(result.body)) throw new HttpError(surface, method, path, result.status, result.body);
    return result.body;
  }

  syncOk<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    return this.ok<T>(this.sync(method, path, body), 'sync', method, path);
  }

  adminOk<T = any>(method: string, path: string, body?: unknown, quiet = false): Promise<T> {
    return this.ok<T>(this.admin(method, path, body, quiet), 'admin', method, path);
  }

  zuoraOk<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    return this.ok<T>(this.zuora(method, path, body), 'zuora', method, path);
  }

  private async bearer(): Promise<string> {
    if (this.token) return this.token;
    this.wrote();
    const form = new URLSearchParams({ client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret, grant_type: 'client_credentials' });
    const { status, text } = await sendText(`${this.emulatorUrl}/oauth/token`, 'POST', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    const token = (parse(text) as { access_token?: unknown } | undefined)?.access_token;
    if (typeof token !== 'string') throw new Error(`Zuora refused a token for client ${this.credentials.clientId}: HTTP ${status} ${text}`);
    this.token = token;
    return token;
  }

  /**
   * The tenant was settled without a call through here (a zero clock advance made in process): that
   * counts as the write its call would have been, and the tenant is quiet at `now`.
   */
  settledAt(now: string): void {
    this.wrote();
    this.quietAt = now;
  }

  private wrote(): void {
    this.writes += 1;
    this.quietAt = undefined;
  }

  private async timed(surface: Surface, method: string, path: string, quiet: boolean, call: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
    const started = performance.now();
    if (method.toUpperCase() !== 'GET') this.wrote();
    if (surface === 'zuora' || surface === 'stripe') this.emulatorApiCalls += 1;
    const answer = await call();
    // A clock advance answers once the tenant is quiet (a zero advance is how the runner waits for that).
    if (surface === 'admin' && path === '/clock/advance' && answer.status === 200) this.quietAt = (answer.body as { now?: string } | undefined)?.now;
    if (!quiet) this.calls.push({ surface, method, path, status: answer.status, durationMs: Math.round((performance.now() - started) * 10) / 10 });
    return answer;
  }
}

/** V1 answers business errors with HTTP 200 and `success: false`. */
export function isV1Failure(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { success?: unknown }).success === false;
}
