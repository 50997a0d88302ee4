import type { IncomingHttpHeaders } from 'node:http';
import type { AnySchema } from 'ajv';
import type { Services } from '../services.js';

/**
 * The wire dialects the emulator speaks. Each has its own error shapes and status conventions
 * (see dialects.ts): `objectQuery` is `/object-query/*`, `action` the ZOQL calls under `/v1/action/*`.
 */
export type Dialect = 'v1' | 'v1crud' | 'action' | 'objectQuery' | 'objects' | 'v2' | 'events' | 'admin' | 'oauth';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as it is instead of `body` as JSON (the inspector's page and assets); headers give its type. */
  raw?: string | Buffer;
  /** An answer that stays open (server-sent events); headers give its type. */
  stream?: ReplyStream;
}

/**
 * Writes to an open answer until the client goes away. `open` gets the writer and returns what to do
 * when the connection closes (unsubscribe, stop timers).
 */
export interface ReplyStream {
  open(write: (chunk: string) => void): () => void;
}

export interface RequestContext {
  /** Tenant (OAuth client id) the request acts on. */
  tenant: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  headers: IncomingHttpHeaders;
  services: Services;
}

export interface Route {
  method: Method;
  /** Express path, e.g. `/v2/accounts/:account_id`. */
  path: string;
  /** Zuora object the route works on; picks the V1 resource code of its errors. */
  object?: string;
  /** `form` for form-encoded bodies (the token endpoint); JSON otherwise. */
  bodyFormat?: 'json' | 'form';
  /** JSON Schema of the request body, compiled once when the app is built. */
  body?: AnySchema;
  /**
   * How the tenant is found: `bearer` (default) from the OAuth token, `admin` from the
   * X-Emulator-Tenant header (default tenant when absent), `none` for the token endpoint itself.
   */
  auth?: 'bearer' | 'admin' | 'none';
  handler: (ctx: RequestContext) => Reply | Promise<Reply>;
}

/** One table per surface, so the whole surface reads on one screen and coverage can be listed from it. */
export interface RouteTable {
  dialect: Dialect;
  routes: readonly Route[];
}

/** The same table answered under another prefix too, e.g. `/v1/events/...` beside `/events/...`. */
export function mountedAt(prefix: string, table: RouteTable): RouteTable {
  return { dialect: table.dialect, routes: table.routes.map((route) => ({ ...route, path: `${prefix}${route.path}` })) };
}
