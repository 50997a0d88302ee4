import type { BillingPeriod, Feature, Package, Price, PriceModel, Tier } from '../model/types.js';
import type { JsonObject } from '../zuora/types.js';
import { SyncPreconditionError } from './errors.js';

// Platform prices as Zuora product rate plan charges. Prices of one billing period that differ only
// in currency are one charge with a price per currency, as Zuora keeps them; a subscription then
// picks the currency of its account.

export const DEFAULT_CURRENCY = 'USD';

/** A synced charge: its Zuora id and the platform prices (one per currency) it was created from. */
export interface SyncedCharge {
  chargeId: string;
  prices: Price[];
}

export type ZuoraChargeType = 'Recurring' | 'Usage';

const CHARGE_MODELS: Record<PriceModel, string> = {
  FLAT_FEE: 'Flat Fee Pricing',
  PER_UNIT: 'Per Unit Pricing',
  USAGE_BASED: 'Per Unit Pricing',
  TIERED: 'Tiered Pricing',
  VOLUME: 'Volume Pricing',
};

/** The member of an order's `pricing` that fits a charge (`recurringPerUnit`, `usageTiered`...). */
const PRICING_MODELS: Record<PriceModel, string> = {
  FLAT_FEE: 'FlatFee',
  PER_UNIT: 'PerUnit',
  USAGE_BASED: 'PerUnit',
  TIERED: 'Tiered',
  VOLUME: 'Volume',
};

export const ZUORA_PERIODS: Record<BillingPeriod, string> = { MONTHLY: 'Month', ANNUALLY: 'Annual' };

export const currencyOf = (price: Price): string => price.currency ?? DEFAULT_CURRENCY;

/** Prices that become one charge share this key. */
export const chargeKey = (price: Price): string => `${price.model}:${price.feature ?? ''}`;

export function featureOf(features: readonly Feature[], price: Price): Feature | undefined {
  if (price.feature === undefined) return undefined;
  const feature = features.find((candidate) => candidate.id === price.feature);
  if (!feature) throw new SyncPreconditionError(`Price ${chargeKey(price)} counts feature '${price.feature}', which is not in the catalog`);
  return feature;
}

/**
 * Usage-based prices, and tier tables over a metered feature, are rated on reported usage; every
 * other price is a recurring charge, its quantity set on the subscription.
 */
export function chargeTypeOf(price: Price, feature: Feature | undefined): ZuoraChargeType {
  if (price.model === 'USAGE_BASED') return 'Usage';
  if ((price.model === 'TIERED' || price.model === 'VOLUME') && feature?.metered) return 'Usage';
  return 'Recurring';
}

/** Recurring charges that count units take a quantity on the subscription; flat fees and usage do not. */
export const takesQuantity = (price: Price, feature: Feature | undefined): boolean =>
  price.model !== 'FLAT_FEE' && chargeTypeOf(price, feature) === 'Recurring';

export const pricingMember = (price: Price, feature: Feature | undefined): string =>
  `${chargeTypeOf(price, feature) === 'Usage' ? 'usage' : 'recurring'}${PRICING_MODELS[price.model]}`;

/** The unit of measure a charge counts in: the feature's unit, or its id when it names none. */
export const unitOf = (feature: Feature): string => feature.unit ?? feature.id;

/** Whether Zuora needs a unit of measure for the charge (per-unit, tiered and usage charges do). */
export const needsUnit = (price: Price): boolean => price.model !== 'FLAT_FEE';

function required(value: number | undefined, price: Price, field: string): number {
  if (value === undefined) throw new SyncPreconditionError(`Price ${chargeKey(price)} (${price.billingPeriod}) has no ${field}`);
  return value;
}

interface TierRow {
  StartingUnit: number;
  EndingUnit?: number;
  Price: number;
  PriceFormat: 'Per Unit' | 'Flat Fee';
}

/** Zuora gives a tier one price, per unit or flat; a platform tier carrying both cannot be kept. */
function tierRows(price: Price): TierRow[] {
  const tiers: Tier[] = price.tiers ?? [];
  if (tiers.length === 0) throw new SyncPreconditionError(`Price ${chargeKey(price)} (${price.billingPeriod}) has no tiers`);
  return tiers.map((tier, index) => {
    if (tier.unitPrice !== undefined && tier.flatPrice !== undefined) {
      throw new SyncPreconditionError(`Tier ${index + 1} of price ${chargeKey(price)} has both a unit and a flat price; a Zuora tier takes one`);
    }
    const perUnit = tier.flatPrice === undefined;
    return {
      // Tiers are contiguous: each starts where the one before it ends.
      StartingUnit: tiers[index - 1]?.upTo ?? 0,
      ...(tier.upTo !== undefined ? { EndingUnit: tier.upTo } : {}),
      Price: perUnit ? required(tier.unitPrice, price, `unit price in tier ${index + 1}`) : (tier.flatPrice as number),
      PriceFormat: perUnit ? 'Per Unit' : 'Flat Fee',
    };
  });
}

function rowsOf(price: Price): TierRow[] {
  switch (price.model) {
    case 'FLAT_FEE':
      return [{ StartingUnit: 0, Price: required(price.amount, price, 'amount'), PriceFormat: 'Flat Fee' }];
    case 'PER_UNIT':
    case 'USAGE_BASED':
      return [{ StartingUnit: 0, Price: required(price.unitPrice, price, 'unit price'), PriceFormat: 'Per Unit' }];
    case 'TIERED':
    case 'VOLUME':
      return tierRows(price);
  }
}

function chargeName(pkg: Package, price: Price, feature: Feature | undefined): string {
  const tiered = price.model === 'TIERED' || price.model === 'VOLUME' ? ` (${price.model.toLowerCase()})` : '';
  return `${pkg.name}: ${feature?.name ?? 'base price'}${tiered}`;
}

/**
 * The V1 CRUD charge body (the only create that takes tiers, volume and min/max quantities).
 * `prices` share one charge key and differ in currency. Charges bill on the account's bill cycle
 * day from the contract effective date, so subscriptions line up with the account's periods.
 */
export function chargeBody(ratePlanId: string, pkg: Package, prices: readonly Price[], feature: Feature | undefined): JsonObject {
  const [first] = prices as [Price, ...Price[]];
  const type = chargeTypeOf(first, feature);
  const counted = takesQuantity(first, feature);
  return {
    ProductRatePlanId: ratePlanId,
    Name: chargeName(pkg, first, feature),
    ChargeType: type,
    ChargeModel: CHARGE_MODELS[first.model],
    BillingPeriod: ZUORA_PERIODS[first.billingPeriod],
    BillCycleType: 'DefaultFromCustomer',
    TriggerEvent: 'ContractEffective',
    ...(feature && needsUnit(first) ? { UOM: unitOf(feature) } : {}),
    ...(counted ? { DefaultQuantity: first.minQuantity ?? 1 } : {}),
    ...(first.minQuantity !== undefined ? { MinQuantity: first.minQuantity } : {}),
    ...(first.maxQuantity !== undefined ? { MaxQuantity: first.maxQuantity } : {}),
    ProductRatePlanChargeTierData: {
      ProductRatePlanChargeTier: prices.flatMap((price) => rowsOf(price).map((row) => ({ Currency: currencyOf(price), ...row }))),
    },
  };
}

/** The Quickstart price patch that sets a synced charge's amounts to `prices` (same key, any currencies). */
export function pricePatch(prices: readonly Price[]): JsonObject {
  const [first] = prices as [Price, ...Price[]];
  const perCurrency = (pick: (price: Price) => number): Record<string, number> =>
    Object.fromEntries(prices.map((price) => [currencyOf(price), pick(price)]));
  const limits = {
    ...(first.minQuantity !== undefined ? { min_quantity: first.minQuantity } : {}),
    ...(first.maxQuantity !== undefined ? { max_quantity: first.maxQuantity } : {}),
  };
  switch (first.model) {
    case 'FLAT_FEE':
      return { amounts: perCurrency((price) => required(price.amount, price, 'amount')), ...limits };
    case 'PER_UNIT':
    case 'USAGE_BASED':
      return { unit_amounts: perCurrency((price) => required(price.unitPrice, price, 'unit price')), ...limits };
    case 'TIERED':
    case 'VOLUME': {
      const rows = new Map(prices.map((price) => [currencyOf(price), tierRows(price)]));
      const tiers = tierRows(first).map((row, index) => {
        const amounts = Object.fromEntries([...rows].map(([currency, list]) => [currency, list[index]?.Price ?? row.Price]));
        return { ...(row.EndingUnit !== undefined ? { up_to: row.EndingUnit } : {}), ...(row.PriceFormat === 'Per Unit' ? { unit_amounts: amounts } : { amounts }) };
      });
      return { tiers_mode: first.model === 'TIERED' ? 'graduated' : 'volume', tiers, ...limits };
    }
  }
}

/** The price a charge lists in `currency`, falling back to its first when it has none there. */
export function priceIn(charge: SyncedCharge, currency: string): Price {
  return charge.prices.find((price) => currencyOf(price) === currency) ?? (charge.prices[0] as Price);
}
