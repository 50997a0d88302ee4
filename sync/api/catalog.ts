import type { SyncContext } from '../context.js';
import type { Catalog } from '../model/types.js';
import { platformNow, publishCatalog, syncCatalog } from '../outbound/index.js';
import { readCatalog } from './catalogInput.js';
import { conflict } from './errors.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

/**
 * `POST /api/catalog`: publishes the catalog whole (a plan with other prices than before becomes its
 * next version), then pushes it to Zuora. Answers the catalog as stored after the sync.
 */
export async function loadCatalog({ engine: { ctx }, body }: ApiRequest): Promise<ApiReply> {
  const incoming = readCatalog(body);
  refuseDroppingPackagesInUse(ctx, incoming);
  const { at } = await platformNow(ctx);
  await ctx.store.replaceCatalog(publishCatalog(ctx.store.catalog(), incoming, at));
  await syncCatalog(ctx);
  return { body: ctx.store.catalog() };
}

export function getCatalog({ engine: { ctx } }: ApiRequest): ApiReply {
  return { body: ctx.store.catalog() };
}

/** Subscriptions that have not ended still need their plan and add-ons to be in the catalog. */
function refuseDroppingPackagesInUse(ctx: SyncContext, incoming: Catalog): void {
  const ids = new Set([...incoming.plans, ...incoming.addons].map((pkg) => pkg.id));
  for (const subscription of ctx.store.subscriptions()) {
    if (subscription.status === 'CANCELED' || subscription.status === 'EXPIRED') continue;
    const missing = [subscription.planId, ...subscription.addons.map((addon) => addon.addonId)].find((id) => !ids.has(id));
    if (missing) {
      throw conflict('PACKAGE_IN_USE', `'${missing}' is used by subscription '${subscription.id}', so the new catalog must keep it`);
    }
  }
}
