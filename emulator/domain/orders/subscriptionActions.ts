import { apiUserId } from '../../state/ids.js';
import { ACCOUNTS, type Account } from '../accounts.js';
import { checkCustomFields } from '../customFields.js';
import { conflict, invalidValue, missingField } from '../errors.js';
import { findPaymentTerm } from '../paymentTerms.js';
import { SUBSCRIPTIONS, TERM_PERIOD_TYPES, type SubscriptionStatus, type TermPeriodType } from '../subscriptions/model.js';
import { findLatestVersion } from '../subscriptions/queries.js';
import { addTerm } from '../subscriptions/terms.js';
import { tenantToday } from '../tenantTime.js';
import { checkDate, type ActionContext } from './context.js';
import type { SubscriptionDraft } from './draft.js';
import { ORDERS, type CancelSubscriptionInput, type CreateSubscriptionInput, type OrderSubscriptionInput, type ResumeInput, type SuspendInput } from './model.js';
import { addRatePlan, endChargeAt } from './ratePlanActions.js';

function periodType(value: string | undefined, field: string): TermPeriodType {
  const type = value ?? 'Month';
  if (!(TERM_PERIOD_TYPES as readonly string[]).includes(type)) throw invalidValue(ORDERS, field, `'${field}' must be one of ${TERM_PERIOD_TYPES.join(', ')}`);
  return type as TermPeriodType;
}

/**
 * A subscription given a service activation or customer acceptance date that lies ahead of the
 * tenant clock waits in Pending Activation / Pending Acceptance until then. A future-dated order
 * without those dates is simply Active from its start, as on a default Zuora tenant.
 */
export function statusOn(today: string, serviceActivation: string | null, customerAcceptance: string | null): SubscriptionStatus {
  if (serviceActivation && serviceActivation > today) return 'Pending Activation';
  if (customerAcceptance && customerAcceptance > today) return 'Pending Acceptance';
  return 'Active';
}

export function createSubscriptionDraft(ctx: ActionContext, input: CreateSubscriptionInput, group: OrderSubscriptionInput): SubscriptionDraft {
  const { tx, account, field } = ctx;
  const terms = input.terms;
  if (!terms?.initialTerm) throw missingField(ORDERS, `${field}.createSubscription.terms.initialTerm`);
  const initial = terms.initialTerm;
  if (initial.termType !== 'TERMED' && initial.termType !== 'EVERGREEN') {
    throw invalidValue(ORDERS, `${field}.createSubscription.terms.initialTerm.termType`, "'termType' value should be one of: TERMED, EVERGREEN");
  }
  const initialType = periodType(initial.periodType, `${field}.createSubscription.terms.initialTerm.periodType`);
  if (initial.termType === 'TERMED' && !(Number.isInteger(initial.period) && (initial.period as number) > 0)) {
    throw invalidValue(ORDERS, `${field}.createSubscription.terms.initialTerm.period`, 'A TERMED subscription needs a whole number of periods above 0');
  }
  const renewal = terms.renewalTerms?.[0];
  const given = input.subscriptionNumber ?? group.subscriptionNumber;
  const number = tx.givenOrNextNumber('subscription', given, (candidate) => !!findLatestVersion(tx, candidate), () =>
    conflict(SUBSCRIPTIONS, `Subscription number '${given}' is already in use`, `${field}.createSubscription.subscriptionNumber`),
  );
  const currency = input.currency ?? account.currency;
  if (input.paymentTerm && !findPaymentTerm(input.paymentTerm)) {
    throw invalidValue(ORDERS, `${field}.createSubscription.paymentTerm`, `Payment term '${input.paymentTerm}' does not exist`);
  }
  const termStart = initial.startDate ? checkDate(initial.startDate, `${field}.createSubscription.terms.initialTerm.startDate`) : ctx.dates.contractEffective;
  const period = initial.period ?? 0;
  const termEnd = initial.termType === 'TERMED' ? addTerm(termStart, period, initialType) : null;
  if (account.billCycleDay === 0) {
    // An account whose bill cycle day is set automatically takes the day its first subscription starts.
    tx.update<Account>(ACCOUNTS, account.id, { billCycleDay: Number(ctx.dates.contractEffective.slice(8, 10)) });
  }
  const user = apiUserId(tx.tenant);
  const draft: SubscriptionDraft = {
    base: null,
    subscription: {
      subscriptionNumber: number,
      accountId: account.id,
      invoiceOwnerId: account.id,
      status: statusOn(tenantToday(tx), ctx.dates.serviceActivation, ctx.dates.customerAcceptance),
      termType: initial.termType,
      initialTerm: period,
      initialTermPeriodType: initialType,
      currentTerm: period,
      currentTermPeriodType: initialType,
      renewalTerm: renewal?.period ?? period,
      renewalTermPeriodType: periodType(renewal?.periodType ?? initialType, `${field}.createSubscription.terms.renewalTerms[0].periodType`),
      renewalSetting: terms.renewalSetting ?? 'RENEW_WITH_SPECIFIC_TERM',
      autoRenew: terms.autoRenew ?? false,
      termStartDate: termStart,
      termEndDate: termEnd,
      subscriptionStartDate: termStart,
      subscriptionEndDate: termEnd,
      contractEffectiveDate: ctx.dates.contractEffective,
      serviceActivationDate: ctx.dates.serviceActivation ?? ctx.dates.contractEffective,
      customerAcceptanceDate: ctx.dates.customerAcceptance ?? ctx.dates.serviceActivation ?? ctx.dates.contractEffective,
      cancelledDate: null,
      currency,
      orderId: ctx.orderId,
      orderNumber: ctx.orderNumber,
      ...(input.notes ?? group.notes ? { notes: input.notes ?? group.notes } : {}),
      invoiceSeparately: input.invoiceSeparately ?? false,
      ...(input.paymentTerm ? { paymentTerm: input.paymentTerm } : {}),
      customFields: checkCustomFields(tx, SUBSCRIPTIONS, group.customFields ?? {}, `${field}.customFields.`),
      createdById: user,
      updatedById: user,
    },
    ratePlans: [],
    charges: [],
  };
  (input.subscribeToRatePlans ?? []).forEach((plan, index) => addRatePlan(ctx, draft, plan, `${field}.createSubscription.subscribeToRatePlans[${index}]`));
  return draft;
}

/** The end of the last billed period, or the contract effective date when nothing was billed yet. */
function lastInvoicePeriodEnd(ctx: ActionContext, draft: SubscriptionDraft): string {
  return draft.charges.reduce((latest, charge) => (charge.chargedThroughDate > latest ? charge.chargedThroughDate : latest), ctx.dates.contractEffective);
}

export function cancelDraft(ctx: ActionContext, draft: SubscriptionDraft, input: CancelSubscriptionInput): void {
  const field = `${ctx.field}.cancelSubscription`;
  let date: string;
  switch (input.cancellationPolicy) {
    case 'SpecificDate':
      if (!input.cancellationEffectiveDate) throw missingField(ORDERS, `${field}.cancellationEffectiveDate`);
      date = checkDate(input.cancellationEffectiveDate, `${field}.cancellationEffectiveDate`);
      break;
    case 'EndOfCurrentTerm':
      if (!draft.subscription.termEndDate) throw invalidValue(ORDERS, `${field}.cancellationPolicy`, 'An evergreen subscription has no current term to end');
      date = draft.subscription.termEndDate;
      break;
    case 'EndOfLastInvoicePeriod':
      date = lastInvoicePeriodEnd(ctx, draft);
      break;
    default:
      throw invalidValue(ORDERS, `${field}.cancellationPolicy`, "'cancellationPolicy' must be one of EndOfCurrentTerm, EndOfLastInvoicePeriod, SpecificDate");
  }
  if (date < draft.subscription.subscriptionStartDate) {
    throw invalidValue(ORDERS, `${field}.cancellationEffectiveDate`, `A subscription cannot be cancelled before it starts (${draft.subscription.subscriptionStartDate})`);
  }
  for (const chargeNumber of new Set(draft.charges.map((charge) => charge.chargeNumber))) endChargeAt(draft, chargeNumber, date);
  Object.assign(draft.subscription, {
    status: 'Cancelled' as const,
    cancelledDate: date,
    subscriptionEndDate: date,
    termEndDate: date,
  });
}

export function renewDraft(draft: SubscriptionDraft, field: string): void {
  const sub = draft.subscription;
  if (sub.termType !== 'TERMED' || !sub.termEndDate) throw invalidValue(ORDERS, `${field}.type`, 'Only a TERMED subscription can be renewed');
  const newEnd = addTerm(sub.termEndDate, sub.renewalTerm, sub.renewalTermPeriodType);
  Object.assign(sub, {
    termStartDate: sub.termEndDate,
    termEndDate: newEnd,
    subscriptionEndDate: newEnd,
    currentTerm: sub.renewalTerm,
    currentTermPeriodType: sub.renewalTermPeriodType,
  });
}

type PeriodUnit = 'Day' | 'Week' | 'Month' | 'Year';

/** `n` periods of a unit after `from` (the V1 API sends the count as text). */
function periodsAfter(from: string, periods: number | string | undefined, unit: PeriodUnit | undefined, field: string): string {
  const count = Number(periods);
  if (!Number.isInteger(count) || count < 1) throw invalidValue(ORDERS, `${field}Periods`, `'${field}Periods' must be a whole number above 0`);
  const type = unit ?? 'Day';
  if (!['Day', 'Week', 'Month', 'Year'].includes(type)) throw invalidValue(ORDERS, `${field}PeriodsType`, `'${field}PeriodsType' must be one of Day, Week, Month, Year`);
  return addTerm(from, count, type);
}

function policyDate(ctx: ActionContext, draft: SubscriptionDraft, policy: string, specific: string | undefined, field: string): string {
  const today = tenantToday(ctx.tx);
  if (policy === 'Today') return today;
  if (policy === 'SpecificDate') return checkDate(specific ?? '', `${field}SpecificDate`);
  if (policy === 'EndOfLastInvoicePeriod') return lastInvoicePeriodEnd(ctx, draft);
  throw invalidValue(ORDERS, `${field}Policy`, `'${policy}' is not a policy the emulator knows; use Today, SpecificDate, EndOfLastInvoicePeriod or a fixed number of periods`);
}

/** A suspension booked for a later date: the subscription stays Active until the clock reaches it. */
export const suspensionPending = (sub: Pick<SubscriptionDraft['subscription'], 'status' | 'suspendDate'>, today: string): boolean =>
  sub.status === 'Active' && sub.suspendDate !== undefined && sub.suspendDate > today;

/**
 * A suspension takes effect on its date: at once when that is today or earlier, otherwise the
 * subscription stays Active and the clock suspends it then (see lifecycleJobs).
 */
export function suspendDraft(ctx: ActionContext, draft: SubscriptionDraft, input: SuspendInput): void {
  const sub = draft.subscription;
  const today = tenantToday(ctx.tx);
  if (sub.status !== 'Active' || suspensionPending(sub, today)) {
    throw conflict(SUBSCRIPTIONS, `Only an Active subscription can be suspended; ${sub.subscriptionNumber} is ${sub.status === 'Active' ? `already to be suspended on ${sub.suspendDate}` : sub.status}`);
  }
  const field = `${ctx.field}.suspend.suspend`;
  const date =
    input.suspendPolicy === 'FixedPeriodsFromToday'
      ? periodsAfter(today, input.suspendPeriods, input.suspendPeriodsType, field)
      : policyDate(ctx, draft, input.suspendPolicy, input.suspendSpecificDate, field);
  if (date < sub.subscriptionStartDate) throw invalidValue(ORDERS, `${field}SpecificDate`, `A subscription cannot be suspended before it starts (${sub.subscriptionStartDate})`);
  const { resumeDate: _previous, ...rest } = sub;
  draft.subscription = { ...rest, status: date <= today ? 'Suspended' : 'Active', suspendDate: date };
}

/**
 * A resume, like a suspension, takes effect on its date. It may be booked while the suspension is
 * still to come, and cannot date before the suspension.
 */
export function resumeDraft(ctx: ActionContext, draft: SubscriptionDraft, input: ResumeInput): void {
  const sub = draft.subscription;
  const today = tenantToday(ctx.tx);
  if (sub.status !== 'Suspended' && !suspensionPending(sub, today)) {
    throw conflict(SUBSCRIPTIONS, `Only a Suspended subscription can be resumed; ${sub.subscriptionNumber} is ${sub.status}`);
  }
  const suspendDate = sub.suspendDate ?? today;
  const field = `${ctx.field}.resume.resume`;
  const date =
    input.resumePolicy === 'SuspendDate'
      ? suspendDate
      : input.resumePolicy === 'FixedPeriodsFromSuspendDate'
        ? periodsAfter(suspendDate, input.resumePeriods, input.resumePeriodsType, field)
        : policyDate(ctx, draft, input.resumePolicy, input.resumeSpecificDate, field);
  if (date < suspendDate) throw invalidValue(ORDERS, `${field}SpecificDate`, `A subscription cannot resume before its suspension (${suspendDate})`);
  if (input.extendsTerm && sub.termEndDate) {
    const days = Math.round((Date.parse(date) - Date.parse(suspendDate)) / 86_400_000);
    sub.termEndDate = addTerm(sub.termEndDate, days, 'Day');
    sub.subscriptionEndDate = sub.termEndDate;
  }
  Object.assign(sub, { status: date <= today ? ('Active' as const) : sub.status, resumeDate: date });
}
