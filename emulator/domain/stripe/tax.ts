import type { StripeCustomer } from './model.js';

/**
 * Automatic tax in the emulator is one documented flat test rate: 10% of the subtotal, rounded half
 * up to a minor unit, for any customer with a country on their address. Stripe Tax's real rates
 * depend on registrations and jurisdictions, which no local emulator can know.
 */
export const FLAT_TAX_RATE_PERCENT = 10;

export const hasTaxLocation = (customer: StripeCustomer): boolean => !!customer.address?.country;

export function taxOn(customer: StripeCustomer, subtotal: number): number {
  if (!hasTaxLocation(customer)) return 0;
  return Math.round((subtotal * FLAT_TAX_RATE_PERCENT) / 100);
}
