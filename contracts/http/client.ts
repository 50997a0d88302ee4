// A small HTTP client for the contract harness. It talks to any Zuora-like target (this emulator or
// a real sandbox) with nothing but a base URL and OAuth client credentials, and keeps every answer
// raw enough (status, headers, parsed body) for the checks to judge.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Exchange {
  method: HttpMethod;
  /** Path with query, as sent. */
  path: string;
  requestBody: unknown;
  status: number;
  headers: Headers;
  /** Parsed JSON; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  durationMs: number;
}

export interface RequestOptions {
  /** Send `body` form-encoded (the token endpoint) instead of as JSON. */
  form?: boolean;
  headers?: Record<string, string>;
}

export interface TargetOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per request; a target that hangs must not hang the harness. Default 30 s. */
  timeoutMs?: number;
  /** The emulator's admin token, for `admin()` calls (not needed when it runs admin-open). */
  adminToken?: string;
}

export class TargetClient {
  readonly baseUrl: string;
  private token: string | undefined;

  constructor(private readonly options: TargetOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  get credentials(): { clientId: string; clientSecret: string } {
    return { clientId: this.options.clientId, clientSecret: this.options.clientSecret };
  }

  /** Fetches a token with the client-credentials grant; the exchange is returned for checking. */
  async authenticate(): Promise<Exchange> {
    const exchange = await this.send(
      'POST',
      '/oauth/token',
      { client_id: this.options.clientId, client_secret: this.options.clientSecret, grant_type: 'client_credentials' },
      { form: true },
      false,
    );
    const token = (exchange.body as { access_token?: unknown } | undefined)?.access_token;
    if (typeof token === 'string') this.token = token;
    return exchange;
  }

  /** A call with the bearer token (fetched first if needed). */
  async request(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<Exchange> {
    if (this.token === undefined) await this.authenticate();
    return this.send(method, path, body, options, true);
  }

  /**
   * The emulator's admin API (`/__emulator/*`), with the admin token rather than an OAuth token.
   * Only meaningful when `isEmulator()`; against real Zuora these paths do not exist.
   */
  admin(method: HttpMethod, path: string, body?: unknown): Promise<Exchange> {
    // The admin API picks the tenant from this header, not from a token: name ours explicitly.
    const headers: Record<string, string> = { 'x-emulator-tenant': this.options.clientId };
    if (this.options.adminToken) headers.authorization = `Bearer ${this.options.adminToken}`;
    return this.send(method, `/__emulator${path}`, body, { headers }, false);
  }

  /** A call without the bearer token, e.g. the token endpoint itself. */
  unauthenticated(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<Exchange> {
    return this.send(method, path, body, options, false);
  }

  /** True when the target answers the emulator's health probe: then the admin API is there to use. */
  async isEmulator(): Promise<boolean> {
    try {
      const health = await this.admin('GET', '/health');
      return health.status === 200 && (health.body as { status?: unknown } | undefined)?.status === 'ok';
    } catch {
      return false;
    }
  }

  private async send(method: HttpMethod, path: string, body: unknown, options: RequestOptions, bearer: boolean): Promise<Exchange> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (bearer && this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      if (options.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        payload = new URLSearchParams(formFields(body)).toString();
      } else {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
    }
    const started = performance.now();
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    return {
      method,
      path,
      requestBody: body,
      status: response.status,
      headers: response.headers,
      body: parseText(text),
      durationMs: Math.round(performance.now() - started),
    };
  }
}

function parseText(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Form fields are text: objects are sent field by field, anything else as its JSON text. */
export function formFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body: JSON.stringify(body) };
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}
