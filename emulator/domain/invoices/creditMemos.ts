import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { ACCOUNTS, type Account } from '../accounts.js';
import { roundMoney } from '../billing/rating.js';
import { notFound } from '../errors.js';
import { tenantToday } from '../tenantTime.js';
import { CREDIT_MEMOS, INVOICES, type CreditMemo, type CreditMemoSourceType, type Invoice } from './model.js';

/** The reason Zuora gives a credit memo a bill run creates, unless the order names another. */
export const BILLING_CREDIT_REASON = 'Correcting invoice error';
export const WRITE_OFF_REASON = 'Write-off';

export interface NewCreditMemo {
  accountId: string;
  amount: number;
  reasonCode: string;
  sourceType: CreditMemoSourceType;
  sourceId: string | null;
  referredInvoiceId?: string;
  targetDate?: string;
  memoDate?: string;
  comment?: string;
  financeInformation?: Readonly<Record<string, string>>;
  /** Kept in Draft (a bill run that posts later): the account owes nothing less until it is posted. */
  draft?: boolean;
}

/**
 * Posts a credit memo: the account owes `amount` less at once (its balance is what its invoices owe
 * less the credit not yet applied), whether or not the memo is applied to an invoice yet.
 */
export function postCreditMemo(tx: Transaction, input: NewCreditMemo): CreditMemo {
  const account = tx.get<Account>(ACCOUNTS, input.accountId);
  if (!account) throw notFound(ACCOUNTS, input.accountId);
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const amount = roundMoney(input.amount);
  if (!input.draft) creditAccount(tx, account, amount);
  return tx.insert<CreditMemo>(CREDIT_MEMOS, {
    id: tx.newId(),
    memoNumber: tx.nextNumber('creditMemo'),
    accountId: account.id,
    status: input.draft ? 'Draft' : 'Posted',
    memoDate: input.memoDate ?? tenantToday(tx),
    targetDate: input.targetDate ?? null,
    currency: account.currency,
    amount,
    appliedAmount: 0,
    unappliedAmount: amount,
    refundAmount: 0,
    reasonCode: input.reasonCode,
    comment: input.comment ?? null,
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    referredInvoiceId: input.referredInvoiceId ?? null,
    applications: [],
    ...(input.financeInformation ? { financeInformation: input.financeInformation } : {}),
    postedById: input.draft ? null : user,
    postedOn: input.draft ? null : now,
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
}

/** A posted memo's credit: the account owes `amount` less, and has so much more credit unapplied. */
function creditAccount(tx: Transaction, account: Account, amount: number): void {
  tx.update<Account>(ACCOUNTS, account.id, {
    balance: roundMoney(account.balance - amount),
    unappliedCreditMemoAmount: roundMoney((account.unappliedCreditMemoAmount ?? 0) + amount),
    updatedDate: tx.now().toISOString(),
  });
}

/** Posts a draft memo (its bill run is posted): the account is credited and the credit spent on open invoices. */
export function postDraftCreditMemo(tx: Transaction, memo: CreditMemo): CreditMemo {
  creditAccount(tx, tx.get<Account>(ACCOUNTS, memo.accountId) as Account, memo.amount);
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const posted = tx.update<CreditMemo>(CREDIT_MEMOS, memo.id, { status: 'Posted', postedById: user, postedOn: now, updatedById: user, updatedDate: now });
  return applyToOpenInvoices(tx, posted);
}

/**
 * Applies up to `amount` of the memo's unapplied credit to the invoice. The account's balance does
 * not move (the invoice owes less, and so much less credit is left); its unapplied credit does.
 */
export function applyCreditMemo(tx: Transaction, memo: CreditMemo, invoice: Invoice, amount: number): CreditMemo {
  const applied = roundMoney(Math.min(amount, memo.unappliedAmount, invoice.balance));
  if (applied <= 0) return memo;
  moveCredit(tx, memo, invoice, applied);
  return tx.update<CreditMemo>(CREDIT_MEMOS, memo.id, {
    appliedAmount: roundMoney(memo.appliedAmount + applied),
    unappliedAmount: roundMoney(memo.unappliedAmount - applied),
    applications: [...memo.applications, { invoiceId: invoice.id, amount: applied, appliedDate: tenantToday(tx) }],
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
}

/**
 * Moves `amount` of credit from the memo onto the invoice (a negative amount takes it back): the
 * invoice owes less, the account has so much less unapplied credit.
 */
export function moveCredit(tx: Transaction, memo: CreditMemo, invoice: Invoice, amount: number): void {
  const now = tx.now().toISOString();
  tx.update<Invoice>(INVOICES, invoice.id, {
    balance: roundMoney(invoice.balance - amount),
    updatedById: apiUserId(tx.tenant),
    updatedDate: now,
  });
  const account = tx.get<Account>(ACCOUNTS, memo.accountId) as Account;
  tx.update<Account>(ACCOUNTS, account.id, { unappliedCreditMemoAmount: roundMoney((account.unappliedCreditMemoAmount ?? 0) - amount), updatedDate: now });
}

/** Spends the memo's credit on the account's open invoices, oldest first, as Zuora's auto-apply does. */
export function applyToOpenInvoices(tx: Transaction, memo: CreditMemo): CreditMemo {
  let current = memo;
  const open = tx.filterBy<Invoice>(INVOICES, 'accountId', memo.accountId).filter((invoice) => invoice.status === 'Posted' && invoice.balance > 0);
  for (const invoice of open) {
    if (current.unappliedAmount <= 0) break;
    current = applyCreditMemo(tx, current, invoice, invoice.balance);
  }
  return current;
}

/** What a write-off may say beyond the invoice: how much (all it owes by default), and the memo's details. */
export interface WriteOffOptions {
  amount?: number;
  reasonCode?: string;
  comment?: string;
  memoDate?: string;
  financeInformation?: Readonly<Record<string, string>>;
}

/** Writes off what an invoice still owes (or `amount` of it): a credit memo for it, applied to it in full. */
export function writeOffInvoice(tx: Transaction, invoice: Invoice, options: WriteOffOptions = {}): CreditMemo {
  const amount = options.amount ?? invoice.balance;
  const memo = postCreditMemo(tx, {
    accountId: invoice.accountId,
    amount,
    reasonCode: options.reasonCode ?? WRITE_OFF_REASON,
    sourceType: 'Invoice',
    sourceId: invoice.id,
    referredInvoiceId: invoice.id,
    ...(options.comment !== undefined ? { comment: options.comment } : {}),
    ...(options.memoDate !== undefined ? { memoDate: options.memoDate } : {}),
    ...(options.financeInformation ? { financeInformation: options.financeInformation } : {}),
  });
  return applyCreditMemo(tx, memo, invoice, amount);
}

export function getCreditMemo(view: ReadView, key: string): CreditMemo {
  const memo = view.get<CreditMemo>(CREDIT_MEMOS, key) ?? view.findBy<CreditMemo>(CREDIT_MEMOS, 'memoNumber', key);
  if (!memo) throw notFound(CREDIT_MEMOS, key, 'creditMemoKey');
  return memo;
}

/** What credit memos have paid of an invoice: the sum of their applications to it. */
export function creditMemoAmountOf(view: ReadView, invoice: Invoice): number {
  const applied = view
    .filterBy<CreditMemo>(CREDIT_MEMOS, 'accountId', invoice.accountId)
    .flatMap((memo) => memo.applications.filter((application) => application.invoiceId === invoice.id));
  return roundMoney(applied.reduce((sum, application) => sum + application.amount, 0));
}
