import { always, date, dateTime, nullable, num, object, oneOf, str, type SchemaMap } from '../schema.js';

// Answers of the settlement endpoints (write-offs, refunds, bill runs, billing preview runs), with
// the field names, types and enums of the official V1 spec.

const ok = { success: always(true) };
const text = () => nullable(str());

/** GETRefundType; the fields the emulator has no value for are null. */
const refund = object(
  {
    ...ok,
    id: str(),
    number: str(),
    accountId: str(),
    paymentId: str(),
    paymentMethodId: text(),
    type: oneOf('External', 'Electronic'),
    methodType: oneOf('ACH', 'Cash', 'Check', 'CreditCard', 'PayPal', 'WireTransfer', 'DebitCard', 'CreditCardReferenceTransaction', 'BankTransfer', 'Other'),
    amount: num(),
    status: oneOf('Processed', 'Canceled', 'Error', 'Processing'),
    refundDate: date(),
    refundTransactionTime: dateTime(),
    reasonCode: str(),
    comment: text(),
    referenceId: text(),
    gatewayResponse: text(),
    gatewayResponseCode: text(),
    gatewayState: oneOf('MarkedForSubmission', 'Submitted', 'Settled', 'NotSubmitted', 'FailedToSettle'),
    submittedOn: nullable(dateTime()),
    cancelledOn: nullable(dateTime()),
    creditMemoId: text(),
    financeInformation: nullable(object({})),
    gatewayId: text(),
    gatewayReconciliationReason: text(),
    gatewayReconciliationStatus: text(),
    markedForSubmissionOn: nullable(dateTime()),
    organizationLabel: text(),
    paymentMethodSnapshotId: text(),
    payoutId: text(),
    secondRefundReferenceId: text(),
    settledOn: nullable(dateTime()),
    softDescriptor: text(),
    softDescriptorPhone: text(),
    createdById: str(),
    createdDate: dateTime(),
    updatedById: str(),
    updatedDate: dateTime(),
  },
  ['success', 'id', 'number', 'amount', 'status', 'type'],
);

export const SETTLEMENT_SCHEMAS: SchemaMap = {
  WriteOffInvoiceResponse: object({ ...ok, creditMemo: object({ id: str() }, ['id']) }, ['success', 'creditMemo']),
  RefundResponse: refund,
};
