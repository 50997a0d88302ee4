import { str } from '../schema.js';
import { CHARGE_DETAIL, AS_OF_DATE, ORDER_STATUS, param, REJECT_UNKNOWN_FIELDS, RETURN_IDS, V1_PAGING } from './parameters.js';
import type { EndpointDocs } from './types.js';

// The V1 surface: token, V1 REST, CRUD and custom field definitions. Official paths are quoted
// from COVERAGE.md of the shared specs.

const PAYMENT_TERMS_NOTE =
  'No saved Zuora spec describes payment terms (the V1 spec models settings only as /settings/listing and ' +
  '/settings/batch-requests). The subset documents the shape the emulator serves: a plain array of payment term records.';

const DEFINITIONS_NOTE =
  'No saved Zuora spec has PUT on custom object definitions (Zuora creates them with POST /objects/definitions/default ' +
  'and changes them with POST /objects/migrations). The platform manages its custom fields with this PUT, so the subset ' +
  'documents the shape the emulator serves: `{properties: {<name>: {type, maxLength, label}}, filterable: [<name>]}` in, ' +
  'a custom object definition out.';

export const V1_ENDPOINTS: EndpointDocs = {
  'POST /oauth/token': {
    summary: 'Get an OAuth token (client credentials, form-encoded)',
    official: { spec: 'v1', path: '/oauth/token' },
    success: { status: 200, schema: 'TokenResponse' },
  },
  'GET /v1/accounts/:account_key': {
    summary: 'Read an account by id or number',
    official: { spec: 'v1', path: '/v1/accounts/{account-key}' },
    success: { status: 200, schema: 'V1Account' },
  },
  'POST /v1/accounts': {
    summary: 'Create an account with its contacts, and a card as its default payment method, in one call',
    official: { spec: 'v1', path: '/v1/accounts' },
    success: { status: 200, schema: 'V1AccountCreated' },
  },
  'PUT /v1/accounts/:account_key': {
    summary: 'Update an account and its contacts',
    official: { spec: 'v1', path: '/v1/accounts/{account-key}' },
    success: { status: 200, schema: 'V1Success' },
  },
  'DELETE /v1/accounts/:account_key': {
    summary: "Delete an account and what it owns (refused while it is another account's invoice owner)",
    official: { spec: 'v1', path: '/v1/accounts/{account-key}' },
    success: { status: 200, schema: 'V1AccountDeleted' },
  },
  'GET /v1/accounts/:account_key/summary': {
    summary: 'Read an account with its contacts, subscriptions, invoices, payments and usage',
    official: { spec: 'v1', path: '/v1/accounts/{account-key}/summary' },
    success: { status: 200, schema: 'V1AccountSummary' },
  },
  'POST /v1/contacts': {
    summary: 'Add a contact to an account (by id or number); the answer carries its id',
    official: { spec: 'v1', path: '/v1/contacts' },
    success: { status: 200, schema: 'V1Contact' },
  },
  'GET /v1/contacts/:contactId': {
    summary: 'Read a contact',
    official: { spec: 'v1', path: '/v1/contacts/{contactId}' },
    success: { status: 200, schema: 'V1Contact' },
  },
  'PUT /v1/contacts/:contactId': {
    summary: "Update a contact, or make it the account's bill-to or sold-to contact",
    official: { spec: 'v1', path: '/v1/contacts/{contactId}' },
    success: { status: 200, schema: 'V1Contact' },
  },
  'POST /v1/operations/billing-preview': {
    summary: "Preview what a bill run to the target date would invoice for an account's subscriptions (nothing written)",
    official: { spec: 'v1', path: '/v1/operations/billing-preview' },
    success: { status: 200, schema: 'V1BillingPreview' },
  },
  'GET /v1/invoices/:invoiceKey': {
    summary: 'Read an invoice by id or number',
    official: { spec: 'v1', path: '/v1/invoices/{invoiceKey}' },
    success: { status: 200, schema: 'V1Invoice' },
  },
  'PUT /v1/invoices/:invoiceKey': {
    summary: 'Change an invoice: due date, comments, transferred to accounting',
    official: { spec: 'v1', path: '/v1/invoices/{invoiceKey}' },
    success: { status: 200, schema: 'V1InvoiceUpdated' },
  },
  'POST /v1/invoices/:invoiceKey/emails': {
    summary: 'Email a posted invoice (recorded in the emulator outbox, GET /__emulator/outbox)',
    official: { spec: 'v1', path: '/v1/invoices/{invoiceKey}/emails' },
    success: { status: 200, schema: 'V1Success' },
  },
  'GET /v1/payments': {
    summary: 'List payments; filters accountId, status, type, currency, number, effectiveDate and amounts',
    official: { spec: 'v1', path: '/v1/payments' },
    query: [
      ...['accountId', 'status', 'type', 'currency', 'number', 'effectiveDate', 'amount', 'appliedAmount', 'unappliedAmount'].map((name) =>
        param(name, `Only payments whose ${name} is this value.`, str()),
      ),
      ...V1_PAGING,
    ],
    success: { status: 200, schema: 'V1PaymentList' },
  },
  'PUT /v1/payments/:paymentKey/apply': {
    summary: "Apply some of a payment's unapplied amount to invoices",
    official: { spec: 'v1', path: '/v1/payments/{paymentKey}/apply' },
    success: { status: 200, schema: 'PaymentResponse' },
  },
  'PUT /v1/payments/:paymentKey/unapply': {
    summary: 'Take back what a payment applied to invoices',
    official: { spec: 'v1', path: '/v1/payments/{paymentKey}/unapply' },
    success: { status: 200, schema: 'PaymentResponse' },
  },
  'GET /v1/payments/:paymentKey': {
    summary: 'Read a payment by id or number',
    official: { spec: 'v1', path: '/v1/payments/{paymentKey}' },
    success: { status: 200, schema: 'PaymentResponse' },
  },
  'GET /v1/catalog/products': {
    summary: 'List the catalog: products with their rate plans and charges nested',
    official: { spec: 'v1', path: '/v1/catalog/products' },
    query: V1_PAGING,
    success: { status: 200, schema: 'V1CatalogResponse' },
  },
  'GET /v1/catalog/products/:product_key': {
    summary: 'Read a product by id or SKU, with its rate plans and charges',
    official: { spec: 'v1', path: '/v1/catalog/products/{product-key}' },
    success: { status: 200, schema: 'V1CatalogProductResponse' },
  },
  'GET /v1/products/:product_key/product-rate-plans': {
    summary: "List a product's rate plans, charges nested",
    official: { spec: 'v1', path: '/v1/products/{product-key}/product-rate-plans' },
    query: V1_PAGING,
    success: { status: 200, schema: 'V1ProductRatePlansResponse' },
  },
  'GET /v1/product-rate-plans/:id': {
    summary: 'Read a product rate plan by id or number',
    official: { spec: 'v1', path: '/v1/product-rate-plans/{id}' },
    success: { status: 200, schema: 'V1ProductRatePlanResponse' },
  },
  'GET /v1/product-rate-plan-charges/:charge_key': {
    summary: 'Read a product rate plan charge by id or number',
    official: { spec: 'v1', path: '/v1/product-rate-plan-charges/{product-rate-plan-charge-key}' },
    success: { status: 200, schema: 'V1ProductRatePlanCharge' },
  },
  'GET /v1/settings/payment-terms': {
    summary: 'List payment terms',
    ownShape: PAYMENT_TERMS_NOTE,
    success: { status: 200, schema: 'PaymentTerms' },
  },
  'GET /settings/payment-terms': {
    summary: 'List payment terms (Settings API path)',
    ownShape: PAYMENT_TERMS_NOTE,
    success: { status: 200, schema: 'PaymentTerms' },
  },
  'POST /v1/orders': {
    summary: 'Create an order: create, amend, cancel or schedule subscriptions',
    official: { spec: 'v1', path: '/v1/orders' },
    query: [RETURN_IDS],
    success: { status: 200, schema: 'PostOrderResponse' },
  },
  'POST /v1/orders/preview': {
    summary: 'Preview the billing an order would bring',
    official: { spec: 'v1', path: '/v1/orders/preview' },
    success: { status: 200, schema: 'PostOrderPreviewResponse' },
  },
  'GET /v1/orders': {
    summary: 'List orders; the seeds filter by `subscriptionNumber`',
    official: { spec: 'v1', path: '/v1/orders' },
    query: [param('subscriptionNumber', 'Only orders of this subscription (as the seeds call it).', str()), ORDER_STATUS, ...V1_PAGING],
    success: { status: 200, schema: 'GetOrdersResponse' },
  },
  'GET /v1/orders/subscription/:subscriptionNumber': {
    summary: 'List the orders of a subscription',
    official: { spec: 'v1', path: '/v1/orders/subscription/{subscriptionNumber}' },
    query: [ORDER_STATUS, ...V1_PAGING],
    success: { status: 200, schema: 'GetOrdersResponse' },
  },
  'GET /v1/orders/subscriptionOwner/:accountNumber': {
    summary: "List the orders of the subscriptions an account owns",
    official: { spec: 'v1', path: '/v1/orders/subscriptionOwner/{accountNumber}' },
    query: [...V1_PAGING],
    success: { status: 200, schema: 'GetOrdersResponse' },
  },
  'GET /v1/orders/invoiceOwner/:accountNumber': {
    summary: 'List the orders of the subscriptions an account is invoiced for',
    official: { spec: 'v1', path: '/v1/orders/invoiceOwner/{accountNumber}' },
    query: [...V1_PAGING],
    success: { status: 200, schema: 'GetOrdersResponse' },
  },
  'GET /v1/orders/:orderNumber': {
    summary: 'Read an order',
    official: { spec: 'v1', path: '/v1/orders/{orderNumber}' },
    success: { status: 200, schema: 'GetOrderResponse' },
  },
  'PUT /v1/orders/:orderNumber/cancel': {
    summary: 'Cancel a pending or scheduled order',
    official: { spec: 'v1', path: '/v1/orders/{orderNumber}/cancel' },
    success: { status: 200, schema: 'PutOrderCancelResponse' },
  },
  'POST /v1/subscriptions/:subscription_key/preview': {
    summary: 'Preview the next invoice of a subscription',
    official: { spec: 'v1', path: '/v1/subscriptions/{subscription-key}/preview' },
    success: { status: 200, schema: 'PreviewSubscriptionResponse' },
  },
  'GET /v1/subscriptions/accounts/:account_key': {
    summary: "List the newest version of each of an account's subscriptions, each as the single read shows it",
    official: { spec: 'v1', path: '/v1/subscriptions/accounts/{account-key}' },
    query: [CHARGE_DETAIL, AS_OF_DATE, ...V1_PAGING],
    success: { status: 200, schema: 'V1SubscriptionsOfAccount' },
  },
  'GET /v1/subscriptions/:subscription_key': {
    summary: 'Read a subscription with its rate plans and charges',
    official: { spec: 'v1', path: '/v1/subscriptions/{subscription-key}' },
    query: [CHARGE_DETAIL, AS_OF_DATE],
    success: { status: 200, schema: 'V1Subscription' },
  },
  'GET /v1/hostedpages': {
    summary: 'List the hosted payment pages',
    official: { spec: 'v1', path: '/v1/hostedpages' },
    query: [param('versionNumber', 'Only pages of this Payment Pages version.', str())],
    success: { status: 200, schema: 'HostedPagesResponse' },
  },
  'POST /v1/rsa-signatures': {
    summary: 'Sign a hosted payment page request',
    official: { spec: 'v1', path: '/v1/rsa-signatures' },
    success: { status: 200, schema: 'RsaSignatureResponse' },
  },
  'POST /v1/payments': {
    summary: 'Create a payment, external or through the gateway, applied to invoices',
    official: { spec: 'v1', path: '/v1/payments' },
    success: { status: 200, schema: 'PaymentResponse' },
  },
  'GET /v1/invoices/:invoiceKey/items': {
    summary: 'List the items of an invoice',
    official: { spec: 'v1', path: '/v1/invoices/{invoiceKey}/items' },
    query: V1_PAGING,
    success: { status: 200, schema: 'InvoiceItemsResponse' },
  },
  'GET /v1/credit-memos/:creditMemoKey': {
    summary: 'Read a credit memo by id or number',
    official: { spec: 'v1', path: '/v1/credit-memos/{creditMemoKey}' },
    success: { status: 200, schema: 'CreditMemoResponse' },
  },
  'GET /v1/creditmemos/:creditMemoKey': {
    summary: 'Read a credit memo by id or number (the spelling without a hyphen that seeds and clients use)',
    ownShape:
      'The official V1 spec spells the path /v1/credit-memos/{creditMemoKey}; this alias answers exactly as that operation does ' +
      '(GETCreditMemoType), for clients that call it without the hyphen.',
    success: { status: 200, schema: 'CreditMemoResponse' },
  },
  'GET /v1/transactions/invoices/accounts/:account_key': {
    summary: 'List the invoices of an account, newest first',
    official: { spec: 'legacy2017', path: '/v1/transactions/invoices/accounts/{account-key}' },
    query: V1_PAGING,
    success: { status: 200, schema: 'AccountInvoicesResponse' },
  },
  'GET /v1/transactions/payments/accounts/:account_key': {
    summary: 'List the payments of an account, newest first',
    official: { spec: 'legacy2017', path: '/v1/transactions/payments/accounts/{account-key}' },
    query: V1_PAGING,
    success: { status: 200, schema: 'AccountPaymentsResponse' },
  },
  'POST /v1/object/product-rate-plan-charge': {
    summary: 'Create a product rate plan charge (CRUD)',
    official: { spec: 'v1', path: '/v1/object/product-rate-plan-charge' },
    query: [REJECT_UNKNOWN_FIELDS],
    success: { status: 200, schema: 'ProxyCreateOrModifyResponse' },
  },
  'GET /v1/object/invoice/:id': {
    summary: 'Read an invoice (CRUD; only the 2017 spec still has it)',
    official: { spec: 'legacy2017', path: '/v1/object/invoice/{id}' },
    success: { status: 200, schema: 'CrudInvoice' },
  },
  'POST /v1/object/unit-of-measure': {
    summary: 'Create a unit of measure (CRUD; only the 2017 spec still has it)',
    official: { spec: 'legacy2017', path: '/v1/object/unit-of-measure' },
    query: [REJECT_UNKNOWN_FIELDS],
    success: { status: 200, schema: 'ProxyCreateOrModifyResponse' },
  },
  'PUT /objects/definitions/:object_type': {
    summary: 'Create or update the custom fields of a standard object',
    ownShape: DEFINITIONS_NOTE,
    success: { status: 200, schema: 'CustomFieldDefinition' },
  },
  'PUT /objects/definitions/default/:object_type': {
    summary: 'Create or update the custom fields of a standard object (under the default namespace)',
    ownShape: DEFINITIONS_NOTE,
    success: { status: 200, schema: 'CustomFieldDefinition' },
  },
  'GET /objects/definitions/default/:object': {
    summary: 'Read the custom field definition of an object',
    official: { spec: 'v1', path: '/objects/definitions/default/{object}' },
    success: { status: 200, schema: 'CustomFieldDefinition' },
  },
};
