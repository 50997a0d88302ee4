import type { Transaction } from '../../state/transaction.js';
import type { Account } from '../accounts.js';
import { invalidValue } from '../errors.js';
import { writeOffInvoice } from '../invoices/creditMemos.js';
import { invoiceAccount } from '../invoices/invoicing.js';
import { INVOICE_ITEMS, INVOICES, type Invoice, type InvoiceItem } from '../invoices/model.js';
import { createPayment } from '../payments/payments.js';
import { checkDate } from './context.js';
import { applyAccountCredit, creditSourcesOf, type CreditSource } from './creditApplication.js';
import { ORDERS, type OrderInput, type OrderSubscriptionResult, type OrderWriteOff } from './model.js';

export interface OrderBilling {
  invoiceIds: string[];
  creditMemoIds: string[];
  paymentIds: string[];
  writeOffs: OrderWriteOff[];
}

type ProcessingOptions = NonNullable<OrderInput['processingOptions']>;

/**
 * `processingOptions`, in Zuora's order: bill the order's subscriptions at once (through the target
 * date, or the order date), spend the account's credit on the new invoice when asked
 * (`applyCreditBalance`, `applyCredit`), charge what it still owes when asked, then write off what
 * the cancelled subscriptions' invoices still owe when asked.
 */
export function processOrderBilling(
  tx: Transaction,
  account: Account,
  results: readonly OrderSubscriptionResult[],
  options: OrderInput['processingOptions'],
  orderDate: string,
): OrderBilling {
  const billing: OrderBilling = { invoiceIds: [], creditMemoIds: [], paymentIds: [], writeOffs: [] };
  if (!options) return billing;
  const credit = creditSourcesOf(options);
  if (options.runBilling) runBilling(tx, account, results, options, orderDate, billing, credit);
  if (options.writeOff) writeOffCancelled(tx, results, options, billing);
  return billing;
}

function runBilling(
  tx: Transaction,
  account: Account,
  results: readonly OrderSubscriptionResult[],
  options: ProcessingOptions,
  orderDate: string,
  billing: OrderBilling,
  credit: readonly CreditSource[],
): void {
  const { targetDate, documentDate, creditMemoReasonCode } = options.billingOptions ?? {};
  const billed = invoiceAccount(tx, account.id, targetDate ? checkDate(targetDate, 'processingOptions.billingOptions.targetDate') : orderDate, {
    only: new Set(results.map((result) => result.subscriptionNumber)),
    ...(documentDate ? { invoiceDate: checkDate(documentDate, 'processingOptions.billingOptions.documentDate') } : {}),
    ...(creditMemoReasonCode ? { creditMemoReasonCode } : {}),
  });
  if (billed.creditMemo) billing.creditMemoIds.push(billed.creditMemo.id);
  if (!billed.invoice) return;
  billing.invoiceIds.push(billed.invoice.id);
  // Credit first, so only what is still owed is charged.
  const invoice = credit.length > 0 && billed.invoice.status === 'Posted' ? applyAccountCredit(tx, billed.invoice, credit) : billed.invoice;
  if (!options.collectPayment || invoice.balance <= 0) return;
  const payment = createPayment(tx, {
    account: account.id,
    type: 'Electronic',
    amount: invoice.balance,
    currency: account.currency,
    invoices: [{ invoiceId: invoice.id, amount: invoice.balance }],
    ...(options.electronicPaymentOptions?.paymentMethodId ? { paymentMethodId: options.electronicPaymentOptions.paymentMethodId } : {}),
  });
  billing.paymentIds.push(payment.id);
}

const FINANCE_FIELDS = ['deferredRevenueAccountingCode', 'onAccountAccountingCode', 'recognizedRevenueAccountingCode', 'revenueRecognitionRuleName'];

/** `writeOffBehavior.financeInformation`: the accounting codes the write-off memo carries, each up to 100 characters. */
function financeInformationOf(options: ProcessingOptions): Readonly<Record<string, string>> | undefined {
  const info = options.writeOffBehavior?.financeInformation;
  if (info === undefined) return undefined;
  const field = 'processingOptions.writeOffBehavior.financeInformation';
  if (typeof info !== 'object' || info === null || Array.isArray(info)) throw invalidValue(ORDERS, field, `'${field}' must be an object`);
  for (const [name, value] of Object.entries(info)) {
    if (!FINANCE_FIELDS.includes(name)) throw invalidValue(ORDERS, `${field}.${name}`, `'${name}' is not one of ${FINANCE_FIELDS.join(', ')}`);
    if (typeof value !== 'string' || value.length > 100) throw invalidValue(ORDERS, `${field}.${name}`, `'${name}' must be text of at most 100 characters`);
  }
  return info;
}

/** Posted invoices with a balance that bill the subscription, oldest first. */
function openInvoicesOf(tx: Transaction, subscriptionNumber: string): Invoice[] {
  const ids = new Set(tx.filterBy<InvoiceItem>(INVOICE_ITEMS, 'subscriptionNumber', subscriptionNumber).map((item) => item.invoiceId));
  return [...ids]
    .map((id) => tx.get<Invoice>(INVOICES, id) as Invoice)
    .filter((invoice) => invoice.status === 'Posted' && invoice.balance > 0)
    .sort((a, b) => a.createdDate.localeCompare(b.createdDate) || a.invoiceNumber.localeCompare(b.invoiceNumber));
}

/** `writeOff: true` is for cancellations: each open invoice of a cancelled subscription is written off with a credit memo. */
function writeOffCancelled(tx: Transaction, results: readonly OrderSubscriptionResult[], options: ProcessingOptions, billing: OrderBilling): void {
  const cancelled = results.filter((result) => result.status === 'Cancelled');
  if (cancelled.length === 0) {
    throw invalidValue(ORDERS, 'processingOptions.writeOff', 'writeOff applies only to an order that cancels a subscription');
  }
  const financeInformation = financeInformationOf(options);
  for (const result of cancelled) {
    for (const invoice of openInvoicesOf(tx, result.subscriptionNumber)) {
      const memo = writeOffInvoice(tx, invoice, financeInformation ? { financeInformation } : {});
      billing.writeOffs.push({ invoiceId: invoice.id, amount: memo.amount, creditMemoId: memo.id });
    }
  }
}
