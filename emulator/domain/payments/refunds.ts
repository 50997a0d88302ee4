import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { roundMoney } from '../billing/rating.js';
import { conflict, invalidValue, missingField, notFound } from '../errors.js';
import { tenantToday } from '../tenantTime.js';
import { takePaymentFault } from './faults.js';
import { PAYMENT_METHODS, PAYMENTS, REFUNDS, type GatewayBehaviour, type Payment, type PaymentMethod, type Refund } from './model.js';
import { getPayment } from './payments.js';

export interface RefundInput {
  type: 'External' | 'Electronic';
  totalAmount: number;
  methodType?: Refund['methodType'];
  refundDate?: string;
  reasonCode?: string;
  comment?: string;
  referenceId?: string;
}

/** The reason Zuora gives a refund unless the request names one. */
const DEFAULT_REFUND_REASON = 'Standard Refund';

/** What the gateway simulator does with a refund to the method: its refund row if it has one, else what it does with charges. */
function refundBehaviour(tx: Transaction, accountId: string, method: PaymentMethod): GatewayBehaviour {
  return takePaymentFault(tx, accountId) ?? method.gateway.refund ?? method.gateway;
}

/** Zuora's refund method type for the payment method an electronic refund goes back to. */
function refundMethodType(method: PaymentMethod): Refund['methodType'] {
  if (method.type === 'SEPA' || method.type === 'Bacs') return 'BankTransfer';
  if (method.type.startsWith('PayPal')) return 'PayPal';
  return method.type as Refund['methodType'];
}

/** The payment method an electronic refund goes back to: the payment's own, still active. */
function refundMethod(tx: Transaction, payment: Payment): PaymentMethod {
  const method = payment.paymentMethodId ? tx.get<PaymentMethod>(PAYMENT_METHODS, payment.paymentMethodId) : undefined;
  if (payment.type !== 'Electronic' || !method) {
    throw invalidValue(REFUNDS, 'type', `Payment ${payment.paymentNumber} is ${payment.type}; only an electronic payment is refunded electronically`);
  }
  if (method.status !== 'Active') throw conflict(REFUNDS, `Payment method ${method.id} is ${method.status}; the refund cannot go back to it`, 'type');
  return method;
}

/**
 * Refunds part of a payment's unapplied amount, as Zuora does (money applied to invoices must be
 * unapplied first). An electronic refund goes through the gateway simulator: declined, it is kept
 * with status Error and the gateway's code, and takes nothing from the payment.
 */
export function refundPayment(tx: Transaction, paymentKey: string, input: RefundInput): Refund {
  const payment = getPayment(tx, paymentKey);
  if (payment.status !== 'Processed') throw conflict(REFUNDS, `Payment ${payment.paymentNumber} is ${payment.status}; only processed payments are refunded`, 'paymentKey');
  const amount = roundMoney(input.totalAmount);
  if (!(amount > 0) || amount > payment.unappliedAmount) {
    throw invalidValue(REFUNDS, 'totalAmount', `The refund must be above 0 and at most the payment's unapplied amount of ${payment.unappliedAmount}`);
  }
  if (input.refundDate !== undefined && input.refundDate < payment.effectiveDate) {
    throw invalidValue(REFUNDS, 'refundDate', `The refund date cannot be before the payment's effective date (${payment.effectiveDate})`);
  }
  if (input.type === 'External' && input.methodType === undefined) throw missingField(REFUNDS, 'methodType');
  if (input.type === 'Electronic' && input.methodType !== undefined) {
    throw invalidValue(REFUNDS, 'methodType', 'methodType is for external refunds; an electronic refund goes back to the payment method');
  }
  const method = input.type === 'Electronic' ? refundMethod(tx, payment) : null;
  const behaviour = method ? refundBehaviour(tx, payment.accountId, method) : { outcome: 'approve' as const };
  const approved = behaviour.outcome === 'approve';
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  if (approved) {
    tx.update<Payment>(PAYMENTS, payment.id, {
      unappliedAmount: roundMoney(payment.unappliedAmount - amount),
      refundAmount: roundMoney((payment.refundAmount ?? 0) + amount),
      updatedById: user,
      updatedDate: now,
    });
  }
  return tx.insert<Refund>(REFUNDS, {
    id: tx.newId(),
    number: tx.nextNumber('refund'),
    accountId: payment.accountId,
    paymentId: payment.id,
    paymentMethodId: method?.id ?? null,
    type: input.type,
    methodType: input.methodType ?? (method ? refundMethodType(method) : 'Other'),
    amount,
    status: approved ? 'Processed' : 'Error',
    refundDate: input.refundDate ?? tenantToday(tx),
    reasonCode: input.reasonCode ?? DEFAULT_REFUND_REASON,
    comment: input.comment ?? null,
    referenceId: input.referenceId ?? null,
    gatewayResponse: method ? (approved ? 'Approved' : (behaviour.response ?? 'Declined')) : null,
    gatewayResponseCode: method ? (approved ? 'approved' : (behaviour.responseCode ?? 'declined')) : null,
    gatewayState: method ? (approved ? 'Submitted' : 'FailedToSettle') : 'NotSubmitted',
    submittedOn: method ? now : null,
    cancelledOn: null,
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
}

export function getRefund(view: ReadView, key: string): Refund {
  const refund = view.get<Refund>(REFUNDS, key) ?? view.findBy<Refund>(REFUNDS, 'number', key);
  if (!refund) throw notFound(REFUNDS, key, 'refundKey');
  return refund;
}

/**
 * Cancels a processed external refund (one recorded, not sent through the gateway): the money is
 * the payment's again, unapplied, as Zuora leaves it.
 */
export function cancelRefund(tx: Transaction, key: string): Refund {
  const refund = getRefund(tx, key);
  if (refund.status !== 'Processed') throw conflict(REFUNDS, `Refund ${refund.number} is ${refund.status}; only processed refunds are cancelled`, 'refundKey');
  if (refund.type !== 'External') throw conflict(REFUNDS, `Refund ${refund.number} went through the gateway; only external refunds are cancelled`, 'refundKey');
  const payment = tx.get<Payment>(PAYMENTS, refund.paymentId) as Payment;
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  tx.update<Payment>(PAYMENTS, payment.id, {
    unappliedAmount: roundMoney(payment.unappliedAmount + refund.amount),
    refundAmount: roundMoney((payment.refundAmount ?? 0) - refund.amount),
    updatedById: user,
    updatedDate: now,
  });
  return tx.update<Refund>(REFUNDS, refund.id, { status: 'Canceled', cancelledOn: now, updatedById: user, updatedDate: now });
}
