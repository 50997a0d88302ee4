import type { ChargeTier } from '../catalog/charges.js';
import type { SubscriptionCharge } from '../subscriptions/model.js';

export type RatingFields = Pick<SubscriptionCharge, 'chargeModel' | 'price' | 'tiers'>;

/** What a quantity costs under a charge's model, before proration and rounding. */
export interface Rating {
  amount: number;
  /** The price of one unit where a single one applies (flat, per-unit, a volume per-unit tier); null otherwise. */
  unitPrice: number | null;
}

/**
 * What `quantity` costs under the charge's model: for one full billing period of a recurring
 * charge, or for a period's total usage of a usage charge. Flat fees ignore the quantity.
 * Overage charges carry no included units here, so every unit is an overage unit.
 */
export function rateQuantity(charge: RatingFields, quantity: number): Rating {
  switch (charge.chargeModel) {
    case 'Flat Fee Pricing': {
      const price = singlePrice(charge);
      return { amount: price, unitPrice: price };
    }
    case 'Per Unit Pricing':
    case 'Overage Pricing': {
      const price = singlePrice(charge);
      return { amount: price * quantity, unitPrice: price };
    }
    case 'Tiered Pricing':
    case 'Tiered with Overage Pricing':
      return { amount: graduated(orderedTiers(charge), quantity), unitPrice: null };
    case 'Volume Pricing':
      return volume(orderedTiers(charge), quantity);
    case 'Discount-Fixed Amount':
    case 'Discount-Percentage':
      throw new Error(`'${charge.chargeModel}' discounts other charges and has no price of its own to rate`);
  }
}

/** Money to cents, halves away from zero (2.345 -> 2.35, -2.345 -> -2.35). */
export function roundMoney(amount: number): number {
  // Most sums an account read rounds are nothing at all (no subscriptions, no unapplied payments).
  if (amount === 0) return 0;
  const scaled = Math.abs(amount) * 100;
  // Whole cents already (most amounts billed): nothing to round, and no string made to find that out.
  // Otherwise toPrecision drops binary noise first, so 1.005 * 100 (100.49999...) still rounds up.
  const cents = Number.isInteger(scaled) && scaled < 1e15 ? scaled : Math.round(Number(scaled.toPrecision(15)));
  return cents === 0 ? 0 : (Math.sign(amount) * cents) / 100;
}

function singlePrice(charge: RatingFields): number {
  const price = charge.price ?? charge.tiers[0]?.price;
  if (price === undefined) throw new Error(`A '${charge.chargeModel}' charge needs a price`);
  return price;
}

/**
 * Each tier with the quantity it starts above. Tiers are contiguous, so a tier begins where the one
 * before it ends; this reads both Zuora's "0-10, 10-20" and "1-10, 11-20" tables the same way.
 * The first tier also covers its own starting unit (a 0-unit quantity reaches a tier starting at 0).
 */
interface Band {
  tier: ChargeTier;
  above: number;
  /** null: no upper bound. The last tier is treated as open-ended; Zuora rejects quantities beyond it. */
  upTo: number | null;
}

function orderedTiers(charge: RatingFields): Band[] {
  const tiers = [...charge.tiers].sort((a, b) => a.tier - b.tier);
  return tiers.map((tier, index) => ({
    tier,
    above: index === 0 ? Math.max(0, tier.startingUnit - 1) : (tiers[index - 1]?.endingUnit ?? tier.startingUnit),
    upTo: index === tiers.length - 1 ? null : tier.endingUnit,
  }));
}

function reaches(band: Band, index: number, quantity: number): boolean {
  return index === 0 ? quantity >= band.tier.startingUnit : quantity > band.above;
}

/** Each tier prices the units that fall into it; a flat-fee tier costs its price once when reached. */
function graduated(bands: readonly Band[], quantity: number): number {
  let amount = 0;
  bands.forEach((band, index) => {
    if (!reaches(band, index, quantity)) return;
    const units = Math.min(quantity, band.upTo ?? quantity) - band.above;
    amount += band.tier.priceFormat === 'Flat Fee' ? band.tier.price : band.tier.price * units;
  });
  return amount;
}

/** The one tier holding the whole quantity prices all of it. Below the first tier nothing is due. */
function volume(bands: readonly Band[], quantity: number): Rating {
  const band = bands.find((candidate, index) => reaches(candidate, index, quantity) && (candidate.upTo === null || quantity <= candidate.upTo));
  if (!band) return { amount: 0, unitPrice: null };
  return band.tier.priceFormat === 'Flat Fee'
    ? { amount: band.tier.price, unitPrice: null }
    : { amount: band.tier.price * quantity, unitPrice: band.tier.price };
}
