import type { ReadView } from '../../state/transaction.js';
import { TEST_CLOCKS, type StripeTestClock } from './model.js';

/** Unix seconds, as Stripe writes every time. */
export const toUnix = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * Now for an object: the frozen time of its test clock if it lives on one, else the account's
 * virtual clock. A test clock moves only the objects created on it.
 */
export function nowOn(view: ReadView, testClock: string | null): number {
  if (testClock) {
    const clock = view.get<StripeTestClock>(TEST_CLOCKS, testClock);
    if (clock) return clock.frozen_time;
  }
  return toUnix(view.now());
}

const DAY = 86_400;

/**
 * The next period boundary after `from`: months and years keep the anchor's day (clamped to the
 * month's length, as Stripe bills a 31st-anchored subscription on Feb 28) and time of day.
 */
export function addInterval(from: number, interval: 'day' | 'week' | 'month' | 'year', count: number, anchorDay: number): number {
  if (interval === 'day') return from + count * DAY;
  if (interval === 'week') return from + count * 7 * DAY;
  const date = new Date(from * 1000);
  const months = interval === 'year' ? 12 * count : count;
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const next = Date.UTC(year, month, Math.min(anchorDay, lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
  return Math.floor(next / 1000);
}
