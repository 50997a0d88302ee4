/** Wall-clock dates and times in an IANA time zone, turned into instants and back (no library needed: Intl knows the zones). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall clock in `timeZone` at `instant`, read as if it were UTC (so the difference is the zone's offset). */
function wallClockMs(instant: Date, timeZone: string): number {
  // Most tenants keep the default zone; asking Intl about UTC was a measurable part of every order.
  if (timeZone === 'UTC') return Math.floor(instant.getTime() / 1000) * 1000;
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** The calendar date (YYYY-MM-DD) in `timeZone` at `instant`. */
export function zonedDate(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` at `time` (HH:mm). A time that a
 * daylight-saving jump skips resolves to an instant within an hour of it.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00.000Z`);
  // Two passes: the offset at the first guess may differ from the offset at the answer near a DST change.
  let guess = wall - (wallClockMs(new Date(wall), timeZone) - wall);
  guess = wall - (wallClockMs(new Date(guess), timeZone) - guess);
  return new Date(guess);
}
