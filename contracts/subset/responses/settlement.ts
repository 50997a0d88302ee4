import { always, array, bool, date, dateTime, int, nullable, num, object, oneOf, str, type SchemaMap } from '../schema.js';

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

/** BillRunResponseType, for a bill run on demand (no schedule, no offsets). */
const billRun = object(
  {
    ...ok,
    id: str(),
    billRunNumber: str(),
    name: text(),
    status: oneOf('Pending', 'Processing', 'Completed', 'Error', 'Canceled', 'Posted', 'PostInProgress', 'CancelInProgress', 'RemoveInProgress', 'Paused'),
    targetDate: date(),
    invoiceDate: date(),
    autoPost: bool(),
    autoEmail: bool(),
    autoRenewal: bool(),
    noEmailForZeroAmountInvoice: bool(),
    batches: array(str()),
    billCycleDay: str(),
    billRunFilters: array(object({ accountId: str(), filterType: oneOf('Account', 'Subscription'), subscriptionId: text() })),
    chargeTypeToExclude: array(oneOf('OneTime', 'Recurring', 'Usage')),
    includeSubscriptions: bool(),
    includeOrderLineItems: bool(),
    scheduledExecutionTime: dateTime(),
    invoiceDateOffset: nullable(int()),
    invoiceDateMonthOffset: nullable(int()),
    invoiceDateDayOfMonth: nullable(int()),
    targetDateOffset: nullable(int()),
    targetDateMonthOffset: nullable(int()),
    targetDateDayOfMonth: nullable(int()),
    organizationLabels: nullable(array(object({ organizationId: str(), organizationName: str() }))),
    schedule: nullable(object({})),
    createdById: str(),
    createdDate: dateTime(),
    updatedById: str(),
    updatedDate: dateTime(),
  },
  ['success', 'id', 'billRunNumber', 'status', 'targetDate'],
);

/** GetBillingPreviewRunResponse, for a run the emulator has finished. */
const billingPreviewRun = object(
  {
    ...ok,
    runNumber: str(),
    status: str(),
    targetDate: date(),
    batches: str(),
    chargeTypeToExclude: text(),
    includingEvergreenSubscription: bool(),
    includingDraftItems: bool(),
    assumeRenewal: text(),
    storageOption: oneOf('Csv', 'Database'),
    totalAccounts: int(),
    succeededAccounts: int(),
    resultFileUrl: str(),
    errorMessage: text(),
    organizationLabels: nullable(array(object({ organizationId: str(), organizationName: str() }))),
    startDate: dateTime(),
    endDate: dateTime(),
    createdById: str(),
    createdDate: dateTime(),
    updatedById: str(),
    updatedDate: dateTime(),
  },
  ['success', 'runNumber', 'status', 'targetDate'],
);

export const SETTLEMENT_SCHEMAS: SchemaMap = {
  BillingPreviewRunResponse: billingPreviewRun,
  BillingPreviewRunCreated: object({ ...ok, billingPreviewRunId: str() }, ['success', 'billingPreviewRunId']),
  BillRunResponse: billRun,
  WriteOffInvoiceResponse: object({ ...ok, creditMemo: object({ id: str() }, ['id']) }, ['success', 'creditMemo']),
  RefundResponse: refund,
};
