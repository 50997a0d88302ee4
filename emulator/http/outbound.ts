import { createRequire } from 'node:module';
import type { Dispatcher, Pool } from 'undici';

// undici, the HTTP client of callouts and clock ticks, is loaded on the first outbound request:
// most runs never make one, and loading it was a good part of the time to start.
let client: Promise<typeof import('undici')> | undefined;

export function outbound(): Promise<typeof import('undici')> {
  client ??= import('undici');
  return client;
}

/** Receivers whose kept-alive connections are held; the least recently used beyond this are closed. */
const POOLS_KEPT = 32;
const pools = new Map<string, Dispatcher>();

/** The pool of a receiver already called (marked the most recently used), if any. */
function keptPool(origin: string): Dispatcher | undefined {
  const pool = pools.get(origin);
  if (pool) {
    pools.delete(origin);
    pools.set(origin, pool);
  }
  return pool;
}

let poolClass: typeof Pool | undefined;

/**
 * undici's connection pool alone, loaded on the first callout: a pool is all a callout needs, and
 * loading the whole client (fetch, WebSocket, caches...) for it took three times as long, in the
 * first callout of an advance. The package has no exports map, so the file is its own to load; the
 * whole client, when something else loads it, uses this same module.
 */
function poolOf(origin: string): Pool {
  poolClass ??= createRequire(import.meta.url)('undici/lib/dispatcher/pool.js') as typeof Pool;
  return new poolClass(origin);
}

/**
 * A connection pool of one receiver (`origin`, such as `http://127.0.0.1:8080`). Callouts go to
 * a handful of receivers, many times each: a pool of their own skips the global agent's routing
 * by origin on every request, a measurable part of each callout.
 */
export function poolFor(origin: string): Dispatcher {
  const kept = keptPool(origin);
  if (kept) return kept;
  const pool = poolOf(origin);
  const [oldest] = pools;
  if (pools.size >= POOLS_KEPT && oldest) {
    pools.delete(oldest[0]);
    void oldest[1].close().catch(() => undefined);
  }
  pools.set(origin, pool);
  return pool;
}
