import type { IncomingHttpHeaders } from 'node:http';
import type { SyncContext } from '../context.js';
import type { CalloutCredentials } from '../integration/index.js';
import type { UsageSyncRunner } from '../usageSyncRunner.js';

/** What the handlers work with: the engine's context and the few things only the API needs. */
export interface Engine {
  ctx: SyncContext;
  /** Where Zuora posts its callouts: the engine's public URL + /webhooks/zuora. */
  webhookUrl: string;
  /** What connect registers in the callout templates and the webhook requires. */
  callouts: CalloutCredentials;
  /** Usage syncs go through one runner, so a manual sync never overlaps the hourly one. */
  usage: UsageSyncRunner;
}

export interface ApiRequest {
  engine: Engine;
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface ApiReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  method: Method;
  /** Express path, e.g. `/api/customers/:id`. */
  path: string;
  /** Writes that reach Zuora: run one at a time with the callouts they raise (sync/serial.ts). */
  exclusive?: boolean;
  handler: (request: ApiRequest) => ApiReply | Promise<ApiReply>;
}
