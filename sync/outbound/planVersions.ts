import type { Catalog, Package, PackageVersion, Price } from '../model/types.js';

// Plan versions (seeds/002, "Migrate to latest ... the latest published version of its plan").
// Publishing the catalog with other prices for a plan publishes its next version; the catalog sync
// versions the Zuora side as it maps any price change (new amounts on the same charges, or a new rate
// plan when a charge is gone). A subscription stays on its version's prices until it is migrated.

export const latestVersionOf = (plan: Package): number => plan.versionNumber ?? 1;

/** A price as text whatever the order of its keys. */
const canonical = (price: Price): string =>
  JSON.stringify(price, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y))) : value,
  );

/** The same prices, in whatever order they are listed and their keys written. */
export function samePrices(a: readonly Price[], b: readonly Price[]): boolean {
  const sorted = (prices: readonly Price[]): string => JSON.stringify(prices.map(canonical).sort());
  return sorted(a) === sorted(b);
}

/**
 * The catalog as published over the current one. Each package keeps the Zuora ids it was synced to,
 * so the next sync patches it rather than creating it again. A plan whose prices changed is a new
 * version; the one before is kept, with its prices and Zuora ids, for the subscriptions still on it.
 */
export function publishCatalog(current: Catalog, incoming: Catalog, at: string): Catalog {
  const known = new Map([...current.plans, ...current.addons].map((pkg) => [pkg.id, pkg]));
  const publish = (pkg: Package): Package => {
    const before = known.get(pkg.id);
    const first: Package = pkg.kind === 'PLAN' ? { ...pkg, versionNumber: 1 } : pkg;
    if (!before) return first;
    const kept: Package = { ...first, ...(before.billing ? { billing: before.billing } : {}) };
    if (pkg.kind !== 'PLAN' || before.kind !== 'PLAN') return kept;
    const history = before.previousVersions ?? [];
    if (samePrices(before.prices, pkg.prices)) {
      return { ...kept, versionNumber: latestVersionOf(before), ...(history.length > 0 ? { previousVersions: history } : {}) };
    }
    const superseded: PackageVersion = {
      versionNumber: latestVersionOf(before),
      prices: before.prices,
      ...(before.billing ? { billing: structuredClone(before.billing) } : {}),
      supersededAt: at,
    };
    return { ...kept, versionNumber: latestVersionOf(before) + 1, previousVersions: [...history, superseded] };
  };
  return { ...incoming, plans: incoming.plans.map(publish), addons: incoming.addons.map(publish) };
}

/**
 * The plan as a subscription on `versionNumber` is billed: that version's prices and the Zuora rate
 * plans they were synced to (the latest when the version is the latest, or unknown).
 */
export function planAtVersion(plan: Package, versionNumber: number | undefined): Package {
  const version = versionNumber === undefined ? undefined : plan.previousVersions?.find((each) => each.versionNumber === versionNumber);
  if (!version) return plan;
  const { billing: _latest, ...rest } = plan;
  return { ...rest, versionNumber: version.versionNumber, prices: version.prices, ...(version.billing ? { billing: version.billing } : {}) };
}
