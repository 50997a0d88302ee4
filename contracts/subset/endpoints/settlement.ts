import type { EndpointDoc, EndpointDocs } from './types.js';

// Settling invoices beyond paying them: write-offs, credit memo application, refunds, bill runs on
// demand and billing preview runs.

/** The /v1/creditmemos alias of a /v1/credit-memos operation: same body, same answer. */
function creditMemoAlias(action: string, summary: string): EndpointDoc {
  return {
    summary: `${summary} (the spelling without a hyphen)`,
    ownShape:
      `The official V1 spec spells the path /v1/credit-memos/{creditMemoKey}/${action}; this alias answers exactly as that operation does ` +
      '(GETCreditMemoType), for clients that call it without the hyphen.',
    success: { status: 200, schema: 'CreditMemoResponse' },
  };
}

const APPLY = "Apply some of a credit memo's unapplied credit to invoices";
const UNAPPLY = 'Take back credit a credit memo applied to invoices';

export const SETTLEMENT_ENDPOINTS: EndpointDocs = {
  'PUT /v1/invoices/:invoiceKey/write-off': {
    summary: 'Write an invoice off: a credit memo for its balance (or the amount given), applied to it',
    official: { spec: 'v1', path: '/v1/invoices/{invoiceKey}/write-off' },
    success: { status: 200, schema: 'WriteOffInvoiceResponse' },
  },
  'PUT /v1/credit-memos/:creditMemoKey/apply': {
    summary: APPLY,
    official: { spec: 'v1', path: '/v1/credit-memos/{creditMemoKey}/apply' },
    success: { status: 200, schema: 'CreditMemoResponse' },
  },
  'PUT /v1/credit-memos/:creditMemoKey/unapply': {
    summary: UNAPPLY,
    official: { spec: 'v1', path: '/v1/credit-memos/{creditMemoKey}/unapply' },
    success: { status: 200, schema: 'CreditMemoResponse' },
  },
  'POST /v1/payments/:paymentKey/refunds': {
    summary: "Refund part of a payment's unapplied amount, electronically through the gateway or recorded as external",
    official: { spec: 'v1', path: '/v1/payments/{paymentKey}/refunds' },
    success: { status: 200, schema: 'RefundResponse' },
  },
  'GET /v1/refunds/:refundKey': {
    summary: 'Read a refund by id or number',
    official: { spec: 'v1', path: '/v1/refunds/{refundKey}' },
    success: { status: 200, schema: 'RefundResponse' },
  },
  'PUT /v1/refunds/:refundKey/cancel': {
    summary: "Cancel a processed external refund: the money is the payment's again, unapplied",
    official: { spec: 'v1', path: '/v1/refunds/{refundKey}/cancel' },
    success: { status: 200, schema: 'RefundResponse' },
  },
  'POST /v1/bill-runs': {
    summary: 'Run a bill run at once on the tenant clock, for accounts, subscriptions or batches; drafts unless autoPost',
    official: { spec: 'v1', path: '/v1/bill-runs' },
    success: { status: 200, schema: 'BillRunResponse' },
  },
  'GET /v1/bill-runs/:billRunId': {
    summary: 'Read a bill run by id or number',
    official: { spec: 'v1', path: '/v1/bill-runs/{billRunId}' },
    success: { status: 200, schema: 'BillRunResponse' },
  },
  'PUT /v1/bill-runs/:billRunId/cancel': {
    summary: 'Cancel a completed bill run: its drafts are cancelled and what they billed is billable again',
    official: { spec: 'v1', path: '/v1/bill-runs/{billRunId}/cancel' },
    success: { status: 200, schema: 'BillRunResponse' },
  },
  'PUT /v1/bill-runs/:billRunId/post': {
    summary: "Post a completed bill run's draft invoices and credit memos on the invoice date given",
    official: { spec: 'v1', path: '/v1/bill-runs/{billRunId}/post' },
    success: { status: 200, schema: 'BillRunResponse' },
  },
  'POST /v1/billing-preview-runs': {
    summary: 'Preview the billing of accounts (named, or by batch) through a target date, at once; the result is a CSV file',
    official: { spec: 'v1', path: '/v1/billing-preview-runs' },
    success: { status: 200, schema: 'BillingPreviewRunCreated' },
  },
  'GET /v1/billing-preview-runs/:billingPreviewRunId': {
    summary: 'Read a billing preview run, with the URL of its result file',
    official: { spec: 'v1', path: '/v1/billing-preview-runs/{billingPreviewRunId}' },
    success: { status: 200, schema: 'BillingPreviewRunResponse' },
  },
  'GET /v1/files/:fileId': {
    summary: "Download a file the emulator made: a billing preview run's CSV result (text/csv, no JSON body)",
    official: { spec: 'v1', path: '/v1/files/{file-id}' },
    success: { status: 200, schema: null },
  },
  'PUT /v1/creditmemos/:creditMemoKey/apply': creditMemoAlias('apply', APPLY),
  'PUT /v1/creditmemos/:creditMemoKey/unapply': creditMemoAlias('unapply', UNAPPLY),
};
