import type { SyncContext } from '../context.js';
import type { AddonSelection, BillingPeriod, CreditEntitlement, Feature, Package, Price } from '../model/types.js';
import { featureOf, pricingMember, priceIn, takesQuantity } from './charges.js';
import { SyncPreconditionError } from './errors.js';
import { planAtVersion } from './planVersions.js';
import { syncedRatePlan } from './ratePlans.js';

// What a subscription should hold in Zuora: per package (the plan, each add-on) its synced rate
// plan, and per charge the quantity and list price the platform asks for.

/** The parts of a subscription that decide its rate plans and charges. */
export interface SubscriptionShape {
  planId: string;
  /** The plan version it is billed at; the latest when absent. */
  planVersionNumber?: number;
  billingPeriod: BillingPeriod;
  addons: AddonSelection[];
  units: Record<string, number>;
  /**
   * Negotiated prices: by feature id for the price of a feature (per unit, per unit of usage), by
   * plan or add-on id for its flat fee. Tier tables keep their catalog tiers.
   */
  priceOverrides?: Record<string, number>;
  /** Priced ones are recurring charges of their currency's credits product (creditCharges.ts). */
  creditEntitlements?: CreditEntitlement[];
}

export interface DesiredCharge {
  chargeId: string;
  /** The order's `pricing` member for the charge, e.g. `recurringPerUnit`. */
  member: string;
  quantity?: number;
  /** The price per unit (or the flat fee) to bill; absent for tier tables. */
  listPrice?: number;
  /** The catalog's own price, so an override is sent only when it differs. */
  catalogPrice?: number;
}

export interface DesiredRatePlan {
  packageId: string;
  productId: string;
  productRatePlanId: string;
  charges: DesiredCharge[];
}

/** Money in Zuora has at most 9 decimals; multiplying floats must not invent a difference. */
const money = (value: number): number => Math.round(value * 1e6) / 1e6;

function listPriceOf(pkg: Package, price: Price, overrides: Record<string, number>): { listPrice?: number; catalogPrice?: number } {
  switch (price.model) {
    case 'FLAT_FEE':
      return { catalogPrice: price.amount ?? 0, listPrice: overrides[pkg.id] ?? price.amount ?? 0 };
    case 'PER_UNIT':
    case 'USAGE_BASED':
      return { catalogPrice: price.unitPrice ?? 0, listPrice: (price.feature !== undefined ? overrides[price.feature] : undefined) ?? price.unitPrice ?? 0 };
    case 'TIERED':
    case 'VOLUME':
      return {};
  }
}

function packageOf(ctx: SyncContext, id: string): Package {
  const pkg = ctx.store.package(id);
  if (!pkg) throw new SyncPreconditionError(`Package '${id}' is no longer in the catalog`);
  return pkg;
}

/**
 * An add-on's quantity multiplies it: its per-unit charges take the quantity, and its flat fee
 * (which Zuora cannot count) is billed as one fee of quantity times the price.
 */
function desiredRatePlan(
  pkg: Package,
  period: BillingPeriod,
  features: readonly Feature[],
  currency: string,
  shape: SubscriptionShape,
  addonQuantity: number | undefined,
  listed: Package = pkg,
): DesiredRatePlan {
  const ratePlan = syncedRatePlan(pkg, period);
  if (!ratePlan || !pkg.billing) {
    throw new SyncPreconditionError(
      `${pkg.kind === 'PLAN' ? 'Plan' : 'Add-on'} '${pkg.id}' has no ${period} rate plan in Zuora (it has no ${period} prices, or the catalog was not synced)`,
    );
  }
  const overrides = shape.priceOverrides ?? {};
  const charges = ratePlan.charges.map((charge): DesiredCharge => {
    const price = priceIn(charge, currency);
    const feature = featureOf(features, price);
    const { listPrice } = listPriceOf(pkg, price, overrides);
    // What Zuora's catalog holds for the charge now: an earlier plan version's charge may have been
    // given the latest version's amount since (overriding back to its own is then needed).
    const current = syncedRatePlan(listed, period)?.charges.find((each) => each.chargeId === charge.chargeId);
    const { catalogPrice } = listPriceOf(listed, current ? priceIn(current, currency) : price, {});
    const counted = takesQuantity(price, feature);
    const units = feature ? shape.units[feature.id] : undefined;
    const quantity = counted ? (addonQuantity ?? units ?? price.minQuantity ?? 1) : undefined;
    const multiplier = price.model === 'FLAT_FEE' ? (addonQuantity ?? 1) : 1;
    return {
      chargeId: charge.chargeId,
      member: pricingMember(price, feature),
      ...(quantity !== undefined ? { quantity } : {}),
      ...(listPrice !== undefined ? { listPrice: money(listPrice * multiplier), catalogPrice } : {}),
    };
  });
  return { packageId: pkg.id, productId: pkg.billing.productId, productRatePlanId: ratePlan.ratePlanId, charges };
}

/** A priced credit entitlement: its currency's recurring credits charge at the entitlement's price. */
function creditRatePlan(ctx: SyncContext, entitlement: CreditEntitlement & { price: number }): DesiredRatePlan {
  const currency = ctx.store.catalog().currencies.find((candidate) => candidate.id === entitlement.customCurrencyId);
  const billing = currency?.billing;
  const ratePlan = billing?.ratePlans[entitlement.cadence];
  if (!billing || !ratePlan) throw new SyncPreconditionError(`Credits '${entitlement.customCurrencyId}' have no ${entitlement.cadence} rate plan in Zuora yet`);
  return {
    packageId: entitlement.customCurrencyId,
    productId: billing.productId,
    productRatePlanId: ratePlan.ratePlanId,
    charges: [{ chargeId: ratePlan.chargeId, member: 'recurringFlatFee', listPrice: money(entitlement.price), catalogPrice: 0 }],
  };
}

export function desiredRatePlans(ctx: SyncContext, shape: SubscriptionShape, currency: string): DesiredRatePlan[] {
  const features = ctx.store.features();
  const plan = packageOf(ctx, shape.planId);
  const priced = (shape.creditEntitlements ?? []).filter((entitlement): entitlement is CreditEntitlement & { price: number } => entitlement.price !== undefined);
  return [
    desiredRatePlan(planAtVersion(plan, shape.planVersionNumber), shape.billingPeriod, features, currency, shape, undefined, plan),
    ...shape.addons.map((addon) => desiredRatePlan(packageOf(ctx, addon.addonId), shape.billingPeriod, features, currency, shape, addon.quantity)),
    ...priced.map((entitlement) => creditRatePlan(ctx, entitlement)),
  ];
}
