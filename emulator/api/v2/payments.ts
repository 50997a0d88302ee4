import type { AnySchema } from 'ajv';
import { getAccount, withContacts } from '../../domain/accounts.js';
import { invalidValue, missingField } from '../../domain/errors.js';
import { PAYMENTS, type Payment } from '../../domain/payments/model.js';
import { createPayment, getPayment } from '../../domain/payments/payments.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import type { ReadView } from '../../state/transaction.js';
import { toV2Account } from './accounts.js';
import { found } from './found.js';
import { paginate } from './pagination.js';
import { customFields, readOnly, str } from './schemaParts.js';
import { expansions, quickstartObject } from './shape.js';

// Quickstart payments: create (`POST /v2/payments`, through the same gateway simulator as V1),
// list and read, shaped as the Quickstart `payment` schema.

const STATES: Record<Payment['status'], string> = { Processed: 'processed', Error: 'error', Canceled: 'canceled', Voided: 'canceled' };
const GATEWAY_STATES: Record<Payment['gatewayState'], string> = {
  Submitted: 'submitted',
  FailedToSettle: 'failed',
  NotSubmitted: 'not_submitted',
  MarkedForSubmission: 'marked_for_submission',
};

export const paymentCreate: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['payment_date', 'payment_method_id', 'currency', 'amount'],
  properties: {
    ...readOnly,
    custom_fields: customFields,
    description: str,
    reference_id: str,
    account_id: str,
    account_number: str,
    amount: { type: 'number' },
    payment_date: { type: 'string', format: 'date' },
    payment_method_id: str,
    external: { type: 'boolean' },
    currency: { type: 'string', minLength: 3, maxLength: 3 },
    billing_documents: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'id', 'amount'],
        properties: { id: str, type: { enum: ['debit_memo', 'invoice'] }, amount: { type: 'number' }, billing_document_number: str },
      },
    },
  },
};

export function toV2Payment(view: ReadView, payment: Payment, expand: ReadonlySet<string>): Record<string, unknown> {
  return quickstartObject(payment, {
    custom_fields: {},
    account_id: payment.accountId,
    account_number: getAccount(view, payment.accountId).accountNumber,
    account: expand.has('account') ? toV2Account(withContacts(view, payment.accountId), new Set()) : undefined,
    payment_number: payment.paymentNumber,
    description: payment.comment,
    reference_id: payment.referenceId ?? undefined,
    amount: payment.amount,
    amount_applied: payment.appliedAmount,
    remaining_balance: payment.unappliedAmount,
    amount_refunded: 0,
    currency: payment.currency,
    payment_date: payment.effectiveDate,
    payment_method_id: payment.paymentMethodId ?? undefined,
    external: payment.type === 'External',
    state: STATES[payment.status],
    gateway_state: GATEWAY_STATES[payment.gatewayState],
    gateway_response: payment.gatewayResponse ?? undefined,
    gateway_response_code: payment.gatewayResponseCode ?? undefined,
    applied_to: payment.paymentParts.map((part) => ({ billing_document_id: part.invoiceId, billing_document_type: 'invoice', amount: part.amount })),
  });
}

type Body = Record<string, unknown>;

export async function postPaymentV2(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as Body;
  const account = (body.account_id ?? body.account_number) as string | undefined;
  if (!account) throw missingField(PAYMENTS, 'account_id');
  const documents = (body.billing_documents ?? []) as Body[];
  documents.forEach((document, index) => {
    if (document.type !== 'invoice') throw invalidValue(PAYMENTS, `billing_documents[${index}].type`, 'The emulator applies payments to invoices; it has no debit memos');
  });
  const payment = await ctx.services.store.transact(ctx.tenant, (tx) =>
    createPayment(tx, {
      account,
      type: body.external === true ? 'External' : 'Electronic',
      amount: Number(body.amount),
      currency: String(body.currency),
      effectiveDate: String(body.payment_date),
      paymentMethodId: String(body.payment_method_id),
      invoices: documents.map((document) => ({ invoiceId: String(document.id), amount: Number(document.amount) })),
      ...(typeof body.description === 'string' ? { comment: body.description } : {}),
      ...(typeof body.reference_id === 'string' ? { referenceId: body.reference_id } : {}),
    }),
  );
  return { status: 201, body: toV2Payment(ctx.services.store.view(ctx.tenant), payment, expansions(ctx.query)) };
}

export function listPaymentsV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const expand = expansions(ctx.query);
  return { body: paginate(view.scan<Payment>(PAYMENTS), (payment) => toV2Payment(view, payment, expand), ctx.query, PAYMENTS) };
}

export function getPaymentV2(ctx: RequestContext): Reply {
  const view = ctx.services.store.view(ctx.tenant);
  const key = ctx.params.payment_id ?? '';
  return { body: toV2Payment(view, found(() => getPayment(view, key), PAYMENTS, key, 'payment_id'), expansions(ctx.query)) };
}
