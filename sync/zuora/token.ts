import { errorFromAnswer, ZuoraError } from './errors.js';
import { send } from './transport.js';

export interface Credentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

/** Zuora documents one-hour tokens; used only if an answer leaves `expires_in` out. */
const DEFAULT_LIFETIME_S = 3600;
/** Refresh this long before expiry so a request never leaves with a token about to lapse in flight. */
const REFRESH_MARGIN_MS = 60_000;

interface Cached {
  token: string;
  /** Wall-clock epoch ms after which the token is fetched again. */
  refreshAt: number;
}

/**
 * The OAuth client-credentials token, fetched once and shared. Expiry follows the wall clock on
 * purpose: token lifetime is transport, not billing, so an emulator's virtual clock must not move it.
 */
export class TokenCache {
  private cached: Cached | undefined;
  /** One fetch at a time: concurrent callers wait for the same token instead of each asking for one. */
  private pending: Promise<string> | undefined;

  constructor(private readonly credentials: Credentials) {}

  get(): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets `token` after Zuora refused it; a token fetched meanwhile by another caller is kept. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    const { baseUrl, clientId, clientSecret, timeoutMs } = this.credentials;
    const call = 'POST /oauth/token';
    const answer = await send(
      baseUrl,
      {
        method: 'POST',
        path: '/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' }).toString(),
      },
      timeoutMs,
    );
    const failure = errorFromAnswer(call, answer.status, answer.body);
    if (failure) throw failure;
    const body = (answer.body ?? {}) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new ZuoraError({ message: `${call} answered without an access_token`, status: answer.status, retryable: false });
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : DEFAULT_LIFETIME_S) * 1000;
    // A short-lived token (tests, odd tenants) still gets used for half its life rather than not at all.
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.cached = { token: body.access_token, refreshAt: Date.now() + lifetimeMs - margin };
    return body.access_token;
  }
}
