import type { AnySchema } from 'ajv';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { Transaction } from '../../state/transaction.js';

// The sync engine working against a tenant, as the inspector shows it beside the emulator's own
// objects. The engine says where it is (PUT /__emulator/sync-engine) when it follows the tenant's
// clock; the emulator reads its public API on the page's behalf, so the page talks to one origin.

const LINKS = '_syncEngine';
const LINK_ID = 'engine';
/** A sync engine that does not answer within this long is shown as unreachable. */
const READ_TIMEOUT_MS = 2_000;

interface SyncEngineLink {
  id: string;
  url: string;
}

export const syncEngineRequest: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: { url: { type: 'string', pattern: '^https?://', maxLength: 2048 } },
};

export async function putSyncEngine(ctx: RequestContext): Promise<Reply> {
  const url = (ctx.body as { url: string }).url.replace(/\/+$/, '');
  await ctx.services.store.transact(ctx.tenant, (tx: Transaction) => {
    tx.remove(LINKS, LINK_ID);
    tx.insert<SyncEngineLink>(LINKS, { id: LINK_ID, url });
  });
  return { body: { url } };
}

async function read(base: string, path: string): Promise<unknown[]> {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
  const body = (await response.json()) as { data?: unknown[] };
  return body.data ?? [];
}

/** The engine's customers, subscriptions and event log, or why they could not be read. */
export async function getSyncEngineView(ctx: RequestContext): Promise<Reply> {
  const link = ctx.services.store.view(ctx.tenant).get<SyncEngineLink>(LINKS, LINK_ID);
  if (!link) return { body: { linked: false } };
  try {
    const [customers, subscriptions, events] = await Promise.all([read(link.url, '/api/customers'), read(link.url, '/api/subscriptions'), read(link.url, '/api/events')]);
    return { body: { linked: true, url: link.url, reachable: true, customers, subscriptions, events } };
  } catch (error) {
    return { body: { linked: true, url: link.url, reachable: false, error: error instanceof Error ? error.message : String(error) } };
  }
}
