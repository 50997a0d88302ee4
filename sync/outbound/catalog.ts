import type { SyncContext } from '../context.js';
import type { BillingPeriod, Catalog, Package, Price } from '../model/types.js';
import { syncStripeCatalog } from '../stripe/catalog.js';
import { stripeClientOf } from '../stripe/outbound.js';
import { chargeBody, currencyOf, DEFAULT_CURRENCY, featureOf, needsUnit, pricePatch, unitOf } from './charges.js';
import { dayOf, platformNow } from './dates.js';
import { isSyncFailure } from './errors.js';
import { recordFailure } from './failures.js';
import { packageUrl } from './mapping.js';
import { samePrices } from './planVersions.js';
import { keyOfCharge, pricesByPeriod, storedRatePlan, syncedRatePlan, type SyncedRatePlan } from './ratePlans.js';
import { unitsOfMeasure } from './units.js';

// Catalog -> Zuora (seeds/000, 001): each plan and add-on is a product (Quickstart), each billing
// period it is sold in a rate plan under it (Quickstart), each price a rate plan charge (V1 CRUD,
// which takes tiers, volume and min/max), each unit a charge counts a unit of measure.
//
// A package without prices (a free plan, a plan priced per deal) has nothing to bill and is not
// synced by the catalog pass; a subscription forced into Zuora on one gets a zero-priced rate plan
// made for it (zeroPricedRatePlan). Every package with prices is, whatever its pricing type: subscriptions to free, trial and
// custom-priced plans stay out of Zuora by the subscription rules, but one forced to sync (a
// billing id, `ZUORA__` metadata) needs its plan's rate plan, with price overrides on top.

export interface CatalogSyncResult {
  synced: string[];
  /** Packages with nothing to bill. */
  skipped: string[];
  failed: Array<{ id: string; reason: string }>;
}

const PERIOD_LABELS: Record<BillingPeriod, string> = { MONTHLY: 'Monthly', ANNUALLY: 'Annual' };

/** One pass over the whole catalog; a package that fails is logged and the pass goes on. */
export async function syncCatalog(ctx: SyncContext): Promise<CatalogSyncResult> {
  const stripe = stripeClientOf(ctx);
  if (stripe) return syncStripeCatalog(ctx, stripe, DEFAULT_CURRENCY.toLowerCase());
  const { at } = await platformNow(ctx);
  const catalog = ctx.store.catalog();
  const ensureUnit = unitsOfMeasure(ctx);
  const result: CatalogSyncResult = { synced: [], skipped: [], failed: [] };
  for (const pkg of [...catalog.plans, ...catalog.addons]) {
    if (pkg.prices.length === 0) {
      result.skipped.push(pkg.id);
      continue;
    }
    try {
      await syncPackage(ctx, catalog, pkg, ensureUnit, dayOf(at));
      result.synced.push(pkg.id);
    } catch (error) {
      if (!isSyncFailure(error)) throw error;
      await recordFailure(ctx, { kind: 'package', id: pkg.id }, error, at);
      result.failed.push({ id: pkg.id, reason: error.message });
    }
  }
  return result;
}

/** Created once; patched when its name, description or link no longer match the package. */
async function syncProduct(ctx: SyncContext, pkg: Package): Promise<string> {
  const url = packageUrl(ctx, pkg);
  const productId = pkg.billing?.productId;
  if (!productId) {
    const created = await ctx.zuora.createProduct({
      name: pkg.name,
      ...(pkg.description !== undefined ? { description: pkg.description } : {}),
      type: pkg.kind === 'PLAN' ? 'base' : 'add_on',
      custom_fields: { stiggEntityUrl__c: url },
    });
    return created.id;
  }
  const product = await ctx.zuora.getProduct(productId);
  const description = pkg.description ?? '';
  const patch = {
    ...(product.name !== pkg.name ? { name: pkg.name } : {}),
    ...((product.description ?? '') !== description ? { description } : {}),
    ...(product.custom_fields?.stiggEntityUrl__c !== url ? { custom_fields: { stiggEntityUrl__c: url } } : {}),
  };
  if (Object.keys(patch).length > 0) await ctx.zuora.updateProduct(productId, patch);
  return productId;
}

/**
 * Each Zuora object is recorded on the package as soon as it exists, so a pass that fails half way
 * resumes where it stopped instead of creating duplicates.
 */
async function syncPackage(
  ctx: SyncContext,
  catalog: Catalog,
  pkg: Package,
  ensureUnit: (name: string) => Promise<void>,
  today: string,
): Promise<void> {
  const productId = await syncProduct(ctx, pkg);
  const periods = pricesByPeriod(pkg);
  // Billing periods the package is no longer sold in are dropped; Zuora keeps their rate plans for
  // the subscriptions already on them.
  let current: Package = {
    ...pkg,
    billing: {
      productId,
      ratePlans: pkg.billing?.productId === productId
        ? Object.fromEntries(Object.entries(pkg.billing.ratePlans).filter(([period]) => periods.has(period as BillingPeriod)))
        : {},
    },
  };
  await ctx.store.putPackage(current);
  const save = async (period: BillingPeriod, ratePlan: SyncedRatePlan): Promise<void> => {
    const billing = current.billing as NonNullable<Package['billing']>;
    current = { ...current, billing: { ...billing, ratePlans: { ...billing.ratePlans, [period]: storedRatePlan(ratePlan) } } };
    await ctx.store.putPackage(current);
  };
  for (const [period, charges] of periods) {
    let ratePlan = syncedRatePlan(current, period);
    // Zuora subscribes to every charge of a rate plan and a charge cannot be taken out of one, so
    // a price that is gone (or changed model) needs a new rate plan; subscriptions already on the
    // old one keep it until they change.
    const replaced = ratePlan !== undefined && ratePlan.charges.some((charge) => !charges.has(keyOfCharge(charge)));
    if (!ratePlan || replaced) {
      const label = replaced ? `${PERIOD_LABELS[period]}, from ${today}` : PERIOD_LABELS[period];
      const currencies = [...new Set([...charges.values()].flat().map(currencyOf))];
      const plan = await ctx.zuora.createPlan({ name: `${pkg.name} (${label})`, product_id: productId, active_currencies: currencies });
      ratePlan = { ratePlanId: plan.id, charges: [] };
      await save(period, ratePlan);
    }
    for (const [key, prices] of charges) {
      const existing = ratePlan.charges.find((charge) => keyOfCharge(charge) === key);
      if (existing && samePrices(existing.prices, prices)) continue;
      if (existing) {
        // New amounts reach new subscriptions; Zuora keeps subscribed prices as they were.
        await ctx.zuora.updatePrice(existing.chargeId, pricePatch(prices));
        existing.prices = prices;
      } else {
        const feature = featureOf(catalog.features, prices[0] as Price);
        if (feature && needsUnit(prices[0] as Price)) await ensureUnit(unitOf(feature));
        const created = await ctx.zuora.createCharge(chargeBody(ratePlan.ratePlanId, pkg, prices, feature));
        ratePlan.charges.push({ chargeId: created.Id, prices });
      }
      await save(period, ratePlan);
    }
  }
}

/**
 * seeds/000: a billing id or `ZUORA__` metadata forces a free or custom-price subscription into
 * Zuora. A plan without prices has no rate plan there, so one is made for the billing period: the
 * package's product and a rate plan with one flat fee of 0 (a negotiated price overrides it on the
 * subscription). Kept on the package, so it is made once.
 */
export async function zeroPricedRatePlan(ctx: SyncContext, pkg: Package, period: BillingPeriod, currency: string): Promise<void> {
  if (pkg.prices.length > 0 || syncedRatePlan(pkg, period)) return;
  const productId = await syncProduct(ctx, pkg);
  const plan = await ctx.zuora.createPlan({ name: `${pkg.name} (${PERIOD_LABELS[period]}, no list price)`, product_id: productId, active_currencies: [currency] });
  const zero: Price = { billingPeriod: period, model: 'FLAT_FEE', amount: 0, currency };
  const charge = await ctx.zuora.createCharge(chargeBody(plan.id, pkg, [zero], undefined));
  const ratePlans = pkg.billing?.productId === productId ? pkg.billing.ratePlans : {};
  await ctx.store.putPackage({
    ...pkg,
    billing: { productId, ratePlans: { ...ratePlans, [period]: storedRatePlan({ ratePlanId: plan.id, charges: [{ chargeId: charge.Id, prices: [zero] }] }) } },
  });
}
