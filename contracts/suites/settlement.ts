import type { Step, Suite } from './types.js';

/** Moves 1 of the write-off's credit off the invoice or back, under either spelling of the path. */
function memoStep(name: string, base: '/v1/credit-memos' | '/v1/creditmemos', action: 'apply' | 'unapply'): Step {
  return {
    name,
    method: 'PUT',
    path: `${base}/:creditMemoKey/${action}`,
    params: { creditMemoKey: '${writeOff.creditMemo.id}' },
    body: { invoices: [{ invoiceId: '${invoiceId}', amount: 1 }] },
  };
}

/**
 * Settling the invoices suite's paid invoice other ways: part of the payment taken back and written
 * off instead, the write-off's credit moved off the invoice and back under both spellings of the
 * credit memo path; the payment's 1 left unapplied refunded as an external refund, then cancelled.
 * Then two bill runs for the account through today (already billed, so they bill nothing new): one
 * cancelled, one posted; and a billing preview run of the account.
 */
export const settlementSuite: Suite = {
  name: 'settlement',
  description: 'invoice write-off, credit memo apply and unapply, payment refund, bill runs on demand, billing preview run',
  steps: [
    {
      name: 'take 1 of the payment back from the invoice',
      method: 'PUT',
      path: '/v1/payments/:paymentKey/unapply',
      params: { paymentKey: '${payment.id}' },
      body: { invoices: [{ invoiceId: '${invoiceId}', amount: 1 }] },
    },
    {
      name: 'write off what the invoice owes again',
      method: 'PUT',
      path: '/v1/invoices/:invoiceKey/write-off',
      params: { invoiceKey: '${invoiceId}' },
      body: { comment: 'Contract run ${runId}' },
      as: 'writeOff',
    },
    memoStep("take the write-off's credit off the invoice", '/v1/credit-memos', 'unapply'),
    memoStep('apply it again (creditmemos spelling)', '/v1/creditmemos', 'apply'),
    memoStep('take it off again (creditmemos spelling)', '/v1/creditmemos', 'unapply'),
    memoStep('and apply it once more', '/v1/credit-memos', 'apply'),
    {
      name: "refund the payment's unapplied 1 (external)",
      method: 'POST',
      path: '/v1/payments/:paymentKey/refunds',
      params: { paymentKey: '${payment.id}' },
      body: { type: 'External', methodType: 'Check', totalAmount: 1, comment: 'Contract run ${runId}' },
      as: 'refund',
    },
    { name: 'get the refund', method: 'GET', path: '/v1/refunds/:refundKey', params: { refundKey: '${refund.id}' } },
    { name: 'cancel the refund', method: 'PUT', path: '/v1/refunds/:refundKey/cancel', params: { refundKey: '${refund.id}' } },
    {
      name: 'bill run for the account',
      method: 'POST',
      path: '/v1/bill-runs',
      body: { targetDate: '${today}', billRunFilters: [{ filterType: 'Account', accountId: '${account.id}' }] },
      as: 'billRun',
    },
    { name: 'get the bill run', method: 'GET', path: '/v1/bill-runs/:billRunId', params: { billRunId: '${billRun.id}' } },
    { name: 'cancel the bill run', method: 'PUT', path: '/v1/bill-runs/:billRunId/cancel', params: { billRunId: '${billRun.id}' }, body: {} },
    {
      name: 'another bill run for the account',
      method: 'POST',
      path: '/v1/bill-runs',
      body: { targetDate: '${today}', billRunFilters: [{ filterType: 'Account', accountId: '${account.id}' }] },
      as: 'billRunToPost',
    },
    { name: 'post it', method: 'PUT', path: '/v1/bill-runs/:billRunId/post', params: { billRunId: '${billRunToPost.id}' }, body: { invoiceDate: '${today}' } },
    {
      name: 'billing preview run for the account',
      method: 'POST',
      path: '/v1/billing-preview-runs',
      body: { targetDate: '${today}', filters: [{ filterType: 'Account', accountId: '${account.id}' }], includingEvergreenSubscription: true },
      as: 'previewRun',
    },
    { name: 'get the billing preview run', method: 'GET', path: '/v1/billing-preview-runs/:billingPreviewRunId', params: { billingPreviewRunId: '${previewRun.billingPreviewRunId}' } },
  ],
};
