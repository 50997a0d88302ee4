import { createSubscriptionStep } from './orders.js';
import { isJson, listIn, present, type Json } from './read.js';
import type { Suite } from './types.js';

/** Usage reported against the run's subscription, as the platform upserts it. */
export const usageSuite: Suite = {
  name: 'usage',
  description: 'usage records: create, list pending, update',
  steps: [
    {
      name: 'create usage record',
      method: 'POST',
      path: '/v2/usage_records',
      body: {
        account_number: '${account.account_number}',
        subscription_number: '${subscriptionNumber}',
        unit_of_measure: '${uomPrefix}-call',
        quantity: 10,
        start_time: '${today}T12:00:00Z',
        description: 'zuora-emulator contract run ${runId}',
      },
      status: 201,
      as: 'usage',
    },
    {
      name: 'list usage records of the subscription',
      method: 'GET',
      path: '/v2/usage_records',
      query: { 'filter[]': 'subscription_number.EQ:${subscriptionNumber}', page_size: '10' },
    },
    { name: 'update usage record', method: 'PATCH', path: '/v2/usage_records/:id', params: { id: '${usage.id}' }, body: { quantity: 12 } },
  ],
};

/** The first of next month, when accounts with bill cycle day 1 are billed. */
const billRunInstant = '${nextBillDate}T06:00:00Z';

/**
 * An invoice, its items, and a payment against it. On the emulator the admin API moves the clock to
 * the next bill run; a real tenant cannot be time-travelled, so there an order bills at once
 * (`processingOptions.runBilling`).
 */
export const invoicesSuite: Suite = {
  name: 'invoices',
  description: 'invoice (CRUD read), invoice items, external payment',
  steps: [
    {
      name: 'advance the emulator clock to the next bill run (admin API)',
      method: 'POST',
      path: '/__emulator/clock/advance',
      body: { to: billRunInstant },
      auth: 'admin',
      only: 'emulator',
      // Later steps date their work on the tenant's new today.
      capture: (body) => (isJson(body) && typeof body.now === 'string' ? { today: body.now.slice(0, 10) } : {}),
    },
    {
      name: "list the account's invoices",
      method: 'GET',
      path: '/v1/transactions/invoices/accounts/:account_key',
      params: { account_key: '${account.account_number}' },
      only: 'emulator',
      capture: (body) => present({ invoiceId: listIn<Json>(body, ['invoices'])[0]?.id }),
    },
    {
      ...createSubscriptionStep,
      name: 'bill a new subscription at once (order with runBilling)',
      only: 'other',
      body: {
        ...(createSubscriptionStep.body as Json),
        processingOptions: { runBilling: true, billingOptions: { targetDate: '${today}' } },
      },
      as: 'billed',
      capture: (body, vars) => {
        const ids = isJson(body) && Array.isArray(body.invoiceIds) ? body.invoiceIds : [];
        const [subscription] = listIn<Json>(body, ['subscriptions']);
        // The cleanup cancels this one too.
        return present({ invoiceId: ids[0], billedSubscriptionNumber: subscription?.subscriptionNumber ?? vars.billedSubscriptionNumber });
      },
    },
    {
      name: 'get invoice (CRUD)',
      method: 'GET',
      path: '/v1/object/invoice/:id',
      params: { id: '${invoiceId}' },
      as: 'invoice',
    },
    { name: 'get invoice items', method: 'GET', path: '/v1/invoices/:invoiceKey/items', params: { invoiceKey: '${invoiceId}' } },
    {
      name: 'pay the invoice (external payment)',
      method: 'POST',
      path: '/v1/payments',
      body: {
        accountNumber: '${account.account_number}',
        amount: '${invoice.Balance}',
        currency: 'USD',
        type: 'External',
        paymentMethodType: 'Check',
        effectiveDate: '${today}',
        invoices: [{ invoiceId: '${invoiceId}', amount: '${invoice.Balance}' }],
      },
      as: 'payment',
    },
    {
      name: 'billing preview of the account',
      method: 'POST',
      path: '/v1/operations/billing-preview',
      body: { accountId: '${account.id}', targetDate: '${today}', includingEvergreenSubscription: true },
    },
    { name: 'get invoice (V1)', method: 'GET', path: '/v1/invoices/:invoiceKey', params: { invoiceKey: '${invoiceId}' } },
    { name: 'update invoice (V1)', method: 'PUT', path: '/v1/invoices/:invoiceKey', params: { invoiceKey: '${invoiceId}' }, body: { comments: 'Contract run ${runId}' } },
    { name: 'email invoice (V1)', method: 'POST', path: '/v1/invoices/:invoiceKey/emails', params: { invoiceKey: '${invoiceId}' }, body: { emailAddresses: 'billing@example.com' } },
    { name: 'get payment (V1)', method: 'GET', path: '/v1/payments/:paymentKey', params: { paymentKey: '${payment.id}' } },
    {
      name: 'unapply the payment from the invoice',
      method: 'PUT',
      path: '/v1/payments/:paymentKey/unapply',
      params: { paymentKey: '${payment.id}' },
      body: { invoices: [{ invoiceId: '${invoiceId}', amount: '${invoice.Balance}' }] },
    },
    {
      name: 'apply it again',
      method: 'PUT',
      path: '/v1/payments/:paymentKey/apply',
      params: { paymentKey: '${payment.id}' },
      body: { invoices: [{ invoiceId: '${invoiceId}', amount: '${invoice.Balance}' }] },
    },
    { name: 'list payments of the account (V1)', method: 'GET', path: '/v1/payments', query: { accountId: '${account.id}' } },
    {
      name: "list the account's payments (transactions)",
      method: 'GET',
      path: '/v1/transactions/payments/accounts/:account_key',
      params: { account_key: '${account.account_number}' },
    },
  ],
};

/** Zuora's hosted payment page: the page id, then a signature to render it. */
export const hostedPagesSuite: Suite = {
  name: 'hosted-pages',
  description: 'hosted page list and RSA signature',
  steps: [
    {
      name: 'list hosted pages',
      method: 'GET',
      path: '/v1/hostedpages',
      capture: (body) => present({ pageId: listIn<Json>(body, ['hostedpages'])[0]?.pageId }),
    },
    {
      name: 'generate RSA signature',
      method: 'POST',
      path: '/v1/rsa-signatures',
      body: { uri: 'https://apisandbox.zuora.com/apps/PublicHostedPageLite.do', method: 'POST', pageId: '${pageId}' },
    },
  ],
};
