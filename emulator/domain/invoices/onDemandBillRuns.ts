import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { ACCOUNTS, getAccount, type Account } from '../accounts.js';
import { addDays, daysBetween } from '../billing/dates.js';
import { conflict, DomainError, invalidValue, notFound, referenced } from '../errors.js';
import { SUBSCRIPTION_CHARGES, type SubscriptionCharge } from '../subscriptions/model.js';
import { getSubscription } from '../subscriptions/queries.js';
import { tenantToday } from '../tenantTime.js';
import { USAGE, type UsageRecord } from '../usage/model.js';
import { postDraftCreditMemo } from './creditMemos.js';
import { emailInvoice } from './invoiceUpdates.js';
import { invoiceAccount, postInvoice, type ChargeMove } from './invoicing.js';
import { CREDIT_MEMOS, INVOICES, type CreditMemo, type Invoice } from './model.js';

// Bill runs asked for through the API (POST /v1/bill-runs): they run at once on the tenant's clock
// with the same billing as the clock's scheduled bill runs (which stay), leave their documents in
// Draft unless told to post them, and can then be posted or cancelled as a whole.

export const BILL_RUNS = 'BillRun';

export type BillRunStatus = 'Completed' | 'Posted' | 'Canceled';

/** Which accounts (and, for a Subscription filter, which of their subscriptions) a bill run bills. */
export interface BillRunFilter {
  filterType: 'Account' | 'Subscription';
  accountId: string;
  subscriptionId?: string;
}

export type BillRun = {
  id: string;
  billRunNumber: string;
  name: string | null;
  status: BillRunStatus;
  targetDate: string;
  invoiceDate: string;
  autoPost: boolean;
  autoEmail: boolean;
  noEmailForZeroAmountInvoice: boolean;
  /** Account batches billed when no filter names accounts; null is every batch. */
  batches: string[] | null;
  /** `AllBillCycleDays` or one day of the month ("1".."31"). */
  billCycleDay: string;
  billRunFilters: BillRunFilter[];
  invoiceIds: string[];
  creditMemoIds: string[];
  /** Charges the run billed, with their dates before, for a cancellation to put back. */
  moves: ChargeMove[];
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

export interface BillRunRequest {
  name?: string;
  targetDate?: string;
  invoiceDate?: string;
  autoPost?: boolean;
  autoEmail?: boolean;
  noEmailForZeroAmountInvoice?: boolean;
  batches?: string[];
  billCycleDay?: string;
  billRunFilters?: BillRunFilter[];
}

/** The accounts a run bills: those its filters name, else the active accounts of its batches and bill cycle day. */
function accountsToBill(tx: Transaction, run: Pick<BillRun, 'batches' | 'billCycleDay' | 'billRunFilters'>): Account[] {
  if (run.billRunFilters.length > 0) {
    const ids = [...new Set(run.billRunFilters.map((filter) => filter.accountId))];
    return ids.map((id) => tx.get<Account>(ACCOUNTS, id) as Account);
  }
  return tx
    .all<Account>(ACCOUNTS)
    .filter((account) => account.status === 'Active')
    .filter((account) => run.batches === null || run.batches.includes(account.batch))
    .filter((account) => run.billCycleDay === 'AllBillCycleDays' || String(account.billCycleDay) === run.billCycleDay);
}

/** Subscription numbers a Subscription filter limits an account to; undefined bills all its subscriptions. */
function subscriptionsFor(tx: Transaction, filters: readonly BillRunFilter[], accountId: string): Set<string> | undefined {
  const named = filters.filter((filter) => filter.accountId === accountId);
  if (named.length === 0 || named.some((filter) => filter.filterType === 'Account')) return undefined;
  return new Set(named.map((filter) => getSubscription(tx, filter.subscriptionId as string).subscriptionNumber));
}

/** Checks each filter names an account (and, for Subscription, one of its subscriptions), by id or number; keeps ids. */
function resolveFilters(tx: Transaction, filters: readonly BillRunFilter[]): BillRunFilter[] {
  return filters.map((filter, index) => {
    const field = `billRunFilters[${index}]`;
    const account = referenced(() => getAccount(tx, filter.accountId), BILL_RUNS, `${field}.accountId`, `Account '${filter.accountId}'`);
    if (filter.filterType === 'Account') return { filterType: 'Account', accountId: account.id };
    if (!filter.subscriptionId) throw invalidValue(BILL_RUNS, `${field}.subscriptionId`, 'A Subscription filter names the subscription');
    const subscription = referenced(() => getSubscription(tx, filter.subscriptionId as string), BILL_RUNS, `${field}.subscriptionId`, `Subscription '${filter.subscriptionId}'`);
    if (subscription.accountId !== account.id) throw invalidValue(BILL_RUNS, `${field}.subscriptionId`, `Subscription ${subscription.subscriptionNumber} is not a subscription of account ${account.accountNumber}`);
    return { filterType: 'Subscription', accountId: account.id, subscriptionId: subscription.id };
  });
}

/** Emails each posted invoice of the run with a nonzero amount (or any, unless told not to) to its bill-to contact. */
function emailInvoices(tx: Transaction, run: BillRun): void {
  for (const id of run.invoiceIds) {
    const invoice = tx.get<Invoice>(INVOICES, id) as Invoice;
    if (run.noEmailForZeroAmountInvoice && invoice.amount === 0) continue;
    try {
      emailInvoice(tx, id, {});
    } catch (error) {
      // An account without a bill-to email gets none, as Zuora sends none; the run still posts.
      if (!(error instanceof DomainError && error.field === 'emailAddresses')) throw error;
    }
  }
}

/**
 * Runs a bill run at once: bills each selected account through the target date, dated the invoice
 * date, and posts (and emails) the documents when asked. Nothing billed is a Completed run with no documents.
 */
export function createBillRun(tx: Transaction, request: BillRunRequest): BillRun {
  const today = tenantToday(tx);
  const targetDate = request.targetDate ?? today;
  const invoiceDate = request.invoiceDate ?? targetDate;
  if (request.autoEmail && !request.autoPost) throw invalidValue(BILL_RUNS, 'autoEmail', 'autoEmail needs autoPost: only posted invoices are emailed');
  const billRunFilters = resolveFilters(tx, request.billRunFilters ?? []);
  if (billRunFilters.length > 0 && request.batches !== undefined) throw invalidValue(BILL_RUNS, 'batches', 'A bill run selects accounts by billRunFilters or by batches, not both');
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const id = tx.newId();
  const selection = { batches: request.batches ?? null, billCycleDay: request.billCycleDay ?? 'AllBillCycleDays', billRunFilters };
  const invoiceIds: string[] = [];
  const creditMemoIds: string[] = [];
  const moves: ChargeMove[] = [];
  for (const account of accountsToBill(tx, selection)) {
    const only = subscriptionsFor(tx, billRunFilters, account.id);
    const billed = invoiceAccount(tx, account.id, targetDate, { invoiceDate, draft: true, billRunId: id, ...(only ? { only } : {}) });
    if (billed.invoice) invoiceIds.push(billed.invoice.id);
    if (billed.creditMemo) creditMemoIds.push(billed.creditMemo.id);
    moves.push(...billed.moves);
  }
  const run = tx.insert<BillRun>(BILL_RUNS, {
    id,
    billRunNumber: tx.nextNumber('billRun'),
    name: request.name ?? null,
    status: 'Completed',
    targetDate,
    invoiceDate,
    autoPost: request.autoPost ?? false,
    autoEmail: request.autoEmail ?? false,
    noEmailForZeroAmountInvoice: request.noEmailForZeroAmountInvoice ?? false,
    ...selection,
    invoiceIds,
    creditMemoIds,
    moves,
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
  return run.autoPost ? postDocuments(tx, run, invoiceDate) : run;
}

export function getBillRun(view: ReadView, key: string): BillRun {
  const run = view.get<BillRun>(BILL_RUNS, key) ?? view.findBy<BillRun>(BILL_RUNS, 'billRunNumber', key);
  if (!run) throw notFound(BILL_RUNS, key, 'billRunId');
  return run;
}

function completedRun(tx: Transaction, key: string, doing: string): BillRun {
  const run = getBillRun(tx, key);
  if (run.status !== 'Completed') throw conflict(BILL_RUNS, `Bill run ${run.billRunNumber} is ${run.status}; only a Completed bill run is ${doing}`, 'billRunId');
  return run;
}

/** Posts the run's draft documents, dated `invoiceDate` (due dates keep their distance from it), and emails the invoices if asked. */
function postDocuments(tx: Transaction, run: BillRun, invoiceDate: string): BillRun {
  const now = tx.now().toISOString();
  for (const id of run.invoiceIds) {
    const invoice = tx.get<Invoice>(INVOICES, id) as Invoice;
    tx.update<Invoice>(INVOICES, id, { invoiceDate, dueDate: addDays(invoiceDate, daysBetween(invoice.invoiceDate, invoice.dueDate)), updatedDate: now });
    postInvoice(tx, id);
  }
  for (const id of run.creditMemoIds) postDraftCreditMemo(tx, tx.get<CreditMemo>(CREDIT_MEMOS, id) as CreditMemo);
  const posted = tx.update<BillRun>(BILL_RUNS, run.id, { status: 'Posted', invoiceDate, updatedById: apiUserId(tx.tenant), updatedDate: now });
  if (posted.autoEmail) emailInvoices(tx, posted);
  return posted;
}

/** `PUT /v1/bill-runs/{id}/post`: posts a Completed run's draft invoices and credit memos. */
export function postBillRun(tx: Transaction, key: string, invoiceDate: string): BillRun {
  return postDocuments(tx, completedRun(tx, key, 'posted'), invoiceDate);
}

/**
 * `PUT /v1/bill-runs/{id}/cancel`: cancels a Completed run's draft documents and makes what they
 * billed billable again (charges back to their dates before, usage pending).
 */
export function cancelBillRun(tx: Transaction, key: string): BillRun {
  const run = completedRun(tx, key, 'cancelled');
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  for (const id of run.invoiceIds) tx.update<Invoice>(INVOICES, id, { status: 'Canceled', updatedById: user, updatedDate: now });
  for (const id of run.creditMemoIds) tx.update<CreditMemo>(CREDIT_MEMOS, id, { status: 'Canceled', updatedById: user, updatedDate: now });
  for (const move of run.moves) tx.update<SubscriptionCharge>(SUBSCRIPTION_CHARGES, move.chargeId, { chargedThroughDate: move.from });
  for (const documentId of [...run.invoiceIds, ...run.creditMemoIds]) {
    for (const usage of tx.filterBy<UsageRecord>(USAGE, 'invoiceId', documentId)) {
      tx.update<UsageRecord>(USAGE, usage.id, { status: 'Pending', invoiceId: null, updatedById: user, updatedDate: now });
    }
  }
  return tx.update<BillRun>(BILL_RUNS, run.id, { status: 'Canceled', updatedById: user, updatedDate: now });
}
