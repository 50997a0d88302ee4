import { zonedDate, zonedInstant } from '../clock/timeZones.js';
import type { ReadView } from '../state/transaction.js';
import { resolveSettings } from '../state/settings.js';

/**
 * Billing dates are the tenant's calendar dates: "today" and "the start of a day" are read in the
 * tenant's time zone (UTC unless its settings name another).
 */
export function tenantToday(view: ReadView): string {
  const { now, settings } = view.meta();
  const { timeZone } = resolveSettings(settings);
  if (now !== lastToday.now || timeZone !== lastToday.timeZone) lastToday = { now, timeZone, date: zonedDate(new Date(now), timeZone) };
  return lastToday.date;
}

/** The last answer of `tenantToday`: an order asks for today several times, and the clock stands still meanwhile. */
let lastToday = { now: '', timeZone: '', date: '' };

/** The instant a tenant's `date` starts (or reaches `time`, HH:mm, on that day). */
export function tenantInstant(view: ReadView, date: string, time = '00:00'): Date {
  return zonedInstant(date, time, resolveSettings(view.meta().settings).timeZone);
}
