import type { AnySchema } from 'ajv';
import { getAccount, type Account } from '../../domain/accounts.js';
import { DomainError } from '../../domain/errors.js';
import { INVOICES, type Invoice } from '../../domain/invoices/model.js';
import type { Payment } from '../../domain/payments/model.js';
import { createPayment, paymentsOfAccount, type PaymentInput } from '../../domain/payments/payments.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { v1Page } from './pagination.js';
import { decimal } from './wireValues.js';

const str = { type: 'string' } as const;

/** CreatePaymentType: the members the emulator acts on (others are accepted and ignored). */
export const paymentCreateSchema: AnySchema = {
  type: 'object',
  required: ['amount', 'currency', 'type'],
  properties: {
    accountId: str,
    accountNumber: str,
    amount: { type: 'number' },
    currency: str,
    type: { enum: ['External', 'Electronic'] },
    // A date, as the V1 spec types it: the emulator stored whatever text came (found by contract fuzz).
    effectiveDate: { type: 'string', format: 'date' },
    paymentMethodId: str,
    paymentMethodType: str,
    comment: str,
    referenceId: str,
    invoices: {
      type: 'array',
      items: { type: 'object', required: ['invoiceId', 'amount'], properties: { invoiceId: str, amount: { type: 'number' } } },
    },
  },
};

export function toV1Payment(account: Account, payment: Payment): Record<string, unknown> {
  return {
    success: true,
    id: payment.id,
    number: payment.paymentNumber,
    accountId: account.id,
    accountNumber: account.accountNumber,
    type: payment.type,
    status: payment.status,
    amount: payment.amount,
    appliedAmount: payment.appliedAmount,
    unappliedAmount: payment.unappliedAmount,
    refundAmount: payment.refundAmount ?? 0,
    creditBalanceAmount: 0,
    currency: payment.currency,
    effectiveDate: `${payment.effectiveDate}T00:00:00.000Z`,
    ...(payment.paymentMethodId ? { paymentMethodId: payment.paymentMethodId } : {}),
    gatewayState: payment.gatewayState,
    gatewayResponse: payment.gatewayResponse,
    gatewayResponseCode: payment.gatewayResponseCode ?? '',
    referenceId: payment.referenceId,
    comment: payment.comment ?? null,
    createdById: payment.createdById,
    createdDate: payment.createdDate,
    updatedById: payment.updatedById,
    updatedDate: payment.updatedDate,
  };
}

/** Zuora's answer to a transaction the gateway declined, naming the gateway's code and message and the record kept. */
export function gatewayDeclined(object: 'Payment' | 'Refund', number: string, gateway: { gatewayResponseCode: string | null; gatewayResponse: string | null }): DomainError {
  return new DomainError('Conflict', `Transaction declined.${gateway.gatewayResponseCode} - ${gateway.gatewayResponse} (${object.toLowerCase()} ${number})`, object);
}

/**
 * `POST /v1/payments`. A declined electronic payment is recorded (status Error, with the gateway's
 * code) and the call answers with Zuora's failure shape naming the gateway's message.
 */
export async function postPayment(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as Omit<PaymentInput, 'account'> & { accountId?: string; accountNumber?: string };
  const accountKey = body.accountId ?? body.accountNumber;
  if (!accountKey) throw new DomainError('MissingField', "'accountId' or 'accountNumber' is required", 'Payment', 'accountId');
  const { store } = ctx.services;
  const payment = await store.transact(ctx.tenant, (tx) => createPayment(tx, { ...body, account: accountKey }));
  const account = getAccount(store.view(ctx.tenant), payment.accountId);
  if (payment.status === 'Error') throw gatewayDeclined('Payment', payment.paymentNumber, payment);
  return { body: toV1Payment(account, payment) };
}

function toTransactionPayment(view: ReadView, account: Account, payment: Payment): Record<string, unknown> {
  return {
    id: payment.id,
    accountID: account.id,
    accountNumber: account.accountNumber,
    accountName: account.name,
    paymentNumber: payment.paymentNumber,
    type: payment.type,
    status: payment.status,
    amount: decimal(payment.amount),
    effectiveDate: payment.effectiveDate,
    paymentMethodID: payment.paymentMethodId ?? '',
    gatewayTransactionNumber: payment.status === 'Processed' && payment.type === 'Electronic' ? payment.id : '',
    paidInvoices: payment.status === 'Processed'
      ? payment.paymentParts.map((part) => ({
          invoiceId: part.invoiceId,
          invoiceNumber: view.get<Invoice>(INVOICES, part.invoiceId)?.invoiceNumber ?? '',
          appliedPaymentAmount: decimal(part.amount),
        }))
      : [],
  };
}

/** The account's payments, newest first, as the transactions API lists them. */
export function listAccountPayments(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const account = getAccount(view, ctx.params.account_key ?? '');
  const payments = paymentsOfAccount(view, account.id).reverse();
  const page = v1Page(payments, ctx.query, `/v1/transactions/payments/accounts/${account.accountNumber}`);
  return {
    body: {
      success: true,
      payments: page.items.map((payment) => toTransactionPayment(view, account, payment)),
      nextPage: page.nextPage ?? null,
    },
  };
}
