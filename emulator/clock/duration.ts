/** An ISO-8601 duration split into calendar and exact parts. */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses `P1M`, `P1Y2M10DT2H30M`, `PT90S`...; returns undefined for anything else (or an empty `P`). */
export function parseDuration(text: string): Duration | undefined {
  const match = PATTERN.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return {
    years: years ?? 0,
    months: months ?? 0,
    weeks: weeks ?? 0,
    days: days ?? 0,
    hours: hours ?? 0,
    minutes: minutes ?? 0,
    seconds: seconds ?? 0,
  };
}

/**
 * Adds a duration in UTC the way billing calendars do: months and years move the calendar date and
 * clamp to the month's last day (Jan 31 + P1M = Feb 28), then days and time are added exactly.
 */
export function addDuration(start: Date, duration: Duration): Date {
  const result = addMonths(start, duration.years * 12 + duration.months);
  const exactMs =
    ((duration.weeks * 7 + duration.days) * 24 * 3600 + duration.hours * 3600 + duration.minutes * 60 + duration.seconds) *
    1000;
  return new Date(result.getTime() + exactMs);
}

export function addMonths(start: Date, months: number): Date {
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(year, month, day, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds()),
  );
}
