import type { SubscriptionCharge } from '../subscriptions/model.js';
import { addDays, addMonths, dayOfMonth, daysBetween, laterOf, monthsBetween } from './dates.js';

/** A date range [start, end): start inclusive, end exclusive, both YYYY-MM-DD. */
export interface Span {
  start: string;
  end: string;
}

/** A stretch of service and the full billing period it lies in, which its proration is measured against. */
export interface BillingSpan extends Span {
  period: Span;
}

/** What a charge's bill cycle day may follow besides the charge itself. */
export interface BillingAlignment {
  /** The invoice owner's bill cycle day, 1..31; 0 while the account has none yet. */
  accountBillCycleDay: number;
  subscriptionStartDate: string;
}

/**
 * The grid of billing-period boundaries of one charge. Every segment of the charge shares it, so a
 * mid-period price or quantity change splits a period instead of starting a new one. Boundary k is
 * `firstCycleDate` plus k periods (k may be negative); a charge starting before `firstCycleDate`
 * has a partial first period measured against the whole period that ends there.
 */
export type BillingSchedule =
  | { unit: 'month'; start: string; firstCycleDate: string; months: number; billCycleDay: number }
  | { unit: 'day'; start: string; firstCycleDate: string; days: number };

export type ScheduleFields = Pick<
  SubscriptionCharge,
  | 'billingPeriod'
  | 'specificBillingPeriod'
  | 'billCycleType'
  | 'billCycleDay'
  | 'effectiveStartDate'
  | 'effectiveEndDate'
  | 'chargedThroughDate'
>;

/** The schedule of a recurring or usage charge, from all of its segments (in any order). */
export function billingSchedule(segments: readonly ScheduleFields[], alignment: BillingAlignment): BillingSchedule {
  const [first] = [...segments].sort((a, b) => a.effectiveStartDate.localeCompare(b.effectiveStartDate));
  if (!first) throw new Error('A billing schedule needs at least one charge segment');
  const start = first.effectiveStartDate;
  const monthly = (months: number): BillingSchedule => {
    const billCycleDay = billCycleDayOf(first, alignment);
    const sameMonth = addMonths(start, 0, billCycleDay);
    const firstCycleDate = sameMonth >= start ? sameMonth : addMonths(start, 1, billCycleDay);
    return { unit: 'month', start, firstCycleDate, months, billCycleDay };
  };
  const daily = (days: number): BillingSchedule => ({ unit: 'day', start, firstCycleDate: start, days });
  switch (first.billingPeriod) {
    case 'Month':
      return monthly(1);
    case 'Quarter':
      return monthly(3);
    case 'Semi-Annual':
      return monthly(6);
    case 'Annual':
      return monthly(12);
    case 'Specific Months':
      return monthly(specificCount(first));
    case 'Week':
      return daily(7);
    case 'Specific Weeks':
      return daily(7 * specificCount(first));
    case 'Specific Days':
      return daily(specificCount(first));
    case 'Subscription Term':
      return termSchedule(segments, start);
    case null:
      throw new Error('One-time charges have no billing period');
  }
}

/** The full billing period `date` lies in. */
export function periodContaining(schedule: BillingSchedule, date: string): Span {
  // Estimate the period index from the distance, then step onto the exact one: clamped month ends
  // make the estimate off by one at most.
  let k =
    schedule.unit === 'month'
      ? Math.floor(monthsBetween(schedule.firstCycleDate, date) / schedule.months)
      : Math.floor(daysBetween(schedule.firstCycleDate, date) / schedule.days);
  // Each boundary worked out once: a bill run asks for a period or two of every charge, and each
  // boundary is a date formatted afresh.
  let start = boundary(schedule, k);
  while (start > date) start = boundary(schedule, --k);
  let end = boundary(schedule, k + 1);
  while (end <= date) {
    start = end;
    end = boundary(schedule, ++k + 1);
  }
  return { start, end };
}

/**
 * [from, until) cut at the schedule's period boundaries, in order; an open-ended `until` (null)
 * runs on for as long as the caller keeps taking spans.
 */
export function* billingSpans(schedule: BillingSchedule, from: string, until: string | null): Generator<BillingSpan> {
  let start = from;
  while (until === null || start < until) {
    const period = periodContaining(schedule, start);
    const end = until !== null && until < period.end ? until : period.end;
    yield { start, end, period };
    start = end;
  }
}

/**
 * The end of the billing period `date` lies in: the next bill cycle date after it, which is when
 * changes scheduled for the end of the current period take effect.
 */
export function billingPeriodEnd(schedule: BillingSchedule, date: string): string {
  return periodContaining(schedule, laterOf(date, schedule.start)).end;
}

/** The next `count` billing periods from `from` (the first one cut to start there), e.g. to preview N periods. */
export function billingPeriodsFrom(schedule: BillingSchedule, from: string, count: number): BillingSpan[] {
  const spans: BillingSpan[] = [];
  if (count <= 0) return spans;
  for (const span of billingSpans(schedule, laterOf(from, schedule.start), null)) {
    spans.push(span);
    if (spans.length === count) break;
  }
  return spans;
}

function boundary(schedule: BillingSchedule, k: number): string {
  return schedule.unit === 'month'
    ? addMonths(schedule.firstCycleDate, k * schedule.months, schedule.billCycleDay)
    : addDays(schedule.firstCycleDate, k * schedule.days);
}

/**
 * The day of the month that month-based periods start on. An account without a bill cycle day yet
 * (0) would get one from its first charge's trigger day, so that day stands in for it.
 */
function billCycleDayOf(charge: ScheduleFields, alignment: BillingAlignment): number {
  const triggerDay = dayOfMonth(charge.effectiveStartDate);
  switch (charge.billCycleType) {
    case 'DefaultFromCustomer':
      return alignment.accountBillCycleDay || triggerDay;
    case 'SpecificDayofMonth':
      return charge.billCycleDay || alignment.accountBillCycleDay || triggerDay;
    case 'SubscriptionStartDay':
      return dayOfMonth(alignment.subscriptionStartDate);
    default:
      // ChargeTriggerDay; also TermStartDay, TermEndDay and SpecificDayofWeek, which need term and
      // weekday data the charge does not carry yet.
      return triggerDay;
  }
}

/**
 * 'Subscription Term' bills the whole term as one period. Once billed, the billed-through date
 * remembers how long that term was even after a cancellation has cut the segment short, so a
 * credit is still measured against the whole term. Open-ended charges take a year per period.
 */
function termSchedule(segments: readonly ScheduleFields[], start: string): BillingSchedule {
  if (segments.some((segment) => segment.effectiveEndDate === null)) {
    return { unit: 'month', start, firstCycleDate: start, months: 12, billCycleDay: dayOfMonth(start) };
  }
  const end = segments.reduce(
    (latest, segment) => laterOf(latest, laterOf(segment.effectiveEndDate ?? start, segment.chargedThroughDate)),
    start,
  );
  return { unit: 'day', start, firstCycleDate: start, days: Math.max(1, daysBetween(start, end)) };
}

function specificCount(charge: ScheduleFields): number {
  const count = charge.specificBillingPeriod;
  if (!count || count < 1) throw new Error(`A '${charge.billingPeriod}' charge needs a specificBillingPeriod of at least 1`);
  return count;
}
