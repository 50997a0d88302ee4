import type { CustomCurrency, Feature, Package, Price, Product } from '../../sync/model/types.js';

// The platform catalog the sync engine tests load is Acme's, in a variant per test: these are the
// parts they have in common. Each test still spells out its other plans and add-ons.

export const FEATURES: Feature[] = [
  { id: 'feature-seats', name: 'Seats', unit: 'seat' },
  { id: 'feature-api-calls', name: 'API calls', unit: 'call', metered: true },
];

export const ACME: Product = { id: 'product-acme', name: 'Acme' };

export const API_CREDITS: CustomCurrency = { id: 'currency-api-credits', name: 'API credits' };

/** Pro's monthly prices: a $30 platform fee, $10 a seat, $0.01 an API call. */
export const PRO_FEE: Price = { billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 30 };
export const SEAT_PRICE: Price = { billingPeriod: 'MONTHLY', model: 'PER_UNIT', feature: 'feature-seats', unitPrice: 10 };
export const API_CALL_PRICE: Price = { billingPeriod: 'MONTHLY', model: 'USAGE_BASED', feature: 'feature-api-calls', unitPrice: 0.01 };
/** Pro's seats by the year: $100 each up to 10, $80 beyond. */
export const ANNUAL_SEAT_TIERS: Price = { billingPeriod: 'ANNUALLY', model: 'TIERED', feature: 'feature-seats', tiers: [{ upTo: 10, unitPrice: 100 }, { unitPrice: 80 }] };

/** The paid Pro plan (up to 50 seats) at the prices a test sells it at; no `kind`, which the API reads off the list a package is in. */
export const proPlan = (prices: Price[]): Omit<Package, 'kind'> => ({
  id: 'plan-pro',
  product: 'product-acme',
  name: 'Pro',
  pricingType: 'PAID',
  entitlements: [{ feature: 'feature-seats', limit: 50 }],
  prices,
});
