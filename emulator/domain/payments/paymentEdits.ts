import { apiUserId } from '../../state/ids.js';
import type { Transaction } from '../../state/transaction.js';
import { conflict } from '../errors.js';
import { PAYMENTS, type Payment } from './model.js';
import { getPayment, unapplyPayment } from './payments.js';

// What can change on a payment once made: its comment and reference, and an external payment can
// be canceled. Its amount, account, type and date are fixed.

export interface PaymentEdits {
  comment?: string;
  referenceId?: string;
}

export function editPayment(tx: Transaction, key: string, edits: PaymentEdits): Payment {
  const payment = getPayment(tx, key);
  return tx.update<Payment>(PAYMENTS, payment.id, { ...edits, updatedById: apiUserId(tx.tenant), updatedDate: tx.now().toISOString() });
}

/** Cancels an external payment: what it paid is taken back from its invoices, which owe it again. */
export function cancelPayment(tx: Transaction, key: string): Payment {
  const payment = getPayment(tx, key);
  if (payment.status !== 'Processed') throw conflict(PAYMENTS, `Payment ${payment.paymentNumber} is ${payment.status}; only a processed payment can be canceled`, 'Status');
  if (payment.type !== 'External') throw conflict(PAYMENTS, `Payment ${payment.paymentNumber} is electronic; refund it instead of canceling it`, 'Status');
  if (payment.paymentParts.length > 0) unapplyPayment(tx, payment.id, payment.paymentParts);
  return tx.update<Payment>(PAYMENTS, payment.id, {
    status: 'Canceled',
    unappliedAmount: 0,
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
}

