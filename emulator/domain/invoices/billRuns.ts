import { JOBS, jobsBy, pendingJobs, scheduleJob, type JobHandler, type JobRecord } from '../../clock/jobs.js';
import { resolveSettings } from '../../state/settings.js';
import type { Transaction } from '../../state/transaction.js';
import { ACCOUNTS, type Account } from '../accounts.js';
import { addMonths, dayOfMonth } from '../billing/dates.js';
import { collectOpenInvoices } from '../payments/payments.js';
import { subscriptionsOfAccount } from '../subscriptions/queries.js';
import { tenantInstant, tenantToday } from '../tenantTime.js';
import { invoiceAccount } from './invoicing.js';

export const BILL_RUN_JOB = 'billing.billRun';
export const PAYMENT_RUN_JOB = 'billing.paymentRun';

interface AccountPayload {
  accountId: string;
}

interface BillRunPayload extends AccountPayload {
  /** The bill cycle day the run bills, a tenant date: the run invoices through it and is dated it. */
  billDate: string;
}

/**
 * Bill runs start at the tenant's `billRunTime` (00:00 unless set) on the bill date, tenant time.
 * At that instant they run after the day's scheduled orders and term ends (see JOB_STAGES), so a
 * downgrade scheduled for the bill date is what that day's invoice bills.
 */
const billRunDue = (tx: Transaction, billDate: string): Date => tenantInstant(tx, billDate, resolveSettings(tx.meta().settings).billRunTime);

/** The first date after `after` that falls on the bill cycle day (clamped to short months). */
export function nextBillDate(billCycleDay: number, after: string): string {
  const thisMonth = addMonths(after, 0, billCycleDay);
  return thisMonth > after ? thisMonth : addMonths(after, 1, billCycleDay);
}

function scheduleBillRun(tx: Transaction, account: Account, after: string): void {
  const billDate = nextBillDate(account.billCycleDay || dayOfMonth(after), after);
  scheduleJob(tx, BILL_RUN_JOB, billRunDue(tx, billDate), { accountId: account.id, billDate } satisfies BillRunPayload);
}

/** Makes sure the account has a bill run on its next bill cycle day; orders call this for every account they touch. */
export function ensureBillRun(tx: Transaction, accountId: string): void {
  if (jobsBy(tx, 'accountId', accountId).some((job) => job.kind === BILL_RUN_JOB)) return;
  const account = tx.get<Account>(ACCOUNTS, accountId);
  if (account) scheduleBillRun(tx, account, tenantToday(tx));
}

/** Jobs stored before bill runs carried their date were due at 01:00 UTC on it. */
const billDateOf = (job: JobRecord): string => (job.payload as Partial<BillRunPayload>).billDate ?? job.dueAt.slice(0, 10);

/**
 * Moves the bill runs not yet run to the tenant's current bill-run time and time zone (after the
 * settings change). A run whose new time has already passed runs at the next clock advance.
 */
export function retimeBillRuns(tx: Transaction): void {
  for (const job of [...pendingJobs(tx)].filter((pending) => pending.kind === BILL_RUN_JOB)) {
    const billDate = billDateOf(job);
    tx.update<JobRecord>(JOBS, job.id, { dueAt: billRunDue(tx, billDate).toISOString(), payload: { ...(job.payload as AccountPayload), billDate } });
  }
}

/** Whether anything of the account's may still be billed: a live subscription, or one ending after the bill date. */
function hasBillableSubscriptions(tx: Transaction, accountId: string, billDate: string): boolean {
  return subscriptionsOfAccount(tx, accountId).some(
    (subscription) =>
      (subscription.status !== 'Cancelled' && subscription.status !== 'Expired') ||
      (subscription.subscriptionEndDate !== null && subscription.subscriptionEndDate > billDate),
  );
}

/**
 * On the bill cycle day: invoice the account through that day, hand the open invoices to a payment
 * run right after, and book the next bill run while there is anything left to bill.
 */
const billRun: JobHandler = (tx, payload) => {
  const { accountId } = payload as AccountPayload;
  const billDate = (payload as Partial<BillRunPayload>).billDate ?? tenantToday(tx);
  const account = tx.get<Account>(ACCOUNTS, accountId);
  if (!account) return;
  invoiceAccount(tx, accountId, billDate, { invoiceDate: billDate });
  if (account.autoPay) scheduleJob(tx, PAYMENT_RUN_JOB, tx.now(), { accountId } satisfies AccountPayload);
  if (hasBillableSubscriptions(tx, accountId, billDate)) scheduleBillRun(tx, account, billDate);
};

const paymentRun: JobHandler = (tx, payload) => {
  collectOpenInvoices(tx, (payload as AccountPayload).accountId);
};

export const BILLING_JOBS: Record<string, JobHandler> = { [BILL_RUN_JOB]: billRun, [PAYMENT_RUN_JOB]: paymentRun };
