import type { BillingPeriod } from '../model/types.js';
import { addMonthsOnDay, laterOf } from './dates.js';

/** A billing period [start, end), both YYYY-MM-DD. */
export interface Period {
  start: string;
  end: string;
}

const MONTHS: Record<BillingPeriod, number> = { MONTHLY: 1, ANNUALLY: 12 };

/**
 * The billing period `date` lies in, the way Zuora lays periods out for the charges the catalog
 * sync creates (bill cycle "DefaultFromCustomer"): boundaries fall on the account's bill cycle day,
 * the first one on or after the subscription start, then every period after it. Zuora sets an
 * account's bill cycle day from its first subscription when the account has none, so 0 means "the
 * start day". A date before the first boundary lies in the partial first period, which the answer
 * reports as the full period ending there (callers clamp its start to the subscription start).
 */
export function periodContaining(subscriptionStart: string, billingPeriod: BillingPeriod, billCycleDay: number, date: string): Period {
  const months = MONTHS[billingPeriod];
  const day = billCycleDay || Number(subscriptionStart.slice(8, 10));
  const sameMonth = addMonthsOnDay(subscriptionStart, 0, day);
  const firstBoundary = sameMonth >= subscriptionStart ? sameMonth : addMonthsOnDay(subscriptionStart, 1, day);
  const boundary = (k: number): string => addMonthsOnDay(firstBoundary, k * months, day);
  // Estimate the index from the month distance, then step onto the exact period.
  const monthsApart = (Number(date.slice(0, 4)) - Number(firstBoundary.slice(0, 4))) * 12 + Number(date.slice(5, 7)) - Number(firstBoundary.slice(5, 7));
  let k = Math.floor(monthsApart / months);
  while (boundary(k) > date) k -= 1;
  while (boundary(k + 1) <= date) k += 1;
  return { start: boundary(k), end: boundary(k + 1) };
}

/** The next bill date after `date`: when "end of the billing period" changes take effect. */
export function billingPeriodEnd(subscriptionStart: string, billingPeriod: BillingPeriod, billCycleDay: number, date: string): string {
  return periodContaining(subscriptionStart, billingPeriod, billCycleDay, laterOf(date, subscriptionStart)).end;
}
