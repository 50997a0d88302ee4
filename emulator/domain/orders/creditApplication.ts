import { apiUserId } from '../../state/ids.js';
import type { Transaction } from '../../state/transaction.js';
import { ACCOUNTS, type Account } from '../accounts.js';
import { roundMoney } from '../billing/rating.js';
import { invalidValue } from '../errors.js';
import { applyCreditMemo } from '../invoices/creditMemos.js';
import { CREDIT_MEMOS, INVOICES, type CreditMemo, type Invoice } from '../invoices/model.js';
import { PAYMENTS, type Payment } from '../payments/model.js';
import { applyPayment } from '../payments/payments.js';
import { ORDERS, type OrderInput } from './model.js';

// Credit the account already holds, spent on the invoice an order bills before any payment is
// collected for it. Zuora offers two switches: `applyCreditBalance` (tenants without Invoice
// Settlement: the account's credit balance) and `applyCredit` (Invoice Settlement: open credit
// memos and unapplied payments, in `applicationOrder`). The emulator keeps both kinds of credit,
// so `applyCreditBalance` spends all of it, credit balance first, then memos, then payments.

export type CreditSource = 'CreditBalance' | 'CreditMemo' | 'UnappliedPayment';

/** What `applyCredit` spends when `applicationOrder` is not given (Zuora's default order). */
const SETTLEMENT_ORDER: readonly CreditSource[] = ['CreditMemo', 'UnappliedPayment'];
const APPLICATION_SOURCES = new Set<string>(SETTLEMENT_ORDER);

/** The credit sources an order's processing options ask for, in the order they are spent; none when neither switch is on. */
export function creditSourcesOf(options: NonNullable<OrderInput['processingOptions']>): readonly CreditSource[] {
  const { applyCredit, applyCreditBalance, applicationOrder } = options;
  if (applyCredit && applyCreditBalance) {
    throw invalidValue(ORDERS, 'processingOptions.applyCredit', 'applyCredit and applyCreditBalance cannot both be true; use one of them');
  }
  if (applicationOrder !== undefined) {
    if (!applyCredit) throw invalidValue(ORDERS, 'processingOptions.applicationOrder', 'applicationOrder is used only with applyCredit: true');
    if (!Array.isArray(applicationOrder) || applicationOrder.length === 0 || applicationOrder.some((source) => !APPLICATION_SOURCES.has(source))) {
      throw invalidValue(ORDERS, 'processingOptions.applicationOrder', `applicationOrder lists ${SETTLEMENT_ORDER.join(' and/or ')}`);
    }
  }
  if (applyCreditBalance) return ['CreditBalance', ...SETTLEMENT_ORDER];
  if (applyCredit) return [...new Set((applicationOrder ?? SETTLEMENT_ORDER) as CreditSource[])];
  return [];
}

const byAge = <T extends { createdDate: string }>(a: T, b: T, number: (record: T) => string): number =>
  a.createdDate.localeCompare(b.createdDate) || number(a).localeCompare(number(b));

/**
 * The account's credit balance: the invoice owes that much less, and so does the account (its
 * balance counts what invoices owe, not the credit balance, which Zuora keeps apart); the account
 * holds that much less credit, and the invoice records the spend as a negative credit balance
 * adjustment, as Zuora's invoice does.
 */
function spendCreditBalance(tx: Transaction, invoice: Invoice): void {
  const account = tx.get<Account>(ACCOUNTS, invoice.accountId) as Account;
  const amount = roundMoney(Math.min(account.creditBalance, invoice.balance));
  if (amount <= 0) return;
  const now = tx.now().toISOString();
  tx.update<Account>(ACCOUNTS, account.id, {
    creditBalance: roundMoney(account.creditBalance - amount),
    balance: roundMoney(account.balance - amount),
    updatedDate: now,
  });
  tx.update<Invoice>(INVOICES, invoice.id, {
    balance: roundMoney(invoice.balance - amount),
    creditBalanceAdjustmentAmount: roundMoney((invoice.creditBalanceAdjustmentAmount ?? 0) - amount),
    updatedById: apiUserId(tx.tenant),
    updatedDate: now,
  });
}

/** Spends each holder of credit in turn on the invoice, as it then stands, until it owes nothing. */
function spendEach<T>(tx: Transaction, invoice: Invoice, holders: readonly T[], spend: (holder: T, current: Invoice) => void): void {
  for (const holder of holders) {
    const current = tx.get<Invoice>(INVOICES, invoice.id) as Invoice;
    if (current.balance <= 0) return;
    spend(holder, current);
  }
}

function spendCreditMemos(tx: Transaction, invoice: Invoice): void {
  const memos = tx
    .filterBy<CreditMemo>(CREDIT_MEMOS, 'accountId', invoice.accountId)
    .filter((memo) => memo.status === 'Posted' && memo.unappliedAmount > 0)
    .sort((a, b) => byAge(a, b, (memo) => memo.memoNumber));
  spendEach(tx, invoice, memos, (memo, current) => applyCreditMemo(tx, memo, current, current.balance));
}

function spendUnappliedPayments(tx: Transaction, invoice: Invoice): void {
  const payments = tx
    .filterBy<Payment>(PAYMENTS, 'accountId', invoice.accountId)
    .filter((payment) => payment.status === 'Processed' && payment.unappliedAmount > 0)
    .sort((a, b) => byAge(a, b, (payment) => payment.paymentNumber));
  spendEach(tx, invoice, payments, (payment, current) =>
    applyPayment(tx, payment.id, [{ invoiceId: current.id, amount: roundMoney(Math.min(payment.unappliedAmount, current.balance)) }]),
  );
}

const SPEND: Readonly<Record<CreditSource, (tx: Transaction, invoice: Invoice) => void>> = {
  CreditBalance: spendCreditBalance,
  CreditMemo: spendCreditMemos,
  UnappliedPayment: spendUnappliedPayments,
};

/** Spends the account's credit from each source in turn on the invoice, until it owes nothing; returns the invoice as it then stands. */
export function applyAccountCredit(tx: Transaction, invoice: Invoice, sources: readonly CreditSource[]): Invoice {
  for (const source of sources) {
    const current = tx.get<Invoice>(INVOICES, invoice.id) as Invoice;
    if (current.balance <= 0) break;
    SPEND[source](tx, current);
  }
  return tx.get<Invoice>(INVOICES, invoice.id) as Invoice;
}
