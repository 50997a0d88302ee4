import { apiUserId } from '../../state/ids.js';
import type { ReadView, Transaction } from '../../state/transaction.js';
import { ACCOUNTS, getAccount, type Account } from '../accounts.js';
import { roundMoney } from '../billing/rating.js';
import { conflict, invalidValue, missingField, notFound } from '../errors.js';
import { INVOICES, type Invoice } from '../invoices/model.js';
import { openInvoices } from '../invoices/invoicing.js';
import { takePaymentFault } from './faults.js';
import { PAYMENT_METHODS, PAYMENTS, type Payment, type PaymentMethod, type PaymentPart } from './model.js';
import { tenantToday } from '../tenantTime.js';

export interface PaymentInput {
  /** Account id or number. */
  account: string;
  type: 'External' | 'Electronic';
  amount: number;
  currency: string;
  effectiveDate?: string;
  paymentMethodId?: string;
  /** Where the money goes; without it the payment stays unapplied until applied, as in Zuora. */
  invoices?: PaymentPart[];
  comment?: string;
  referenceId?: string;
}

function checkParts(tx: Transaction, account: Account, parts: readonly PaymentPart[], amount: number): void {
  parts.forEach((part, index) => {
    const invoice = tx.get<Invoice>(INVOICES, part.invoiceId) ?? tx.findBy<Invoice>(INVOICES, 'invoiceNumber', part.invoiceId);
    const field = `invoices[${index}]`;
    if (!invoice || invoice.accountId !== account.id) throw invalidValue(PAYMENTS, `${field}.invoiceId`, `Invoice '${part.invoiceId}' is not an invoice of account ${account.accountNumber}`);
    if (invoice.status !== 'Posted') throw conflict(PAYMENTS, `Invoice ${invoice.invoiceNumber} is ${invoice.status}; only posted invoices can be paid`, `${field}.invoiceId`);
    if (!(part.amount > 0) || part.amount > invoice.balance) {
      throw invalidValue(PAYMENTS, `${field}.amount`, `The amount applied to ${invoice.invoiceNumber} must be above 0 and at most its balance of ${invoice.balance}`);
    }
  });
  const applied = roundMoney(parts.reduce((sum, part) => sum + part.amount, 0));
  if (applied > amount) throw invalidValue(PAYMENTS, 'amount', `The invoices are applied ${applied}, more than the payment's amount of ${amount}`);
}

/** The payment method an electronic payment is charged to: the one named, else the account's default. */
function paymentMethodFor(tx: Transaction, account: Account, paymentMethodId: string | undefined): PaymentMethod {
  const id = paymentMethodId ?? account.defaultPaymentMethodId;
  if (!id) throw missingField(PAYMENTS, 'paymentMethodId');
  const method = tx.get<PaymentMethod>(PAYMENT_METHODS, id);
  if (!method || method.accountId !== account.id) throw invalidValue(PAYMENTS, 'paymentMethodId', `Payment method '${id}' is not a payment method of account ${account.accountNumber}`);
  if (method.status !== 'Active') throw conflict(PAYMENTS, `Payment method ${id} is ${method.status}`, 'paymentMethodId');
  return method;
}

/** Parts may name invoices by id or number; they are kept by id. */
function resolveParts(view: ReadView, parts: readonly PaymentPart[]): PaymentPart[] {
  return parts.map((part) => ({
    ...part,
    invoiceId: (view.get<Invoice>(INVOICES, part.invoiceId) ?? view.findBy<Invoice>(INVOICES, 'invoiceNumber', part.invoiceId))?.id ?? part.invoiceId,
  }));
}

/** Lowers each invoice's balance (and the account's) by what the payment gives it; `sign` -1 gives it back. */
function apply(tx: Transaction, account: Account, parts: readonly PaymentPart[], sign: 1 | -1 = 1): void {
  const now = tx.now().toISOString();
  for (const part of parts) {
    const invoice = tx.get<Invoice>(INVOICES, part.invoiceId) as Invoice;
    tx.update<Invoice>(INVOICES, invoice.id, {
      balance: roundMoney(invoice.balance - sign * part.amount),
      paymentAmount: roundMoney(invoice.paymentAmount + sign * part.amount),
      updatedDate: now,
    });
  }
  const paid = parts.reduce((sum, part) => sum + part.amount, 0);
  const current = tx.get<Account>(ACCOUNTS, account.id) as Account;
  tx.update<Account>(ACCOUNTS, account.id, { balance: roundMoney(current.balance - sign * paid), updatedDate: now });
}

/**
 * Records a payment. External payments are taken as received; electronic ones go to the gateway
 * simulator, which approves or declines by the payment method (or an injected fault). A decline is
 * stored as an Error payment carrying the gateway's code and message, and pays nothing.
 */
export function createPayment(tx: Transaction, input: PaymentInput): Payment {
  const account = getAccount(tx, input.account);
  if (input.currency !== account.currency) {
    throw invalidValue(PAYMENTS, 'currency', `The payment's currency ${input.currency} is not the account's (${account.currency})`);
  }
  if (!(input.amount > 0)) throw invalidValue(PAYMENTS, 'amount', "'amount' must be above 0");
  const amount = roundMoney(input.amount);
  const parts = resolveParts(tx, input.invoices ?? []);
  checkParts(tx, account, parts, amount);
  const now = tx.now().toISOString();
  const user = apiUserId(tx.tenant);
  const method = input.type === 'Electronic' ? paymentMethodFor(tx, account, input.paymentMethodId) : null;
  const behaviour = method ? (takePaymentFault(tx, account.id) ?? method.gateway) : { outcome: 'approve' as const };
  const approved = behaviour.outcome === 'approve';
  if (approved) apply(tx, account, parts);
  if (method) {
    tx.update<PaymentMethod>(PAYMENT_METHODS, method.id, {
      numConsecutiveFailures: approved ? 0 : method.numConsecutiveFailures + 1,
      lastTransactionDateTime: now,
      lastTransactionStatus: approved ? 'Approved' : 'Declined',
      updatedDate: now,
    });
  }
  const applied = approved ? roundMoney(parts.reduce((sum, part) => sum + part.amount, 0)) : 0;
  return tx.insert<Payment>(PAYMENTS, {
    id: tx.newId(),
    paymentNumber: tx.nextNumber('payment'),
    accountId: account.id,
    type: input.type,
    status: approved ? 'Processed' : 'Error',
    amount,
    appliedAmount: applied,
    unappliedAmount: approved ? roundMoney(amount - applied) : 0,
    currency: account.currency,
    effectiveDate: input.effectiveDate ?? tenantToday(tx),
    paymentMethodId: method?.id ?? null,
    paymentParts: parts,
    gatewayResponse: approved ? (method ? 'Approved' : null) : (behaviour.response ?? 'Declined'),
    gatewayResponseCode: approved ? (method ? 'approved' : null) : (behaviour.responseCode ?? 'declined'),
    gatewayState: method ? (approved ? 'Submitted' : 'FailedToSettle') : 'NotSubmitted',
    referenceId: input.referenceId ?? null,
    ...(input.comment ? { comment: input.comment } : {}),
    createdById: user,
    createdDate: now,
    updatedById: user,
    updatedDate: now,
  });
}

export function getPayment(view: ReadView, key: string): Payment {
  const payment = view.get<Payment>(PAYMENTS, key) ?? view.findBy<Payment>(PAYMENTS, 'paymentNumber', key);
  if (!payment) throw notFound(PAYMENTS, key, 'payment_key');
  return payment;
}

export function paymentsOfAccount(view: ReadView, accountId: string): Payment[] {
  return view.filterBy<Payment>(PAYMENTS, 'accountId', accountId);
}

/** What the account's processed payments hold neither applied nor refunded (Zuora's unapplied payment amount). */
export function unappliedPaymentsOf(view: ReadView, accountId: string): number {
  return roundMoney(paymentsOfAccount(view, accountId).filter((payment) => payment.status === 'Processed').reduce((sum, payment) => sum + payment.unappliedAmount, 0));
}

/**
 * What a payment run does for one account: an auto-pay account with a default payment method is
 * charged for each open invoice, one payment per invoice.
 */
export function collectOpenInvoices(tx: Transaction, accountId: string): Payment[] {
  const account = tx.get<Account>(ACCOUNTS, accountId);
  if (!account?.autoPay || !account.defaultPaymentMethodId) return [];
  return openInvoices(tx, account.id).map((invoice) =>
    createPayment(tx, {
      account: account.id,
      type: 'Electronic',
      amount: invoice.balance,
      currency: account.currency,
      invoices: [{ invoiceId: invoice.id, amount: invoice.balance }],
    }),
  );
}

/** What a payment has applied to each invoice, summed by invoice. */
function appliedByInvoice(payment: Payment): Map<string, number> {
  const applied = new Map<string, number>();
  for (const part of payment.paymentParts) applied.set(part.invoiceId, roundMoney((applied.get(part.invoiceId) ?? 0) + part.amount));
  return applied;
}

function processedPayment(tx: Transaction, key: string): { payment: Payment; account: Account } {
  const payment = getPayment(tx, key);
  if (payment.status !== 'Processed') throw conflict(PAYMENTS, `Payment ${payment.paymentNumber} is ${payment.status}; only processed payments are applied`, 'paymentKey');
  return { payment, account: getAccount(tx, payment.accountId) };
}

function rewriteParts(tx: Transaction, payment: Payment, applied: Map<string, number>): Payment {
  const paymentParts = [...applied].filter(([, amount]) => amount > 0).map(([invoiceId, amount]) => ({ invoiceId, amount }));
  const appliedAmount = roundMoney(paymentParts.reduce((sum, part) => sum + part.amount, 0));
  return tx.update<Payment>(PAYMENTS, payment.id, {
    paymentParts,
    appliedAmount,
    unappliedAmount: roundMoney(payment.amount - appliedAmount),
    updatedById: apiUserId(tx.tenant),
    updatedDate: tx.now().toISOString(),
  });
}

/** Applies some of a payment's unapplied amount to open invoices of its account. */
export function applyPayment(tx: Transaction, key: string, invoices: readonly PaymentPart[]): Payment {
  const { payment, account } = processedPayment(tx, key);
  const parts = resolveParts(tx, invoices);
  checkParts(tx, account, parts, payment.unappliedAmount);
  apply(tx, account, parts);
  const applied = appliedByInvoice(payment);
  for (const part of parts) applied.set(part.invoiceId, roundMoney((applied.get(part.invoiceId) ?? 0) + part.amount));
  return rewriteParts(tx, payment, applied);
}

/** Takes back what a payment applied to invoices, which owe it again; the amount becomes unapplied. */
export function unapplyPayment(tx: Transaction, key: string, invoices: readonly PaymentPart[]): Payment {
  const { payment, account } = processedPayment(tx, key);
  const parts = resolveParts(tx, invoices);
  const applied = appliedByInvoice(payment);
  parts.forEach((part, index) => {
    const has = applied.get(part.invoiceId) ?? 0;
    if (!(part.amount > 0) || part.amount > has) {
      throw invalidValue(PAYMENTS, `invoices[${index}].amount`, `Payment ${payment.paymentNumber} applied ${has} to invoice ${part.invoiceId}; ${part.amount} cannot be taken back`);
    }
    applied.set(part.invoiceId, roundMoney(has - part.amount));
  });
  apply(tx, account, parts, -1);
  return rewriteParts(tx, payment, applied);
}
