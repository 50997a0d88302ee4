import type { SyncContext } from '../context.js';

// Zuora dates are plain days (YYYY-MM-DD, the tenant's calendar); the platform keeps instants (ISO).

/** The platform's current instant and its day. */
export async function platformNow(ctx: SyncContext): Promise<{ at: string; today: string }> {
  const at = (await ctx.time.now()).toISOString();
  return { at, today: at.slice(0, 10) };
}

export const dayOf = (instant: string): string => instant.slice(0, 10);

/**
 * The date `months` months after `date`'s month, on day `day` of that month, or on its last day
 * when the month is shorter (a 31st bill cycle day falls on 28 February).
 */
export function addMonthsOnDay(date: string, months: number, day: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

export const laterOf = (a: string, b: string): string => (a > b ? a : b);
