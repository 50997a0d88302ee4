import type { Transaction } from '../../state/transaction.js';
import { roundMoney } from '../billing/rating.js';
import { conflict, invalidValue } from '../errors.js';
import { writeOffInvoice, type WriteOffOptions } from './creditMemos.js';
import { getInvoice } from './invoicing.js';
import { INVOICES, type CreditMemo } from './model.js';

/** What `PUT /v1/invoices/{key}/write-off` may ask: an amount up to the balance, and the memo's details. */
export type WriteOffRequest = Omit<WriteOffOptions, 'financeInformation'>;

/**
 * Writes off a posted invoice that still owes something, as Zuora does: a credit memo for the
 * amount (the whole balance unless less is asked), applied to the invoice at once.
 */
export function writeOff(tx: Transaction, key: string, request: WriteOffRequest): CreditMemo {
  const invoice = getInvoice(tx, key);
  if (invoice.status !== 'Posted') throw conflict(INVOICES, `Invoice ${invoice.invoiceNumber} is ${invoice.status}; only posted invoices are written off`, 'invoiceKey');
  if (invoice.balance <= 0) throw conflict(INVOICES, `Invoice ${invoice.invoiceNumber} owes nothing; there is nothing to write off`, 'invoiceKey');
  const amount = request.amount === undefined ? invoice.balance : roundMoney(request.amount);
  if (!(amount > 0) || amount > invoice.balance) {
    throw invalidValue(INVOICES, 'amount', `The amount written off must be above 0 and at most the invoice's balance of ${invoice.balance}`);
  }
  if (request.memoDate !== undefined && request.memoDate < invoice.invoiceDate) {
    throw invalidValue(INVOICES, 'memoDate', `The memo date cannot be before the invoice date (${invoice.invoiceDate})`);
  }
  return writeOffInvoice(tx, invoice, { ...request, amount });
}
