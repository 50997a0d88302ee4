import { randomBytes, randomUUID } from 'node:crypto';

// The emulator's admin API (/__emulator/*) as plain methods, for the helpers users import into
// their own tests: the Testcontainers module and the vitest helpers share it.

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface NewTenantOptions {
  /** Default: a fresh random id, so parallel tests never collide. */
  clientId?: string;
  clientSecret?: string;
  name?: string;
  /** Start of the new tenant's clock (ISO); a fork starts at its snapshot's time instead. */
  now?: string;
  /** Fork from this snapshot of the tenant the client acts on (the default tenant unless named). */
  fromSnapshot?: string;
  /** Start with the sync engine's custom fields defined, as the default tenant does (undefined ones are refused). */
  presetCustomFields?: boolean;
}

/** A tenant's OAuth bearer token from the emulator's token endpoint. */
export async function fetchToken(url: string, { clientId, clientSecret }: Credentials): Promise<string> {
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${clientId}: ${JSON.stringify(body)}`);
  return body.access_token;
}

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly body: string,
  ) {
    super(`${path} answered ${status}: ${body.slice(0, 300)}`);
  }
}

/** The admin calls of one emulator, acting on one tenant (the default tenant unless `tenant` is given). */
export class EmulatorAdmin {
  constructor(
    readonly url: string,
    readonly adminToken: string | undefined,
    readonly tenant?: string,
  ) {}

  /** The same emulator, acting on another tenant. */
  forTenant(clientId: string): EmulatorAdmin {
    return new EmulatorAdmin(this.url, this.adminToken, clientId);
  }

  /** Moves the tenant's virtual clock `by` an ISO duration ("P1M") or `to` a time, running every job due on the way. */
  advanceClock(step: string | { by?: string; to?: string }): Promise<{ now: string; jobsRun: number }> {
    return this.call('POST', '/clock/advance', typeof step === 'string' ? { by: step } : step);
  }

  async now(): Promise<string> {
    return (await this.call<{ now: string }>('GET', '/clock')).now;
  }

  /** Delivers every callout owed now and answers counts by outcome. */
  flushCallouts(): Promise<Record<string, number>> {
    return this.call('POST', '/callouts/flush', {});
  }

  /** Empties the tenant; its clock restarts at `now` (else wall time). */
  reset(now?: string): Promise<unknown> {
    return this.call('POST', '/reset', now ? { now } : {});
  }

  snapshot(name: string): Promise<unknown> {
    return this.call('POST', '/snapshots', { name });
  }

  restore(name: string): Promise<unknown> {
    return this.call('POST', `/snapshots/${encodeURIComponent(name)}/restore`, {});
  }

  /** A new tenant (optionally forked from a snapshot of this one); answers its OAuth credentials. */
  async newTenant(options: NewTenantOptions = {}): Promise<Credentials> {
    // Zuora's client ids are UUIDs (36 characters); a client that checks their shape takes these too.
    const clientId = options.clientId ?? randomUUID();
    const clientSecret = options.clientSecret ?? randomBytes(16).toString('hex');
    const { clientId: _id, clientSecret: _secret, ...rest } = options;
    await this.call('POST', '/tenants', { clientId, clientSecret, ...rest });
    return { clientId, clientSecret };
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.adminToken) headers.authorization = `Bearer ${this.adminToken}`;
    if (this.tenant) headers['x-emulator-tenant'] = this.tenant;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}/__emulator${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    if (!response.ok) throw new AdminApiError(response.status, `${method} /__emulator${path}`, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
