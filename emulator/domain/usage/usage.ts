import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { ACCOUNTS, getAccount, type Account } from '../accounts.js';
import { checkCustomFields, type CustomFields } from '../customFields.js';
import { conflict, invalidValue, missingField, notFound, referenced } from '../errors.js';
import { SUBSCRIPTION_CHARGES, SUBSCRIPTIONS, type Subscription, type SubscriptionCharge } from '../subscriptions/model.js';
import { chargesOf, findLatestVersion } from '../subscriptions/queries.js';
import { USAGE, type UsageRecord, type UsageStatus } from './model.js';

/** A usage record as a caller reports it; keys name records the way Zuora's usage upload does. */
export interface UsageInput {
  accountNumber?: string;
  accountId?: string;
  /** The subscription's latest version. */
  subscriptionNumber?: string;
  /** One version of the subscription. */
  subscriptionId?: string;
  /** The charge's number; without a charge the subscription's usage charge in `unitOfMeasure` is meant. */
  chargeNumber?: string;
  /** Any version's (or segment's) id of the charge. */
  chargeId?: string;
  unitOfMeasure: string;
  quantity: number;
  startDateTime: string;
  endDateTime?: string;
  description?: string;
  customFields?: CustomFields;
}

export interface UsagePatch {
  unitOfMeasure?: string;
  quantity?: number;
  startDateTime?: string;
  endDateTime?: string;
  customFields?: CustomFields;
}

export interface UsageFilters {
  subscriptionNumber?: string;
  subscriptionId?: string;
  chargeNumber?: string;
  status?: UsageStatus;
  accountId?: string;
}

export function createUsage(tx: Transaction, input: UsageInput): UsageRecord {
  const account = usageAccount(tx, input);
  const subscription = usageSubscription(tx, input);
  if (subscription.accountId !== account.id) {
    const field = input.subscriptionNumber !== undefined ? 'subscription_number' : 'subscription_id';
    throw invalidValue(USAGE, field, `Subscription ${subscription.subscriptionNumber} does not belong to account ${account.accountNumber}`);
  }
  const chargeNumber = usageChargeNumber(tx, subscription, input);
  const span = checkSpan(input.startDateTime, input.endDateTime);
  checkQuantity(input.quantity);
  const charge = segmentAt(tx, subscription.id, chargeNumber, span.start);
  checkUnit(charge, input.unitOfMeasure);
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  return tx.insert<UsageRecord>(USAGE, {
    id: tx.newId(),
    accountId: account.id,
    accountNumber: account.accountNumber,
    subscriptionId: subscription.id,
    subscriptionNumber: subscription.subscriptionNumber,
    chargeNumber,
    chargeId: charge.id,
    unitOfMeasure: input.unitOfMeasure,
    quantity: input.quantity,
    startDateTime: span.start,
    endDateTime: span.end,
    ...(input.description !== undefined ? { description: input.description } : {}),
    status: 'Pending',
    invoiceId: null,
    customFields: checkCustomFields(tx, USAGE, input.customFields ?? {}, 'custom_fields.'),
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
}

export function getUsage(view: ReadView, id: string): UsageRecord {
  const record = view.get<UsageRecord>(USAGE, id);
  if (!record) throw notFound(USAGE, id);
  return record;
}

/** Records in the order they were reported. */
export function listUsage(view: ReadView, filters: UsageFilters = {}): UsageRecord[] {
  // Narrow through an index where a filter allows it; the rest is a scan of what is left.
  const candidates =
    filters.subscriptionNumber !== undefined
      ? view.filterBy<UsageRecord>(USAGE, 'subscriptionNumber', filters.subscriptionNumber)
      : filters.accountId !== undefined
        ? view.scanBy<UsageRecord>(USAGE, 'accountId', filters.accountId)
        : view.all<UsageRecord>(USAGE);
  return candidates.filter(
    (record) =>
      (filters.subscriptionId === undefined || record.subscriptionId === filters.subscriptionId) &&
      (filters.chargeNumber === undefined || record.chargeNumber === filters.chargeNumber) &&
      (filters.status === undefined || record.status === filters.status) &&
      (filters.accountId === undefined || record.accountId === filters.accountId),
  );
}

/** Changes a record that has not been billed yet; the platform re-reports a running total this way. */
export function updateUsage(tx: Transaction, id: string, patch: UsagePatch): UsageRecord {
  const current = getUsage(tx, id);
  if (current.status !== 'Pending') {
    throw conflict(USAGE, `Usage record ${id} has been billed and can no longer change`);
  }
  const span = checkSpan(patch.startDateTime ?? current.startDateTime, patch.endDateTime ?? current.endDateTime ?? undefined);
  if (patch.quantity !== undefined) checkQuantity(patch.quantity);
  // A new start time can fall in another segment of the charge (after a price change).
  const charge = segmentAt(tx, current.subscriptionId, current.chargeNumber, span.start);
  if (patch.unitOfMeasure !== undefined) checkUnit(charge, patch.unitOfMeasure);
  const customFields = patch.customFields ? checkCustomFields(tx, USAGE, patch.customFields, 'custom_fields.') : {};
  return tx.update<UsageRecord>(USAGE, id, {
    ...(patch.unitOfMeasure !== undefined ? { unitOfMeasure: patch.unitOfMeasure } : {}),
    ...(patch.quantity !== undefined ? { quantity: patch.quantity } : {}),
    chargeId: charge.id,
    startDateTime: span.start,
    endDateTime: span.end,
    customFields: { ...current.customFields, ...customFields },
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
}

/**
 * The Pending records of one subscription charge that started in [from, to) (YYYY-MM-DD): what a
 * billing period of the charge is rated from.
 */
export function pendingUsageFor(view: ReadView, subscriptionNumber: string, chargeNumber: string, from: string, to: string): UsageRecord[] {
  return listUsage(view, { subscriptionNumber, chargeNumber, status: 'Pending' }).filter((record) => {
    const day = record.startDateTime.slice(0, 10);
    return day >= from && day < to;
  });
}

/** Marks records billed by an invoice; billing the same record twice would charge the customer twice. */
export function markProcessed(tx: Transaction, ids: readonly string[], invoiceId: string): void {
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  for (const id of ids) {
    const record = getUsage(tx, id);
    if (record.status !== 'Pending') throw conflict(USAGE, `Usage record ${id} is already billed by invoice ${record.invoiceId}`);
    tx.update<UsageRecord>(USAGE, id, { status: 'Processed', invoiceId, updatedById: user, updatedDate: now });
  }
}

function usageAccount(view: ReadView, input: UsageInput): Account {
  if (input.accountId !== undefined) {
    const account = view.get<Account>(ACCOUNTS, input.accountId);
    if (!account) throw invalidValue(USAGE, 'account_id', `Account '${input.accountId}' does not exist`);
    return account;
  }
  if (input.accountNumber === undefined) throw missingField(USAGE, 'account_number');
  const accountNumber = input.accountNumber;
  return referenced(() => getAccount(view, accountNumber), USAGE, 'account_number', `Account '${accountNumber}'`);
}

function usageSubscription(view: ReadView, input: UsageInput): Subscription {
  if (input.subscriptionId !== undefined) {
    const subscription = view.get<Subscription>(SUBSCRIPTIONS, input.subscriptionId);
    if (!subscription) throw invalidValue(USAGE, 'subscription_id', `Subscription '${input.subscriptionId}' does not exist`);
    return subscription;
  }
  if (input.subscriptionNumber === undefined) throw missingField(USAGE, 'subscription_number');
  const subscription = findLatestVersion(view, input.subscriptionNumber);
  if (!subscription) throw invalidValue(USAGE, 'subscription_number', `Subscription '${input.subscriptionNumber}' does not exist`);
  return subscription;
}

/** The number of the charge the record is rated with, named directly or found by its unit. */
function usageChargeNumber(view: ReadView, subscription: Subscription, input: UsageInput): string {
  const charges = chargesOf(view, subscription.id);
  const named = namedCharge(view, subscription, charges, input);
  if (named) {
    if (named.charge.chargeType !== 'Usage') {
      throw invalidValue(USAGE, named.field, `Charge ${named.charge.chargeNumber} is a ${named.charge.chargeType} charge, not a Usage charge`);
    }
    return named.charge.chargeNumber;
  }
  const numbers = new Set(charges.filter((charge) => charge.chargeType === 'Usage' && charge.uom === input.unitOfMeasure).map((charge) => charge.chargeNumber));
  const [only, ...others] = numbers;
  if (!only) {
    throw invalidValue(USAGE, 'unit_of_measure', `Subscription ${subscription.subscriptionNumber} has no usage charge measured in '${input.unitOfMeasure}'`);
  }
  if (others.length > 0) {
    throw invalidValue(
      USAGE,
      'subscription_item_number',
      `Subscription ${subscription.subscriptionNumber} has several usage charges measured in '${input.unitOfMeasure}' (${[...numbers].join(', ')}); name one`,
    );
  }
  return only;
}

function namedCharge(
  view: ReadView,
  subscription: Subscription,
  charges: readonly SubscriptionCharge[],
  input: UsageInput,
): { charge: SubscriptionCharge; field: string } | undefined {
  if (input.chargeId !== undefined) {
    // An id of any version names the charge by its number, which every version shares.
    const byId = view.get<SubscriptionCharge>(SUBSCRIPTION_CHARGES, input.chargeId);
    const sameSubscription = byId && view.get<Subscription>(SUBSCRIPTIONS, byId.subscriptionId)?.subscriptionNumber === subscription.subscriptionNumber;
    const charge = sameSubscription ? charges.find((candidate) => candidate.chargeNumber === byId.chargeNumber) : undefined;
    if (!charge) {
      throw invalidValue(USAGE, 'subscription_item_id', `Charge '${input.chargeId}' is not a charge of subscription ${subscription.subscriptionNumber}`);
    }
    return { charge, field: 'subscription_item_id' };
  }
  if (input.chargeNumber === undefined) return undefined;
  const charge = charges.find((candidate) => candidate.chargeNumber === input.chargeNumber);
  if (!charge) {
    throw invalidValue(USAGE, 'subscription_item_number', `Charge '${input.chargeNumber}' is not a charge of subscription ${subscription.subscriptionNumber}`);
  }
  return { charge, field: 'subscription_item_number' };
}

/** The segment of a charge in effect on the day usage started, or its last segment when none is. */
function segmentAt(view: ReadView, subscriptionId: string, chargeNumber: string, startDateTime: string): SubscriptionCharge {
  const day = startDateTime.slice(0, 10);
  const segments = chargesOf(view, subscriptionId).filter((charge) => charge.chargeNumber === chargeNumber);
  const inEffect = segments.find((charge) => charge.effectiveStartDate <= day && (charge.effectiveEndDate === null || day < charge.effectiveEndDate));
  const segment = inEffect ?? segments.find((charge) => charge.isLastSegment) ?? segments[segments.length - 1];
  if (!segment) throw new Error(`charge ${chargeNumber} has no segment in subscription version ${subscriptionId}`);
  return segment;
}

function checkUnit(charge: SubscriptionCharge, unitOfMeasure: string): void {
  if (charge.uom !== unitOfMeasure) {
    throw invalidValue(USAGE, 'unit_of_measure', `Charge ${charge.chargeNumber} is measured in '${charge.uom ?? ''}', not '${unitOfMeasure}'`);
  }
}

function checkQuantity(quantity: number): void {
  if (!Number.isFinite(quantity) || quantity < 0) throw invalidValue(USAGE, 'quantity', "'quantity' must be zero or more");
}

/** Normalises both times to UTC ISO, so they sort and compare as text, and holds end to not before start. */
function checkSpan(startDateTime: string, endDateTime: string | undefined): { start: string; end: string | null } {
  const start = instant(startDateTime, 'start_time');
  const end = endDateTime === undefined ? null : instant(endDateTime, 'end_time');
  if (end !== null && end < start) throw invalidValue(USAGE, 'end_time', "'end_time' cannot be before 'start_time'");
  return { start, end };
}

function instant(value: string, field: string): string {
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time.getTime())) {
    throw invalidValue(USAGE, field, `'${field}' must be an ISO date-time, got '${value}'`);
  }
  return time.toISOString();
}
