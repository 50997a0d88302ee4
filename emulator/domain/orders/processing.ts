import type { Transaction } from '../../state/transaction.js';
import type { Account } from '../accounts.js';
import { invoiceAccount } from '../invoices/invoicing.js';
import { createPayment } from '../payments/payments.js';
import { checkDate } from './context.js';
import type { OrderInput, OrderSubscriptionResult } from './model.js';

export interface OrderBilling {
  invoiceIds: string[];
  paymentIds: string[];
}

/**
 * `processingOptions`: bill the order's subscriptions at once (through the target date, or the
 * order date) and, when asked, charge the new invoice to the account's payment method.
 */
export function processOrderBilling(
  tx: Transaction,
  account: Account,
  results: readonly OrderSubscriptionResult[],
  options: OrderInput['processingOptions'],
  orderDate: string,
): OrderBilling {
  if (!options?.runBilling) return { invoiceIds: [], paymentIds: [] };
  const target = options.billingOptions?.targetDate
    ? checkDate(options.billingOptions.targetDate, 'processingOptions.billingOptions.targetDate')
    : orderDate;
  const documentDate = options.billingOptions?.documentDate;
  const invoice = invoiceAccount(tx, account.id, target, {
    only: new Set(results.map((result) => result.subscriptionNumber)),
    ...(documentDate ? { invoiceDate: checkDate(documentDate, 'processingOptions.billingOptions.documentDate') } : {}),
  });
  if (!invoice) return { invoiceIds: [], paymentIds: [] };
  if (!options.collectPayment || invoice.balance <= 0) return { invoiceIds: [invoice.id], paymentIds: [] };
  const payment = createPayment(tx, {
    account: account.id,
    type: 'Electronic',
    amount: invoice.balance,
    currency: account.currency,
    invoices: [{ invoiceId: invoice.id, amount: invoice.balance }],
    ...(options.electronicPaymentOptions?.paymentMethodId ? { paymentMethodId: options.electronicPaymentOptions.paymentMethodId } : {}),
  });
  return { invoiceIds: [invoice.id], paymentIds: [payment.id] };
}
