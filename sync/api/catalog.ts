import type { SyncContext } from '../context.js';
import type { Catalog, Package } from '../model/types.js';
import { syncCatalog } from '../outbound/index.js';
import { readCatalog } from './catalogInput.js';
import { conflict } from './errors.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

/** `POST /api/catalog`: replaces the catalog whole, then pushes it to Zuora. Answers the catalog as stored after the sync. */
export async function loadCatalog({ engine: { ctx }, body }: ApiRequest): Promise<ApiReply> {
  const incoming = readCatalog(body);
  refuseDroppingPackagesInUse(ctx, incoming);
  await ctx.store.replaceCatalog(keepBillingIds(ctx.store.catalog(), incoming));
  await syncCatalog(ctx);
  return { body: ctx.store.catalog() };
}

export function getCatalog({ engine: { ctx } }: ApiRequest): ApiReply {
  return { body: ctx.store.catalog() };
}

/** A reloaded plan keeps the Zuora ids it was synced to, so the next sync patches it rather than creating it again. */
function keepBillingIds(current: Catalog, incoming: Catalog): Catalog {
  const billing = new Map([...current.plans, ...current.addons].map((pkg) => [pkg.id, pkg.billing]));
  const withBilling = (pkg: Package): Package => {
    const known = billing.get(pkg.id);
    return known ? { ...pkg, billing: known } : pkg;
  };
  return { ...incoming, plans: incoming.plans.map(withBilling), addons: incoming.addons.map(withBilling) };
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
