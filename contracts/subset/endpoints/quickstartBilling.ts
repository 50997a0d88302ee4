import { QS_EXPAND, QS_LIST } from './parameters.js';
import type { EndpointDoc, EndpointDocs } from './types.js';

// The Quickstart billing surface beyond the seeds: subscription writes (each one order), and reads
// of invoices, invoice items, payments and credit memos.

function endpoint(summary: string, officialPath: string, status: number, schema: string, query?: EndpointDoc['query']): EndpointDoc {
  return { summary, official: { spec: 'quickstart', path: officialPath }, success: { status, schema }, ...(query ? { query } : {}) };
}

const SUBSCRIPTION = '/subscriptions/{subscription_id}';

export const QUICKSTART_BILLING_ENDPOINTS: EndpointDocs = {
  'POST /v2/subscriptions': endpoint('Create a subscription (one CreateSubscription order)', '/subscriptions', 201, 'Subscription', QS_EXPAND),
  'GET /v2/subscriptions': endpoint('List the newest version of every subscription', '/subscriptions', 200, 'SubscriptionList', QS_LIST),
  'PATCH /v2/subscriptions/:subscription_id': endpoint('Change plans, prices, terms or fields (one order, one new version)', SUBSCRIPTION, 200, 'Subscription', QS_EXPAND),
  'POST /v2/subscriptions/:subscription_id/cancel': endpoint('Cancel a subscription', `${SUBSCRIPTION}/cancel`, 200, 'Subscription', QS_EXPAND),
  'POST /v2/subscriptions/:subscription_id/pause': endpoint('Pause (suspend) a subscription', `${SUBSCRIPTION}/pause`, 200, 'Subscription', QS_EXPAND),
  'POST /v2/subscriptions/:subscription_id/resume': endpoint('Resume a paused subscription', `${SUBSCRIPTION}/resume`, 200, 'Subscription', QS_EXPAND),
  'GET /v2/invoices': endpoint('List invoices', '/invoices', 200, 'QsInvoiceList', QS_LIST),
  'GET /v2/invoices/:invoice_id': endpoint('Read an invoice by id or number', '/invoices/{invoice_id}', 200, 'QsInvoice', QS_EXPAND),
  'GET /v2/invoice_items': endpoint('List invoice items', '/invoice_items', 200, 'QsInvoiceItemList', QS_LIST),
  'POST /v2/payments': endpoint('Create a payment (external, or charged through the gateway simulator)', '/payments', 201, 'QsPayment', QS_EXPAND),
  'GET /v2/payments': endpoint('List payments', '/payments', 200, 'QsPaymentList', QS_LIST),
  'GET /v2/payments/:payment_id': endpoint('Read a payment by id or number', '/payments/{payment_id}', 200, 'QsPayment', QS_EXPAND),
  'GET /v2/credit_memos': endpoint('List credit memos', '/credit_memos', 200, 'QsCreditMemoList', QS_LIST),
  'GET /v2/credit_memos/:credit_memo_id': endpoint('Read a credit memo by id or number', '/credit_memos/{credit_memo_id}', 200, 'QsCreditMemo', QS_EXPAND),
};
