import { daysBetween } from './dates.js';
import type { BillingSpan } from './periods.js';

/**
 * The share of its full billing period a span of service covers, by actual days: a charge starting
 * on Jan 15 with monthly periods on the 1st pays 17/31 of a month for [Jan 15, Feb 1).
 */
export function prorationFactor(span: BillingSpan): number {
  return daysBetween(span.start, span.end) / daysBetween(span.period.start, span.period.end);
}
