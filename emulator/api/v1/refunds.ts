import { REFUND_METHOD_TYPES, type Refund } from '../../domain/payments/model.js';
import { cancelRefund, getRefund, refundPayment, type RefundInput } from '../../domain/payments/refunds.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { gatewayDeclined } from './payments.js';
import { unmodelled } from './shapes/nulls.js';

// POST /v1/payments/{paymentKey}/refunds, GET /v1/refunds/{refundKey}, PUT /v1/refunds/{refundKey}/cancel.

/** PostRefundwithAutoUnapplyType's members the emulator acts on (gateway options and custom rates are accepted and ignored). */
export const refundCreateSchema = {
  type: 'object',
  required: ['totalAmount', 'type'],
  properties: {
    totalAmount: { type: 'number' },
    type: { enum: ['External', 'Electronic'] },
    methodType: { enum: REFUND_METHOD_TYPES },
    refundDate: { type: 'string', format: 'date' },
    reasonCode: { type: 'string', minLength: 1, maxLength: 255 },
    comment: { type: 'string', maxLength: 255 },
    referenceId: { type: 'string', maxLength: 100 },
    gatewayOptions: { type: 'object' },
    customRates: { type: 'array' },
  },
} as const;

/** GETRefundType: every field, null where the emulator has no value. */
function toV1Refund(refund: Refund): Record<string, unknown> {
  return {
    success: true,
    id: refund.id,
    number: refund.number,
    accountId: refund.accountId,
    paymentId: refund.paymentId,
    paymentMethodId: refund.paymentMethodId,
    type: refund.type,
    methodType: refund.methodType,
    amount: refund.amount,
    status: refund.status,
    refundDate: refund.refundDate,
    refundTransactionTime: refund.createdDate,
    reasonCode: refund.reasonCode,
    comment: refund.comment,
    referenceId: refund.referenceId,
    gatewayResponse: refund.gatewayResponse,
    gatewayResponseCode: refund.gatewayResponseCode,
    gatewayState: refund.gatewayState,
    submittedOn: refund.submittedOn,
    cancelledOn: refund.cancelledOn,
    createdById: refund.createdById,
    createdDate: refund.createdDate,
    updatedById: refund.updatedById,
    updatedDate: refund.updatedDate,
    ...unmodelled([
      'creditMemoId',
      'financeInformation',
      'gatewayId',
      'gatewayReconciliationReason',
      'gatewayReconciliationStatus',
      'markedForSubmissionOn',
      'organizationLabel',
      'paymentMethodSnapshotId',
      'payoutId',
      'secondRefundReferenceId',
      'settledOn',
      'softDescriptor',
      'softDescriptorPhone',
    ]),
  };
}

/**
 * `POST /v1/payments/{paymentKey}/refunds`. A refund the gateway declines is kept (status Error,
 * with the gateway's code) and the call answers with Zuora's failure shape naming the gateway's message.
 */
export async function postPaymentRefund(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as RefundInput;
  const refund = await ctx.services.store.transact(ctx.tenant, (tx) => refundPayment(tx, ctx.params.paymentKey ?? '', body));
  if (refund.status === 'Error') throw gatewayDeclined('Refund', refund.number, refund);
  return { body: toV1Refund(refund) };
}

export function getRefundV1(ctx: RequestContext): Reply {
  return { body: toV1Refund(getRefund(ctx.services.store.view(ctx.tenant), ctx.params.refundKey ?? '')) };
}

export async function putRefundCancel(ctx: RequestContext): Promise<Reply> {
  const refund = await ctx.services.store.transact(ctx.tenant, (tx) => cancelRefund(tx, ctx.params.refundKey ?? ''));
  return { body: toV1Refund(refund) };
}
