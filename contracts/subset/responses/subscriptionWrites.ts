import type { OpenAPIV3 } from 'openapi-types';
import { always, array, date, nullable, num, object, str, type SchemaMap } from '../schema.js';

// The subscription API's write answers (POSTSubscriptionResponseType, PUTSubscriptionResponseType,
// the cancel/renew/suspend/resume answers and POSTSubscriptionPreviewResponseType). What an order
// billed and collected (`invoiceId`, `paymentId`, `paidAmount`, `creditMemoId`) is there only when
// the call asked for billing.

const ok = { success: always(true) };

const billed = { invoiceId: str(), creditMemoId: str(), paymentId: str(), paidAmount: num() };
const deltas = { totalDeltaMrr: num(), totalDeltaTcv: num() };

const previewItem = object({
  serviceStartDate: date(),
  serviceEndDate: date(),
  chargeAmount: num(),
  chargeDescription: str(),
  chargeName: str(),
  productName: str(),
  productRatePlanChargeId: str(),
  quantity: num(),
  unitOfMeasure: str(),
  taxAmount: num(),
});

const amounts = { amount: num(), amountWithoutTax: num(), taxAmount: num() };

/** The invoice (or credit memo, for a net credit) a bill run to the target date would write. */
const preview = {
  invoice: object({ ...amounts, targetDate: date(), invoiceItems: array(previewItem) }),
  creditMemo: object({ ...amounts, creditMemoItems: array(previewItem) }),
  targetDate: date(),
};

const answer = (properties: SchemaMap, required: readonly string[] = []): OpenAPIV3.SchemaObject =>
  object({ ...ok, ...properties }, ['success', ...required]);

export const SUBSCRIPTION_WRITE_SCHEMAS: SchemaMap = {
  V1SubscriptionCreated: answer(
    { subscriptionId: str(), subscriptionNumber: str(), contractedMrr: num(), totalContractedValue: num(), ...billed },
    ['subscriptionId', 'subscriptionNumber', 'contractedMrr', 'totalContractedValue'],
  ),
  V1SubscriptionUpdated: answer({ subscriptionId: str(), ...deltas, ...billed, ...preview }, ['subscriptionId', 'totalDeltaMrr', 'totalDeltaTcv']),
  V1SubscriptionCancelled: answer({ subscriptionId: str(), cancelledDate: date(), ...deltas, ...billed }, ['subscriptionId', 'cancelledDate']),
  V1SubscriptionRenewed: answer({ subscriptionId: str(), termStartDate: date(), termEndDate: nullable(date()), ...deltas, ...billed }, ['termStartDate', 'termEndDate']),
  V1SubscriptionSuspended: answer(
    { subscriptionId: str(), suspendDate: date(), resumeDate: nullable(date()), termEndDate: nullable(date()), ...deltas, ...billed },
    ['subscriptionId', 'suspendDate'],
  ),
  V1SubscriptionResumed: answer({ subscriptionId: str(), resumeDate: date(), termEndDate: nullable(date()), ...deltas, ...billed }, ['subscriptionId', 'resumeDate']),
  V1NewSubscriptionPreview: answer({ ...preview, contractedMrr: num(), totalContractedValue: num() }, ['contractedMrr', 'totalContractedValue']),
};
