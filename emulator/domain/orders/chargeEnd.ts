import type { Charge } from '../catalog/charges.js';
import { invalidValue } from '../errors.js';
import type { TermPeriodType } from '../subscriptions/model.js';
import { addTerm } from '../subscriptions/terms.js';
import { checkDate } from './context.js';
import { ORDERS, type ChargeEndInput } from './model.js';

// When a subscribed charge ends: with the subscription (`Subscription_End`, the default), after a
// number of periods (`Fixed_Period`: upToPeriods of upToPeriodsType), or on a date
// (`Specific_End_Date`). The order's `endDate` override wins over the catalog charge's settings.

const PERIOD_UNITS: Record<string, TermPeriodType> = { Days: 'Day', Weeks: 'Week', Months: 'Month', Years: 'Year' };
/** Months in a billing period, for `Billing_Periods` counts. */
const BILLING_PERIOD_MONTHS: Record<string, number> = { Month: 1, Quarter: 3, 'Semi-Annual': 6, Annual: 12 };

export interface ChargeEnd {
  effectiveEndDate: string | null;
  endDateCondition?: string;
  upToPeriods?: number;
  upToPeriodsType?: string;
  specificEndDate?: string;
}

export function chargeEnd(start: string, catalog: Charge, billingPeriod: string | null, override: ChargeEndInput | undefined, field: string): ChargeEnd {
  const condition = (override?.endDateCondition ?? catalog.endDateCondition).replace(/_/g, '');
  if (condition === 'SpecificEndDate') {
    const date = checkDate(override?.specificEndDate ?? '', `${field}.endDate.specificEndDate`);
    if (date <= start) throw invalidValue(ORDERS, `${field}.endDate.specificEndDate`, `A charge must end after it starts (${start})`);
    return { effectiveEndDate: date, endDateCondition: 'Specific_End_Date', specificEndDate: date };
  }
  if (condition !== 'FixedPeriod') return { effectiveEndDate: null };
  const periods = override?.upToPeriods ?? catalog.upToPeriods;
  const type = override?.upToPeriodsType ?? catalog.upToPeriodsType ?? 'Billing_Periods';
  if (!(Number.isInteger(periods) && (periods as number) > 0)) {
    throw invalidValue(ORDERS, `${field}.endDate.upToPeriods`, "A 'Fixed_Period' charge needs 'upToPeriods', a whole number above 0");
  }
  const count = periods as number;
  const unit = PERIOD_UNITS[type.replace(/_/g, '')];
  const months = BILLING_PERIOD_MONTHS[billingPeriod ?? 'Month'];
  const end = unit ? addTerm(start, count, unit) : months ? addTerm(start, count * months, 'Month') : undefined;
  if (!end) throw invalidValue(ORDERS, `${field}.endDate.upToPeriodsType`, `'${type}' periods of a '${billingPeriod}' charge cannot be counted`);
  return { effectiveEndDate: end, endDateCondition: 'Fixed_Period', upToPeriods: count, upToPeriodsType: type };
}
