import { apiUserId } from '../../state/ids.js';
import type { Transaction } from '../../state/transaction.js';
import { roundMoney } from '../billing/rating.js';
import { conflict, invalidValue } from '../errors.js';
import { applyCreditMemo, getCreditMemo, moveCredit } from './creditMemos.js';
import type { PaymentPart } from '../payments/model.js';
import { CREDIT_MEMOS, INVOICES, type CreditMemo, type CreditMemoApplication, type Invoice } from './model.js';

// PUT /v1/credit-memos/{key}/apply and /unapply: moving a memo's credit onto invoices and back.

/** One invoice and how much of the memo goes to it (or comes back from it). */
export type MemoPart = PaymentPart;

function invoiceOf(tx: Transaction, memo: CreditMemo, part: MemoPart, field: string): Invoice {
  const invoice = tx.get<Invoice>(INVOICES, part.invoiceId) ?? tx.findBy<Invoice>(INVOICES, 'invoiceNumber', part.invoiceId);
  if (!invoice || invoice.accountId !== memo.accountId) throw invalidValue(CREDIT_MEMOS, `${field}.invoiceId`, `Invoice '${part.invoiceId}' is not an invoice of the credit memo's account`);
  return invoice;
}

function postedMemo(tx: Transaction, key: string): CreditMemo {
  const memo = getCreditMemo(tx, key);
  if (memo.status !== 'Posted') throw conflict(CREDIT_MEMOS, `Credit memo ${memo.memoNumber} is ${memo.status}; only posted credit memos are applied`, 'creditMemoKey');
  return memo;
}

/**
 * Applies the memo's unapplied credit to posted invoices of its account. Each part must be above 0,
 * at most what the invoice owes, and all of them at most the memo's unapplied amount.
 */
export function applyCreditMemoTo(tx: Transaction, key: string, parts: readonly MemoPart[]): CreditMemo {
  let memo = postedMemo(tx, key);
  const total = roundMoney(parts.reduce((sum, part) => sum + part.amount, 0));
  if (total > memo.unappliedAmount) throw invalidValue(CREDIT_MEMOS, 'invoices', `The parts add up to ${total}, more than the memo's unapplied amount of ${memo.unappliedAmount}`);
  parts.forEach((part, index) => {
    const field = `invoices[${index}]`;
    const invoice = invoiceOf(tx, memo, part, field);
    if (invoice.status !== 'Posted') throw conflict(CREDIT_MEMOS, `Invoice ${invoice.invoiceNumber} is ${invoice.status}; credit goes only to posted invoices`, `${field}.invoiceId`);
    if (!(part.amount > 0) || part.amount > invoice.balance) {
      throw invalidValue(CREDIT_MEMOS, `${field}.amount`, `The amount applied to ${invoice.invoiceNumber} must be above 0 and at most its balance of ${invoice.balance}`);
    }
    memo = applyCreditMemo(tx, memo, invoice, part.amount);
  });
  return memo;
}

/** Takes `amount` off the memo's applications to one invoice, newest application first. */
function lessApplied(applications: readonly CreditMemoApplication[], invoiceId: string, amount: number): CreditMemoApplication[] {
  let left = amount;
  const kept = [...applications].reverse().map((application) => {
    if (application.invoiceId !== invoiceId || left <= 0) return application;
    const taken = Math.min(left, application.amount);
    left = roundMoney(left - taken);
    return { ...application, amount: roundMoney(application.amount - taken) };
  });
  return kept.reverse().filter((application) => application.amount > 0);
}

/** Takes back credit the memo gave invoices: they owe it again and the memo has it unapplied. */
export function unapplyCreditMemo(tx: Transaction, key: string, parts: readonly MemoPart[]): CreditMemo {
  let memo = postedMemo(tx, key);
  parts.forEach((part, index) => {
    const field = `invoices[${index}]`;
    const invoice = invoiceOf(tx, memo, part, field);
    const has = roundMoney(memo.applications.filter((application) => application.invoiceId === invoice.id).reduce((sum, application) => sum + application.amount, 0));
    if (!(part.amount > 0) || part.amount > has) {
      throw invalidValue(CREDIT_MEMOS, `${field}.amount`, `Credit memo ${memo.memoNumber} applied ${has} to ${invoice.invoiceNumber}; ${part.amount} cannot be taken back`);
    }
    moveCredit(tx, memo, invoice, -part.amount);
    memo = tx.update<CreditMemo>(CREDIT_MEMOS, memo.id, {
      appliedAmount: roundMoney(memo.appliedAmount - part.amount),
      unappliedAmount: roundMoney(memo.unappliedAmount + part.amount),
      applications: lessApplied(memo.applications, invoice.id, part.amount),
      updatedById: apiUserId(tx.tenant),
      updatedDate: tx.now().toISOString(),
    });
  });
  return memo;
}
