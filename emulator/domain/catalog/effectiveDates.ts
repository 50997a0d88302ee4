import { invalidValue } from '../errors.js';

/** Catalog items carry an effective date range (YYYY-MM-DD, inclusive). */
export function checkEffectiveDates(object: string, start: string, end: string): void {
  for (const [field, value] of [
    ['start_date', start],
    ['end_date', end],
  ] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw invalidValue(object, field, `'${field}' must be a date (YYYY-MM-DD), got '${value}'`);
    }
  }
  if (end < start) throw invalidValue(object, 'end_date', "'end_date' must not be before 'start_date'");
}

export function isEffective(now: Date, start: string, end: string): boolean {
  const today = now.toISOString().slice(0, 10);
  return start <= today && today <= end;
}
