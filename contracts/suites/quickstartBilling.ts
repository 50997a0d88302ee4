import { listIn, present, type Json } from './read.js';
import type { Suite, Vars } from './types.js';

// The Quickstart billing surface on the accounts suite's account and the catalog suite's Pro plan:
// a subscription created, listed, patched, paused, resumed and canceled (each an order), then its
// invoices, their items, a payment of the first invoice and the credit memo of the cancellation.

/** The seat item of the answered subscription, the one the patch changes. */
function captureSeats(body: unknown, vars: Vars): Vars {
  const plans = listIn<Json>((body as Json | undefined)?.subscription_plans, ['data']);
  const items = plans.flatMap((plan) => listIn<Json>(plan.subscription_items, ['data']));
  const seats = items.find((item) => item.price_id === (vars.seats as Json | undefined)?.Id);
  return present({ qsSubscriptionPlanId: plans[0]?.id, qsSeatsItemId: seats?.id });
}

/** The newest posted invoice with something owed, and what it owes. */
function captureOpenInvoice(body: unknown): Vars {
  const open = listIn<Json>(body, ['data']).filter((invoice) => typeof invoice.balance === 'number' && invoice.balance > 0);
  const invoice = open[open.length - 1];
  return present({ qsInvoiceId: invoice?.id, qsInvoiceNumber: invoice?.invoice_number, qsInvoiceBalance: invoice?.balance });
}

export const quickstartBillingSuite: Suite = {
  name: 'quickstart-billing',
  description: 'Quickstart subscriptions (create, list, patch, pause, resume, cancel), invoices, invoice items, payments and credit memos',
  steps: [
    {
      name: 'create subscription with two seats, billed at once',
      method: 'POST',
      path: '/v2/subscriptions',
      query: { 'expand[]': 'subscription_plans.subscription_items' },
      body: {
        account_id: '${account.id}',
        initial_term: { type: 'termed', interval: 'month', interval_count: 12 },
        start_on: { contract_effective: '${today}' },
        subscription_plans: [{ plan_id: '${plan.id}', prices: [{ price_id: '${seats.Id}', quantity: 2 }] }],
        processing_options: { collection_method: 'run_billing' },
      },
      status: 201,
      as: 'qsSubscription',
      capture: captureSeats,
    },
    { name: 'list the account subscriptions', method: 'GET', path: '/v2/subscriptions', query: { 'filter[]': 'account_id.EQ:${account.id}', page_size: '5', 'expand[]': 'subscription_plans' } },
    {
      name: 'patch seats to four',
      method: 'PATCH',
      path: '/v2/subscriptions/:subscription_id',
      params: { subscription_id: '${qsSubscription.subscription_number}' },
      body: { update_subscription_plans: [{ subscription_plan: { subscription_plan_id: '${qsSubscriptionPlanId}', subscription_items: [{ id: '${qsSeatsItemId}', quantity: 4 }] } }] },
    },
    { name: 'pause today', method: 'POST', path: '/v2/subscriptions/:subscription_id/pause', params: { subscription_id: '${qsSubscription.subscription_number}' }, body: { pause_date: '${today}' } },
    { name: 'resume today', method: 'POST', path: '/v2/subscriptions/:subscription_id/resume', params: { subscription_id: '${qsSubscription.subscription_number}' }, body: { resume_date: '${today}' } },
    { name: 'list invoices of the account', method: 'GET', path: '/v2/invoices', query: { 'filter[]': 'account_id.EQ:${account.id}', page_size: '99' }, capture: captureOpenInvoice },
    { name: 'read the invoice with its items', method: 'GET', path: '/v2/invoices/:invoice_id', params: { invoice_id: '${qsInvoiceNumber}' }, query: { 'expand[]': 'items' } },
    { name: 'list its items', method: 'GET', path: '/v2/invoice_items', query: { 'filter[]': 'invoice_id.EQ:${qsInvoiceId}' } },
    {
      name: 'pay the invoice (external)',
      method: 'POST',
      path: '/v2/payments',
      body: {
        account_id: '${account.id}',
        amount: '${qsInvoiceBalance}',
        currency: 'USD',
        payment_date: '${today}',
        payment_method_id: '${paymentMethod.id}',
        external: true,
        billing_documents: [{ type: 'invoice', id: '${qsInvoiceId}', amount: '${qsInvoiceBalance}' }],
      },
      status: 201,
      as: 'qsPayment',
    },
    { name: 'read the payment', method: 'GET', path: '/v2/payments/:payment_id', params: { payment_id: '${qsPayment.id}' } },
    { name: 'list payments of the account', method: 'GET', path: '/v2/payments', query: { 'filter[]': 'account_id.EQ:${account.id}' } },
    {
      name: 'cancel today, crediting what was billed',
      method: 'POST',
      path: '/v2/subscriptions/:subscription_id/cancel',
      params: { subscription_id: '${qsSubscription.subscription_number}' },
      body: { cancel_date: '${today}', processing_options: { collection_method: 'run_billing' } },
    },
    { name: 'list credit memos of the account', method: 'GET', path: '/v2/credit_memos', query: { 'filter[]': 'account_id.EQ:${account.id}' }, capture: (body) => present({ qsMemoId: listIn<Json>(body, ['data'])[0]?.id }) },
    { name: 'read the first credit memo', method: 'GET', path: '/v2/credit_memos/:credit_memo_id', params: { credit_memo_id: '${qsMemoId}' } },
  ],
};
