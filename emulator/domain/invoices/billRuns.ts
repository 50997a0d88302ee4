import { pendingJobs, scheduleJob, type JobHandler } from '../../clock/jobs.js';
import type { Transaction } from '../../state/transaction.js';
import { ACCOUNTS, type Account } from '../accounts.js';
import { addMonths, dayOfMonth } from '../billing/dates.js';
import { collectOpenInvoices } from '../payments/payments.js';
import { subscriptionsOfAccount } from '../subscriptions/queries.js';
import { invoiceAccount } from './invoicing.js';

export const BILL_RUN_JOB = 'billing.billRun';
export const PAYMENT_RUN_JOB = 'billing.paymentRun';

interface AccountPayload {
  accountId: string;
}

const today = (tx: Transaction): string => tx.now().toISOString().slice(0, 10);
/**
 * Bill runs start at 01:00 UTC, after the day's scheduled orders and lifecycle changes (due at
 * midnight), so a downgrade scheduled for the bill date is what that day's invoice bills.
 */
const billRunTime = (date: string): Date => new Date(`${date}T01:00:00.000Z`);

/** The first date after `after` that falls on the bill cycle day (clamped to short months). */
export function nextBillDate(billCycleDay: number, after: string): string {
  const thisMonth = addMonths(after, 0, billCycleDay);
  return thisMonth > after ? thisMonth : addMonths(after, 1, billCycleDay);
}

const isFor = (kind: string, accountId: string) => (job: { kind: string; payload: unknown }) =>
  job.kind === kind && (job.payload as AccountPayload).accountId === accountId;

/** Makes sure the account has a bill run on its next bill cycle day; orders call this for every account they touch. */
export function ensureBillRun(tx: Transaction, accountId: string): void {
  if (pendingJobs(tx).some(isFor(BILL_RUN_JOB, accountId))) return;
  const account = tx.get<Account>(ACCOUNTS, accountId);
  if (!account) return;
  const billCycleDay = account.billCycleDay || dayOfMonth(today(tx));
  scheduleJob(tx, BILL_RUN_JOB, billRunTime(nextBillDate(billCycleDay, today(tx))), { accountId } satisfies AccountPayload);
}

/** Whether anything of the account's may still be billed: a live subscription, or one ending after today. */
function hasBillableSubscriptions(tx: Transaction, accountId: string): boolean {
  return subscriptionsOfAccount(tx, accountId).some(
    (subscription) =>
      (subscription.status !== 'Cancelled' && subscription.status !== 'Expired') ||
      (subscription.subscriptionEndDate !== null && subscription.subscriptionEndDate > today(tx)),
  );
}

/**
 * On the bill cycle day: invoice the account through today, hand the open invoices to a payment run
 * right after, and book the next bill run while there is anything left to bill.
 */
const billRun: JobHandler = (tx, payload) => {
  const { accountId } = payload as AccountPayload;
  const account = tx.get<Account>(ACCOUNTS, accountId);
  if (!account) return;
  invoiceAccount(tx, accountId, today(tx));
  if (account.autoPay) scheduleJob(tx, PAYMENT_RUN_JOB, tx.now(), { accountId } satisfies AccountPayload);
  if (hasBillableSubscriptions(tx, accountId)) {
    scheduleJob(tx, BILL_RUN_JOB, billRunTime(nextBillDate(account.billCycleDay || dayOfMonth(today(tx)), today(tx))), { accountId } satisfies AccountPayload);
  }
};

const paymentRun: JobHandler = (tx, payload) => {
  collectOpenInvoices(tx, (payload as AccountPayload).accountId);
};

export const BILLING_JOBS: Record<string, JobHandler> = { [BILL_RUN_JOB]: billRun, [PAYMENT_RUN_JOB]: paymentRun };
