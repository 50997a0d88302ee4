import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { ACCOUNTS, getAccount, type Account } from '../accounts.js';
import type { ChargeType } from '../catalog/charges.js';
import { notFound, referenced } from '../errors.js';
import { billingPreview } from './accountPreview.js';
import { addDays } from './dates.js';

// Billing preview runs (POST /v1/billing-preview-runs): the billing preview of many accounts at
// once, which Zuora runs in the background and leaves as a CSV file. Here it runs at once, with the
// same billing math as invoices, and its file is kept with the run.

export const BILLING_PREVIEW_RUNS = 'BillingPreviewRun';

export type BillingPreviewRun = {
  id: string;
  runNumber: string;
  status: 'Completed';
  targetDate: string;
  /** Comma-separated batch names as asked, or null for every batch. */
  batches: string | null;
  accountIds: string[] | null;
  chargeTypeToExclude: string | null;
  includingEvergreenSubscription: boolean;
  totalAccounts: number;
  succeededAccounts: number;
  /** The result file: one line per previewed item (service end dates inclusive, as Zuora prints them), with a header line. */
  csv: string;
  startDate: string;
  endDate: string;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};

export interface PreviewRunRequest {
  targetDate: string;
  batches?: string[];
  accountKeys?: string[];
  chargeTypesToExclude: ChargeType[];
  includingEvergreenSubscription: boolean;
}

const COLUMNS = ['Account Number', 'Subscription Number', 'Charge Number', 'Charge Name', 'Charge Type', 'Processing Type', 'Service Start Date', 'Service End Date', 'Quantity', 'Amount'];

/** A CSV field, quoted when it holds a comma, quote or line break. */
function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function previewLines(view: ReadView, account: Account, request: PreviewRunRequest): string[] {
  const { items } = billingPreview(view, account.id, {
    targetDate: request.targetDate,
    chargeTypesToExclude: request.chargeTypesToExclude,
    includingEvergreenSubscription: request.includingEvergreenSubscription,
  });
  return items.map((item) =>
    [account.accountNumber, item.subscriptionNumber, item.chargeNumber, item.chargeName, item.chargeType, item.processingType, item.serviceStartDate, addDays(item.serviceEndDate, -1), item.quantity, item.amount.toFixed(2)]
      .map(csvField)
      .join(','),
  );
}

/** The accounts a run previews: those named, else the active accounts of its batches (all batches when none). */
function accountsOf(tx: Transaction, request: PreviewRunRequest): Account[] {
  if (request.accountKeys) {
    return request.accountKeys.map((key, index) => referenced(() => getAccount(tx, key), BILLING_PREVIEW_RUNS, `filters[${index}].accountId`, `Account '${key}'`));
  }
  const { batches } = request;
  return tx.all<Account>(ACCOUNTS).filter((account) => account.status === 'Active' && (!batches || batches.includes(account.batch)));
}

/** Previews every selected account through the target date and keeps the result file with the run. */
export function createPreviewRun(tx: Transaction, request: PreviewRunRequest): BillingPreviewRun {
  const accounts = accountsOf(tx, request);
  const lines = accounts.flatMap((account) => previewLines(tx, account, request));
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  return tx.insert<BillingPreviewRun>(BILLING_PREVIEW_RUNS, {
    id: tx.newId(),
    runNumber: tx.nextNumber('billingPreviewRun'),
    status: 'Completed',
    targetDate: request.targetDate,
    batches: request.batches?.join(',') ?? null,
    accountIds: request.accountKeys ? accounts.map((account) => account.id) : null,
    chargeTypeToExclude: request.chargeTypesToExclude.length > 0 ? request.chargeTypesToExclude.join(',') : null,
    includingEvergreenSubscription: request.includingEvergreenSubscription,
    totalAccounts: accounts.length,
    succeededAccounts: accounts.length,
    csv: [COLUMNS.join(','), ...lines].join('\n') + '\n',
    startDate: now,
    endDate: now,
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
}

export function getPreviewRun(view: ReadView, key: string): BillingPreviewRun {
  const run = view.get<BillingPreviewRun>(BILLING_PREVIEW_RUNS, key) ?? view.findBy<BillingPreviewRun>(BILLING_PREVIEW_RUNS, 'runNumber', key);
  if (!run) throw notFound(BILLING_PREVIEW_RUNS, key, 'billingPreviewRunId');
  return run;
}
