import { DomainError } from '../domain/errors.js';
import type { TenantSettings } from '../state/settings.js';

interface Window {
  startedAt: number;
  used: number;
}

export interface Permit {
  /** Zuora's rate-limit headers, for the answer whatever it turns out to be. */
  headers: Record<string, string>;
  /** Frees the concurrency slot; call once the answer is sent. */
  release(): void;
}

/**
 * Zuora's per-tenant limits on its API: requests per window and requests at once, each reported on
 * every answer (`RateLimit-*`, `Concurrency-Limit-*`) and answered 429 with `Retry-After` when used
 * up. Windows are wall time, like the token lifetime: a client backing off waits real seconds.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly running = new Map<string, number>();

  constructor(private readonly nowMs: () => number) {}

  /** Counts the request against the tenant's limits; throws RateLimited (with the headers) when over. */
  enter(tenant: string, limits: TenantSettings['rateLimits']): Permit {
    const now = this.nowMs();
    const windowMs = limits.windowSeconds * 1000;
    let window = this.windows.get(tenant);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(tenant, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
    const running = this.running.get(tenant) ?? 0;
    const overRate = window.used >= limits.requestsPerWindow;
    const overConcurrency = running >= limits.concurrent;
    if (!overRate && !overConcurrency) window.used += 1;
    const headers = {
      'RateLimit-Limit': String(limits.requestsPerWindow),
      'RateLimit-Remaining': String(Math.max(0, limits.requestsPerWindow - window.used)),
      'RateLimit-Reset': String(resetSeconds),
      'Concurrency-Limit-Type': 'Default',
      'Concurrency-Limit-Limit': String(limits.concurrent),
      'Concurrency-Limit-Remaining': String(Math.max(0, limits.concurrent - running - (overRate || overConcurrency ? 0 : 1))),
    };
    if (overRate || overConcurrency) {
      const message = overRate
        ? `Rate limit exceeded: ${limits.requestsPerWindow} requests per ${limits.windowSeconds} s for this tenant`
        : `Concurrency limit exceeded: ${limits.concurrent} requests at once for this tenant`;
      throw new RateLimitedError(message, overRate ? resetSeconds : 1, headers);
    }
    this.running.set(tenant, running + 1);
    return new Slot(this.running, tenant, headers);
  }
}

/** A request's place in its tenant's concurrency count (a class: no closure is built per request). */
class Slot implements Permit {
  private released = false;

  constructor(
    private readonly running: Map<string, number>,
    private readonly tenant: string,
    readonly headers: Record<string, string>,
  ) {}

  release(): void {
    if (this.released) return;
    this.released = true;
    this.running.set(this.tenant, (this.running.get(this.tenant) ?? 1) - 1);
  }
}

/** A 429: the domain error every dialect shapes, and the headers that say when to come back. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    retryAfterSeconds: number,
    readonly headers: Record<string, string>,
  ) {
    super('RateLimited', message, undefined, undefined, retryAfterSeconds);
  }
}
