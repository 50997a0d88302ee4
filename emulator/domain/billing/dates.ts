// Date-only arithmetic on 'YYYY-MM-DD' strings, computed in UTC so a host's time zone can never
// move a billing boundary. Such strings order correctly as plain strings, so `<` compares dates.

const DAY_MS = 24 * 60 * 60 * 1000;

interface DateParts {
  year: number;
  /** 0-based, as Date.UTC takes it. */
  month: number;
  day: number;
}

const ZERO = 48; // '0'
const DASH = 45; // '-'

/** The number the decimal digits in date[from, to) spell, or NaN if one is not a digit. */
function digits(date: string, from: number, to: number): number {
  let value = 0;
  for (let at = from; at < to; at += 1) {
    const digit = date.charCodeAt(at) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

// Billing reads and writes dates many times per charge and bill run: they are parsed, stepped and
// printed with integer arithmetic, not through Date objects and ISO strings.
function parts(date: string): DateParts {
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (date.length !== 10 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH || Number.isNaN(year + month + day)) {
    throw new Error(`'${date}' is not a YYYY-MM-DD date`);
  }
  return { year, month: month - 1, day };
}

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : String(value));

function print(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${twoDigits(month + 1)}-${twoDigits(day)}`;
}

/** The UTC date of a time value (days since the epoch to a civil date, after Howard Hinnant's days_from_civil inverse). */
function format(ms: number): string {
  const shifted = Math.floor(ms / DAY_MS) + 719468; // days since 0000-03-01
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 2 : shiftedMonth - 10;
  return print(yearOfEra + era * 400 + (month <= 1 ? 1 : 0), month, day);
}

function toMs(date: string): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month, day);
}

export function dayOfMonth(date: string): number {
  return parts(date).day;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month of a year (month 0-based, 0..11). */
function daysInMonth(year: number, month: number): number {
  return month === 1 && isLeapYear(year) ? 29 : (MONTH_DAYS[month] as number);
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
  // Months counted from year 0, so an overflowing month carries into the year.
  const target = year * 12 + month + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = target - targetYear * 12;
  return print(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
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
