import { takesTierTable, type Charge, type ChargeTier } from '../catalog/charges.js';
import { invalidValue } from '../errors.js';
import type { PricingInput, PricingMemberInput, TierInput } from './model.js';
import { ORDERS } from './model.js';

const TYPE_PREFIX = { Recurring: 'recurring', Usage: 'usage', OneTime: 'oneTime' } as const;
/**
 * The Orders API's own spelling (`usageTieredWithOverage`), not V1's `model` value (`TieredwithOverage`);
 * discounts have no member here and fall back to the flat fee's.
 */
const MODEL_SUFFIX: Record<string, string> = {
  'Flat Fee Pricing': 'FlatFee',
  'Per Unit Pricing': 'PerUnit',
  'Tiered Pricing': 'Tiered',
  'Volume Pricing': 'Volume',
  'Overage Pricing': 'Overage',
  'Tiered with Overage Pricing': 'TieredWithOverage',
};

const isDiscount = (charge: Pick<Charge, 'chargeModel'>): boolean => charge.chargeModel.startsWith('Discount');

/** The `pricing` member that fits a charge, e.g. `recurringPerUnit` for a recurring per-unit charge, `discount` for a discount. */
export function pricingKey(charge: Pick<Charge, 'chargeType' | 'chargeModel'>): string {
  if (isDiscount(charge)) return 'discount';
  return `${TYPE_PREFIX[charge.chargeType]}${MODEL_SUFFIX[charge.chargeModel] ?? 'FlatFee'}`;
}

export interface PriceTerms {
  price: number | null;
  quantity: number | null;
  tiers: ChargeTier[];
  /** Discounts only: what the order set, over the catalog's. */
  applyDiscountTo?: string;
  discountLevel?: string;
}

/** A discount's percentage or amount, and its reach, with the order's override applied. */
function discountTerms(catalog: Charge, catalogPrice: number, override: PricingMemberInput | undefined, field: string): PriceTerms {
  const percentage = catalog.chargeModel === 'Discount-Percentage';
  const given = percentage ? override?.discountPercentage : override?.discountAmount;
  const member = percentage ? 'discountPercentage' : 'discountAmount';
  if (given !== undefined && (!Number.isFinite(given) || given < 0 || (percentage && given > 100))) {
    throw invalidValue(ORDERS, `${field}.pricing.discount.${member}`, percentage ? "'discountPercentage' must be between 0 and 100" : "'discountAmount' must be a number of at least 0");
  }
  const applyDiscountTo = override?.applyDiscountTo ?? catalog.applyDiscountTo;
  const discountLevel = override?.discountLevel ?? catalog.discountLevel;
  return {
    price: given ?? catalogPrice,
    quantity: null,
    tiers: [],
    ...(applyDiscountTo ? { applyDiscountTo } : {}),
    ...(discountLevel ? { discountLevel } : {}),
  };
}

const PRICE_FORMATS: Record<string, ChargeTier['priceFormat']> = {
  FlatFee: 'Flat Fee',
  'Flat Fee': 'Flat Fee',
  PerUnit: 'Per Unit',
  'Per Unit': 'Per Unit',
};

function tiersFrom(input: TierInput[], currency: string, field: string): ChargeTier[] {
  return input.map((tier, index) => {
    if (!Number.isFinite(tier.price) || tier.price < 0) throw invalidValue(ORDERS, `${field}[${index}].price`, 'A tier price must be a number of at least 0');
    return {
      currency,
      tier: tier.tier ?? index + 1,
      startingUnit: tier.startingUnit ?? (index === 0 ? 0 : (input[index - 1]?.endingUnit ?? 0)),
      endingUnit: tier.endingUnit ?? null,
      price: tier.price,
      priceFormat: PRICE_FORMATS[tier.priceFormat ?? 'PerUnit'] ?? 'Per Unit',
    };
  });
}

/**
 * The price, quantity and tiers a subscribed charge starts with: the catalog's in the subscription
 * currency, with the order's override applied. An override must use the member that fits the charge.
 */
export function priceTerms(catalog: Charge, currency: string, pricing: PricingInput | undefined, field: string): PriceTerms {
  const catalogTiers = catalog.tiers.filter((tier) => tier.currency === currency);
  if (catalogTiers.length === 0) {
    throw invalidValue(ORDERS, field, `Charge '${catalog.name}' has no price in ${currency}`);
  }
  const key = pricingKey(catalog);
  const given = Object.entries(pricing ?? {}).filter(([, value]) => value !== undefined);
  const wrong = given.find(([name]) => name !== key);
  if (wrong) throw invalidValue(ORDERS, `${field}.pricing.${wrong[0]}`, `'${wrong[0]}' does not fit charge '${catalog.name}'; use '${key}'`);
  const override = given[0]?.[1];
  if (isDiscount(catalog)) return discountTerms(catalog, catalogTiers[0]?.price ?? 0, override, field);
  const tiered = takesTierTable(catalog.chargeModel);
  const tiers = override?.tiers ? tiersFrom(override.tiers, currency, `${field}.pricing.${key}.tiers`) : catalogTiers;
  const counted = catalog.chargeType !== 'Usage' && catalog.chargeModel !== 'Flat Fee Pricing';
  const quantity = counted ? (override?.quantity ?? catalog.defaultQuantity ?? 1) : null;
  if (quantity !== null) checkQuantity(catalog, quantity, `${field}.pricing.${key}.quantity`);
  if (override?.listPrice !== undefined && (!Number.isFinite(override.listPrice) || override.listPrice < 0)) {
    throw invalidValue(ORDERS, `${field}.pricing.${key}.listPrice`, "'listPrice' must be a number of at least 0");
  }
  return {
    price: tiered ? null : (override?.listPrice ?? catalogTiers[0]?.price ?? 0),
    quantity,
    tiers: tiered ? tiers : [],
  };
}

export function checkQuantity(catalog: Pick<Charge, 'minQuantity' | 'maxQuantity' | 'name'>, quantity: number, field: string): void {
  if (!Number.isFinite(quantity) || quantity < 0) throw invalidValue(ORDERS, field, "'quantity' must be a number of at least 0");
  if (catalog.minQuantity !== undefined && quantity < catalog.minQuantity) {
    throw invalidValue(ORDERS, field, `Quantity ${quantity} of '${catalog.name}' is below its minimum of ${catalog.minQuantity}`);
  }
  if (catalog.maxQuantity !== undefined && quantity > catalog.maxQuantity) {
    throw invalidValue(ORDERS, field, `Quantity ${quantity} of '${catalog.name}' is above its maximum of ${catalog.maxQuantity}`);
  }
}
