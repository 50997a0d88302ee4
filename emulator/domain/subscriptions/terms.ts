import { addDays, addMonths } from '../billing/dates.js';
import type { TermPeriodType } from './model.js';

/** Adds a term (n months, years, weeks or days) to a YYYY-MM-DD date, months clamping to the month's end. */
export function addTerm(date: string, period: number, periodType: TermPeriodType): string {
  switch (periodType) {
    case 'Month':
      return addMonths(date, period);
    case 'Year':
      return addMonths(date, period * 12);
    case 'Week':
      return addDays(date, period * 7);
    case 'Day':
      return addDays(date, period);
  }
}
