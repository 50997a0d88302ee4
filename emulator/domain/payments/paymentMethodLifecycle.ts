import { apiUserId } from '../../state/ids.js';
import type { Transaction } from '../../state/transaction.js';
import { ACCOUNTS, updateAccount, type Account } from '../accounts.js';
import { conflict, DomainError } from '../errors.js';
import { PAYMENT_METHODS, type PaymentMethod } from './model.js';
import { getPaymentMethod } from './paymentMethods.js';

// Deleting and verifying a payment method, as Zuora's V1 API does them.

function activeMethod(tx: Transaction, id: string): PaymentMethod {
  const method = getPaymentMethod(tx, id);
  if (method.status !== 'Active') throw conflict(PAYMENT_METHODS, `Payment method '${id}' is ${method.status}`, 'payment-method-id');
  return method;
}

/**
 * Deletes a payment method: it is Closed and can no longer be charged or made a default. The
 * default payment method of an account on auto-pay cannot be deleted (Zuora would have nothing to
 * charge); on an account without auto-pay the account is simply left without a default.
 */
export function deletePaymentMethod(tx: Transaction, id: string): PaymentMethod {
  const method = activeMethod(tx, id);
  const account = tx.get<Account>(ACCOUNTS, method.accountId);
  if (account?.defaultPaymentMethodId === method.id) {
    if (account.autoPay) {
      throw conflict(
        PAYMENT_METHODS,
        `Payment method '${id}' is the default payment method of account ${account.accountNumber}, which is on auto-pay; make another one the default or turn auto-pay off first`,
        'payment-method-id',
      );
    }
    updateAccount(tx, account.id, { defaultPaymentMethodId: null });
  }
  return tx.update<PaymentMethod>(PAYMENT_METHODS, method.id, { status: 'Closed', updatedById: apiUserId(tx.tenant), updatedDate: tx.now().toISOString() });
}

/**
 * Verifies a payment method with the gateway simulator: a card or card reference is checked the
 * way a zero-amount authorization would be (the test card or token decides; injected payment
 * faults are for charges and stay for them); a bank account has no gateway check and passes.
 */
export function verifyPaymentMethod(tx: Transaction, id: string): PaymentMethod {
  const method = activeMethod(tx, id);
  if (method.bankAccount) return method;
  const behaviour = method.gateway;
  if (behaviour.outcome === 'decline' && !behaviour.passesVerification) {
    throw new DomainError('InvalidValue', `Verification failed: ${behaviour.response ?? 'Declined'} (${behaviour.responseCode ?? 'declined'})`, PAYMENT_METHODS, 'payment-method-id');
  }
  return method;
}
