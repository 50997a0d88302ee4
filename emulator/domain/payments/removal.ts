import { apiUserId } from '../../state/ids.js';
import type { Transaction } from '../../state/transaction.js';
import { ACCOUNTS, type Account } from '../accounts.js';
import { conflict } from '../errors.js';
import { PAYMENT_METHODS, PAYMENTS, type Payment, type PaymentMethod } from './model.js';
import { getPaymentMethod } from './paymentMethods.js';
import { getPayment } from './payments.js';

// Taking payment methods and payments away, with Zuora's rules: an account's default payment method
// stays while the account pays automatically; a payment is canceled (paymentEdits.ts) before it is deleted.

/** A deleted payment method is Closed, not forgotten: the payments made with it still name it. */
export function closePaymentMethod(tx: Transaction, id: string): PaymentMethod {
  const method = getPaymentMethod(tx, id);
  const account = tx.get<Account>(ACCOUNTS, method.accountId);
  if (account?.defaultPaymentMethodId === method.id) {
    if (account.autoPay) throw conflict(PAYMENT_METHODS, `Payment method ${id} is the default of auto-pay account ${account.accountNumber} and cannot be deleted`, 'id');
    tx.update<Account>(ACCOUNTS, account.id, { defaultPaymentMethodId: null, updatedDate: tx.now().toISOString() });
  }
  return tx.update<PaymentMethod>(PAYMENT_METHODS, method.id, { status: 'Closed', updatedById: apiUserId(tx.tenant), updatedDate: tx.now().toISOString() });
}

/** Zuora deletes only payments that did not go through: Canceled ones and gateway Errors. */
export function deletePayment(tx: Transaction, key: string): Payment {
  const payment = getPayment(tx, key);
  if (payment.status !== 'Canceled' && payment.status !== 'Error') {
    throw conflict(PAYMENTS, `Payment ${payment.paymentNumber} is ${payment.status}; only Canceled or Error payments can be deleted`, 'id');
  }
  tx.remove(PAYMENTS, payment.id);
  return payment;
}
