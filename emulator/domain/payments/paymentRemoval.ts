import type { Transaction } from '../../state/transaction.js';
import { conflict } from '../errors.js';
import { PAYMENTS, type Payment } from './model.js';
import { getPayment } from './payments.js';

// Taking payments away, with Zuora's rule: a payment is canceled (paymentEdits.ts) before it is
// deleted. Payment methods are deleted in paymentMethodLifecycle.ts.

/** Zuora deletes only payments that did not go through: Canceled ones and gateway Errors. */
export function deletePayment(tx: Transaction, key: string): Payment {
  const payment = getPayment(tx, key);
  if (payment.status !== 'Canceled' && payment.status !== 'Error') {
    throw conflict(PAYMENTS, `Payment ${payment.paymentNumber} is ${payment.status}; only Canceled or Error payments can be deleted`, 'id');
  }
  tx.remove(PAYMENTS, payment.id);
  return payment;
}
