import type { ChargeModel, ChargeTier } from '../../domain/catalog/charges.js';

// How V1 REST spells a charge, for the catalog read (GET /v1/product-rate-plan-charges/{key}) and
// the subscription read (GET /v1/subscriptions/{key}) alike.

/**
 * `model` as the enum of Zuora's GET_ProductRatePlanCharge spells it (`TieredwithOverage`, small w).
 * The subscription read types `model` as a free string, so it takes the same spelling.
 */
export const MODEL_NAMES: Record<ChargeModel, string> = {
  'Flat Fee Pricing': 'FlatFee',
  'Per Unit Pricing': 'PerUnit',
  'Tiered Pricing': 'Tiered',
  'Volume Pricing': 'Volume',
  'Overage Pricing': 'Overage',
  'Tiered with Overage Pricing': 'TieredwithOverage',
  'Discount-Fixed Amount': 'DiscountFixedAmount',
  'Discount-Percentage': 'DiscountPercentage',
};

export const billingTiming = (timing: 'In Advance' | 'In Arrears'): string => (timing === 'In Advance' ? 'IN_ADVANCE' : 'IN_ARREARS');

/** V1 REST writes these values with underscores for spaces: `Per_Billing_Period`, `Subscription_End`. */
export const underscored = (text: string): string => text.replace(/ /g, '_');

/** A tier; the catalog read keeps an open end as null. */
export function v1Tier(tier: ChargeTier): Record<string, unknown> {
  return {
    tier: tier.tier,
    startingUnit: tier.startingUnit,
    endingUnit: tier.endingUnit,
    price: tier.price,
    // V1 REST spells tier formats without the space its CRUD calls take: `FlatFee`, `PerUnit`.
    priceFormat: tier.priceFormat.replace(' ', ''),
  };
}

// The one-line pricing summaries Zuora prints, in the form of its documented example: `USD49`,
// `USD12/Seat`, and for a tier table `0 to 10 Seat: USD100 flat fee; 11 Seat or more: USD8/Seat`.

export function priceSummary(currency: string, uom: string | null | undefined, price: number, perUnit: boolean): string {
  return `${currency}${price}${perUnit && uom ? `/${uom}` : ''}`;
}

/** `tiers` are the tier table in `currency`. */
export function tierTableSummary(currency: string, uom: string | null | undefined, tiers: readonly ChargeTier[]): string {
  const unit = uom ?? '';
  return tiers
    .map((tier) => {
      const range = tier.endingUnit === null ? `${tier.startingUnit} ${unit} or more` : `${tier.startingUnit} to ${tier.endingUnit} ${unit}`;
      const perUnit = tier.priceFormat === 'Per Unit';
      return `${range}: ${priceSummary(currency, uom, tier.price, perUnit)}${perUnit ? '' : ' flat fee'}`;
    })
    .join('; ');
}

/** The CRUD API spells end-date conditions `SubscriptionEnd`, `FixedPeriod`; V1 REST reads them `Subscription_End`, `Fixed_Period`. */
export const v1EndDateCondition = (condition: string): string => condition.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/ /g, '_');

/** A discount's summary as Zuora prints it: `10%  discount` (two spaces, as on the wire), `USD5 fixed discount`. */
export function discountSummary(model: ChargeModel, currency: string, value: number): string {
  return model === 'Discount-Percentage' ? `${value}%  discount` : `${currency}${value} fixed discount`;
}
