import type { BillingPeriod, Package, Price } from '../model/types.js';
import { chargeKey, type SyncedCharge } from './charges.js';

// The Zuora side of a package as the platform keeps it (`Package.billing`): one entry per currency
// price, several entries sharing a charge id when a charge has several currencies.

type StoredRatePlan = NonNullable<NonNullable<Package['billing']>['ratePlans'][BillingPeriod]>;

export interface SyncedRatePlan {
  ratePlanId: string;
  charges: SyncedCharge[];
}

function readRatePlan(stored: StoredRatePlan): SyncedRatePlan {
  const byId = new Map<string, SyncedCharge>();
  for (const { chargeId, price } of stored.charges) {
    const charge = byId.get(chargeId) ?? { chargeId, prices: [] };
    charge.prices.push(price);
    byId.set(chargeId, charge);
  }
  return { ratePlanId: stored.ratePlanId, charges: [...byId.values()] };
}

export function storedRatePlan(ratePlan: SyncedRatePlan): StoredRatePlan {
  return {
    ratePlanId: ratePlan.ratePlanId,
    charges: ratePlan.charges.flatMap(({ chargeId, prices }) => prices.map((price) => ({ chargeId, price }))),
  };
}

/** The synced rate plan of a package in a billing period, if the catalog sync has created it. */
export function syncedRatePlan(pkg: Package, period: BillingPeriod): SyncedRatePlan | undefined {
  const stored = pkg.billing?.ratePlans[period];
  return stored ? readRatePlan(stored) : undefined;
}

/** A package's prices, per billing period, then per charge key. */
export function pricesByPeriod(pkg: Package): Map<BillingPeriod, Map<string, Price[]>> {
  const periods = new Map<BillingPeriod, Map<string, Price[]>>();
  for (const price of pkg.prices) {
    const charges = periods.get(price.billingPeriod) ?? new Map<string, Price[]>();
    charges.set(chargeKey(price), [...(charges.get(chargeKey(price)) ?? []), price]);
    periods.set(price.billingPeriod, charges);
  }
  return periods;
}

export const keyOfCharge = (charge: SyncedCharge): string => chargeKey(charge.prices[0] as Price);
