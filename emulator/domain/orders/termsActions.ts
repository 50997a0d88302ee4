import { invalidValue } from '../errors.js';
import { TERM_PERIOD_TYPES, type TermPeriodType } from '../subscriptions/model.js';
import { addTerm } from '../subscriptions/terms.js';
import { checkDate, type ActionContext } from './context.js';
import type { SubscriptionDraft } from './draft.js';
import { ORDERS, type TermsAndConditionsInput, type TermsInput } from './model.js';

// The TermsAndConditions order action: a subscription's auto-renewal, renewal setting and terms
// change in the new version. `initialTerm` changes the first term, `lastTerm` the current one (an
// end date, a length, or EVERGREEN); `renewalTerms` the length of the terms to come.

function periodType(value: string | undefined, fallback: TermPeriodType, field: string): TermPeriodType {
  const type = value ?? fallback;
  if (!(TERM_PERIOD_TYPES as readonly string[]).includes(type)) throw invalidValue(ORDERS, field, `'${field}' must be one of ${TERM_PERIOD_TYPES.join(', ')}`);
  return type as TermPeriodType;
}

function termType(value: string | undefined, field: string): 'TERMED' | 'EVERGREEN' | undefined {
  if (value === undefined || value === 'TERMED' || value === 'EVERGREEN') return value;
  throw invalidValue(ORDERS, field, "'termType' value should be one of: TERMED, EVERGREEN");
}

/** Makes the term that starts at `start` the given one: its length, or its end date, or no end (EVERGREEN). */
function setTerm(draft: SubscriptionDraft, term: TermsInput, field: string, first: boolean): void {
  const sub = draft.subscription;
  const type = termType(term.termType, `${field}.termType`) ?? sub.termType;
  const start = term.startDate ? checkDate(term.startDate, `${field}.startDate`) : sub.termStartDate;
  if (type === 'EVERGREEN') {
    Object.assign(sub, { termType: 'EVERGREEN' as const, termStartDate: start, termEndDate: null, subscriptionEndDate: null });
    return;
  }
  let end: string;
  let period = term.period ?? (first ? sub.initialTerm : sub.currentTerm);
  const unit = periodType(term.periodType, first ? sub.initialTermPeriodType : sub.currentTermPeriodType, `${field}.periodType`);
  if (term.endDate) {
    end = checkDate(term.endDate, `${field}.endDate`);
    // Zuora counts a term given by its end date in days.
    if (term.period === undefined) period = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
  } else {
    if (!(Number.isInteger(period) && period > 0)) throw invalidValue(ORDERS, `${field}.period`, 'A TERMED term needs a whole number of periods above 0');
    end = addTerm(start, period, unit);
  }
  if (end <= start) throw invalidValue(ORDERS, `${field}.endDate`, `A term must end after it starts (${start})`);
  const unitOfEnd = term.endDate && term.period === undefined ? ('Day' as const) : unit;
  Object.assign(sub, {
    termType: 'TERMED' as const,
    termStartDate: start,
    termEndDate: end,
    subscriptionEndDate: end,
    currentTerm: period,
    currentTermPeriodType: unitOfEnd,
    ...(first ? { initialTerm: period, initialTermPeriodType: unitOfEnd } : {}),
  });
}

export function changeTerms(ctx: ActionContext, draft: SubscriptionDraft, input: TermsAndConditionsInput): void {
  const field = `${ctx.field}.termsAndConditions`;
  const sub = draft.subscription;
  if (input.autoRenew !== undefined) sub.autoRenew = input.autoRenew;
  if (input.renewalSetting !== undefined) {
    if (input.renewalSetting !== 'RENEW_WITH_SPECIFIC_TERM' && input.renewalSetting !== 'RENEW_TO_EVERGREEN') {
      throw invalidValue(ORDERS, `${field}.renewalSetting`, "'renewalSetting' must be one of RENEW_WITH_SPECIFIC_TERM, RENEW_TO_EVERGREEN");
    }
    sub.renewalSetting = input.renewalSetting;
  }
  const renewal = input.renewalTerms?.[0];
  if (renewal) {
    if (renewal.period !== undefined) sub.renewalTerm = renewal.period;
    sub.renewalTermPeriodType = periodType(renewal.periodType, sub.renewalTermPeriodType, `${field}.renewalTerms[0].periodType`);
  }
  if (input.initialTerm) setTerm(draft, input.initialTerm, `${field}.initialTerm`, true);
  if (input.lastTerm) setTerm(draft, input.lastTerm, `${field}.lastTerm`, false);
}
