import type { SyncContext } from '../context.js';
import type { BillingPeriod, Package, Price } from '../model/types.js';
import { packageUrl } from '../outbound/mapping.js';
import type { StripeClient } from './client.js';

// Seed 003's catalog mapping: a plan is a Stripe product named `<product> <plan> Plan`, an add-on
// `<product> <add-on> Add-on`; each charge is a Stripe price on it. Prices are versioned: a changed
// charge gets a new price and the old one is archived (`active=false`), as Stripe prices are immutable.

const INTERVAL: Record<BillingPeriod, 'month' | 'year'> = { MONTHLY: 'month', ANNUALLY: 'year' };

/** Money to minor units. */
export const cents = (amount: number): number => Math.round(amount * 100);

/** What a charge is as a Stripe price; usage charges have none (usage lands as invoice items). */
function priceParams(price: Price, currency: string): Record<string, unknown> | undefined {
  const recurring = { interval: INTERVAL[price.billingPeriod] };
  switch (price.model) {
    case 'FLAT_FEE':
      return { currency, unit_amount: cents(price.amount ?? 0), recurring };
    case 'PER_UNIT':
      return { currency, unit_amount: cents(price.unitPrice ?? 0), recurring };
    case 'TIERED':
    case 'VOLUME':
      return {
        currency,
        billing_scheme: 'tiered',
        tiers_mode: price.model === 'TIERED' ? 'graduated' : 'volume',
        tiers: (price.tiers ?? []).map((tier) => ({
          up_to: tier.upTo ?? 'inf',
          ...(tier.unitPrice !== undefined ? { unit_amount: cents(tier.unitPrice) } : {}),
          ...(tier.flatPrice !== undefined ? { flat_amount: cents(tier.flatPrice) } : {}),
        })),
        recurring,
      };
    case 'USAGE_BASED':
      return undefined;
  }
}

async function productOf(ctx: SyncContext, client: StripeClient, pkg: Package): Promise<string> {
  const key = `product:${pkg.id}`;
  const productName = ctx.store.catalog().products.find((product) => product.id === pkg.product)?.name ?? pkg.product;
  const name = `${productName} ${pkg.name} ${pkg.kind === 'PLAN' ? 'Plan' : 'Add-on'}`;
  const params = { name, ...(pkg.description ? { description: pkg.description } : {}), metadata: { stiggEntityUrl: packageUrl(ctx, pkg), stiggPackageId: pkg.id } };
  const linked = ctx.store.stripeLink(key);
  if (linked) {
    await client.post(`/v1/products/${linked}`, params);
    return linked;
  }
  const product = await client.post<{ id: string }>('/v1/products', params, `stigg-product-${pkg.id}`);
  await ctx.store.putStripeLink(key, product.id);
  return product.id;
}

/** One Stripe price per charge; a changed charge gets a new price and its old one is archived. */
async function priceOf(ctx: SyncContext, client: StripeClient, pkg: Package, productId: string, price: Price, index: number, currency: string): Promise<string | undefined> {
  const params = priceParams(price, currency);
  if (!params) return undefined;
  const key = `price:${pkg.id}:${price.billingPeriod}:${index}:${currency}`;
  const version = JSON.stringify(params);
  const linked = ctx.store.stripeLink(key);
  const [linkedId, linkedVersion] = linked?.split('|') ?? [];
  if (linkedId && linkedVersion === Buffer.from(version).toString('base64url')) return linkedId;
  const created = await client.post<{ id: string }>('/v1/prices', { ...params, product: productId, metadata: { stiggEntityUrl: packageUrl(ctx, pkg) } });
  if (linkedId) await client.post(`/v1/prices/${linkedId}`, { active: false });
  await ctx.store.putStripeLink(key, `${created.id}|${Buffer.from(version).toString('base64url')}`);
  return created.id;
}

export interface StripeItem {
  price: string;
  quantity: number;
}

/**
 * The subscription items a package contributes in a period: one per charge that has a price, with
 * the quantity of its feature (`units`), or the add-on's quantity for an add-on's flat fee.
 */
export async function itemsFor(
  ctx: SyncContext,
  client: StripeClient,
  pkg: Package,
  period: BillingPeriod,
  units: Record<string, number>,
  currency: string,
  packageQuantity = 1,
): Promise<StripeItem[]> {
  const productId = await productOf(ctx, client, pkg);
  const items: StripeItem[] = [];
  for (const [index, price] of pkg.prices.entries()) {
    if (price.billingPeriod !== period) continue;
    const priceId = await priceOf(ctx, client, pkg, productId, price, index, currency);
    if (!priceId) continue;
    const quantity = price.model === 'FLAT_FEE' ? packageQuantity : (units[price.feature ?? ''] ?? price.minQuantity ?? 1);
    items.push({ price: priceId, quantity });
  }
  return items;
}

/** The usage charges of a package in a period, with the feature each counts. */
export const usagePrices = (pkg: Package, period: BillingPeriod): Price[] => pkg.prices.filter((price) => price.billingPeriod === period && price.model === 'USAGE_BASED');

/**
 * The whole catalog to Stripe: every plan and add-on becomes its product, each charge a price
 * (in the default currency; other currencies get theirs when a subscription needs them).
 */
export async function syncStripeCatalog(ctx: SyncContext, client: StripeClient, currency: string): Promise<{ synced: string[]; skipped: string[]; failed: Array<{ id: string; reason: string }> }> {
  const catalog = ctx.store.catalog();
  const result = { synced: [] as string[], skipped: [] as string[], failed: [] as Array<{ id: string; reason: string }> };
  for (const pkg of [...catalog.plans, ...catalog.addons]) {
    if (pkg.prices.length === 0) {
      result.skipped.push(pkg.id);
      continue;
    }
    try {
      for (const period of new Set(pkg.prices.map((price) => price.billingPeriod))) await itemsFor(ctx, client, pkg, period, {}, currency);
      result.synced.push(pkg.id);
    } catch (error) {
      result.failed.push({ id: pkg.id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
