// Date-only arithmetic on 'YYYY-MM-DD' strings, computed in UTC so a host's time zone can never
// move a billing boundary. Such strings order correctly as plain strings, so `<` compares dates.

const DAY_MS = 24 * 60 * 60 * 1000;

interface DateParts {
  year: number;
  /** 0-based, as Date.UTC takes it. */
  month: number;
  day: number;
}

function parts(date: string): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`'${date}' is not a YYYY-MM-DD date`);
  return { year: Number(match[1]), month: Number(match[2]) - 1, day: Number(match[3]) };
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function toMs(date: string): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month, day);
}

export function dayOfMonth(date: string): number {
  return parts(date).day;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; Date.UTC carries overflowing months into years.
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export function addDays(date: string, days: number): string {
  return format(toMs(date) + days * DAY_MS);
}

/**
 * The date `months` months after `date` (or before, if negative), on `day` of that month, clamped
 * to the month's last day. Passing the bill cycle day keeps a schedule on day 31 after a short
 * month has clamped it (Jan 31 -> Feb 28 -> Mar 31), which repeated one-month steps would lose.
 */
export function addMonths(date: string, months: number, day = dayOfMonth(date)): string {
  const { year, month } = parts(date);
  const target = new Date(Date.UTC(year, month + months, 1));
  const lastDay = daysInMonth(target.getUTCFullYear(), target.getUTCMonth());
  return format(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDay)));
}

/** Whole months from `from`'s month to `to`'s month, ignoring the days. */
export function monthsBetween(from: string, to: string): number {
  const a = parts(from);
  const b = parts(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** Days from `from` to `to`: the length of the span [from, to). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS);
}

export const laterOf = (a: string, b: string): string => (a > b ? a : b);
