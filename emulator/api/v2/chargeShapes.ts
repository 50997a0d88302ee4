import type { BillingPeriod, Charge, ChargeModel } from '../../domain/catalog/charges.js';
import { compact } from '../shape.js';

// How Quickstart spells a charge's period, model and names, for prices (catalog charges) and for
// subscription items (subscribed charges) alike.

/** Quickstart expresses a billing period as an interval and a count; a 'Specific ...' period takes its count from the charge. */
export const PERIOD_INTERVALS: Record<BillingPeriod, { interval: string; count?: number }> = {
  Month: { interval: 'month', count: 1 },
  Quarter: { interval: 'month', count: 3 },
  'Semi-Annual': { interval: 'month', count: 6 },
  Annual: { interval: 'year', count: 1 },
  Week: { interval: 'week', count: 1 },
  'Subscription Term': { interval: 'term', count: 1 },
  'Specific Months': { interval: 'month' },
  'Specific Weeks': { interval: 'week' },
  'Specific Days': { interval: 'day' },
};

/** Only the models priced from a tier table have a tiers mode. */
export const TIERS_MODES: Partial<Record<ChargeModel, string>> = {
  'Tiered Pricing': 'graduated',
  'Volume Pricing': 'volume',
  'Tiered with Overage Pricing': 'graduated_with_overage',
};

export const CHARGE_MODEL_NAMES: Record<ChargeModel, string> = {
  'Flat Fee Pricing': 'flat_fee',
  'Per Unit Pricing': 'per_unit',
  'Tiered Pricing': 'tiered',
  'Volume Pricing': 'volume',
  'Overage Pricing': 'overage',
  'Tiered with Overage Pricing': 'tiered_with_overage',
  'Discount-Fixed Amount': 'discount_fixed_amount',
  'Discount-Percentage': 'discount_percentage',
};

/** Zuora's PascalCase values in Quickstart's snake case: `OneTime` -> `one_time`, `ContractEffective` -> `contract_effective`. */
export const snake = (text: string): string => text.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

/** What `recurring` is made of; a catalog charge leaves out what a subscribed charge has as null. */
type Recurs = Pick<Charge, 'chargeType' | 'billingTiming'> & {
  billingPeriod?: BillingPeriod | null;
  specificBillingPeriod?: number | null;
};

/**
 * The `recurring` member of a price or subscription item; a one-time charge has none. `on` (the
 * billing day) is the subscription item's alone.
 */
export function recurring(charge: Recurs, on?: string): Record<string, unknown> | undefined {
  if (charge.chargeType === 'OneTime' || !charge.billingPeriod) return undefined;
  const period = PERIOD_INTERVALS[charge.billingPeriod];
  return compact({
    interval: period.interval,
    interval_count: period.count ?? charge.specificBillingPeriod ?? undefined,
    on,
    timing: charge.billingTiming === 'In Advance' ? 'in_advance' : 'in_arrears',
    usage: charge.chargeType === 'Usage',
  });
}
