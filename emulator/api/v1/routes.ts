import type { RouteTable } from '../../http/routeTable.js';
import { getAccountV1 } from './accounts.js';
import { getAccountSummaryV1 } from './accountSummary.js';
import { accountCreateSchema, accountUpdateSchema, deleteAccountV1, postAccountV1, putAccountV1 } from './accountWrites.js';
import { getInvoiceV1, invoiceEmailSchema, invoiceUpdateSchema, postInvoiceEmails, putInvoiceV1 } from './invoiceDocuments.js';
import { getPaymentV1, listPaymentsV1, putPaymentApply, putPaymentUnapply } from './paymentReads.js';
import { applicationSchema } from './applications.js';
import { putCreditMemoApply, putCreditMemoUnapply } from './creditMemoApplications.js';
import { putInvoiceWriteOff, writeOffSchema } from './invoiceWriteOffs.js';
import { getFile, getPreviewRunV1, postPreviewRun, previewRunCreateSchema } from './billingPreviewRuns.js';
import { billRunCreateSchema, billRunPostSchema, getBillRunV1, postBillRunV1, putBillRunCancel, putBillRunPost } from './billRuns.js';
import { getRefundV1, postPaymentRefund, putRefundCancel, refundCreateSchema } from './refunds.js';
import { crudReadRoutes, deleteCrudAccount } from './crudReads.js';
import { contactCreateSchema, contactUpdateSchema, getContactV1, postContact, putContact } from './contacts.js';
import { postQuery, postQueryMore, queryMoreSchema, querySchema } from './actionQuery.js';
import { billingPreviewSchema, postBillingPreview } from './billingPreview.js';
import { getCatalogProduct, getProductRatePlanV1, listCatalogProducts, listProductRatePlans } from './catalog.js';
import { chargeCreateSchema, chargeUpdateSchema, getChargeV1, postCharge } from './charges.js';
import { crudAccountCreateSchema, crudAccountUpdateSchema, crudContactCreateSchema, crudContactUpdateSchema, deleteCrudContact, postCrudAccount, postCrudContact, putCrudAccount, putCrudContact } from './crudAccounts.js';
import * as crudCatalog from './crudCatalog.js';
import * as crudPayments from './crudPayments.js';
import { definitionPutSchema, getDefinition, putDefinition } from './customFieldDefinitions.js';
import { listHostedPages, postRsaSignature, rsaSignatureSchema } from './hostedPages.js';
import { getCreditMemoV1 } from './creditMemos.js';
import { getCrudInvoice, getInvoiceItemsV1, listAccountInvoices } from './invoices.js';
import { getOrderV1, listOrdersOfInvoiceOwner, listOrdersOfSubscription, listOrdersOfSubscriptionOwner, listOrdersV1, orderCancelSchema, orderCreateSchema, postOrder, putOrderCancel } from './orders.js';
import { orderPreviewSchema, postOrderPreview, postSubscriptionPreview, subscriptionPreviewSchema } from './previews.js';
import { listAccountPayments, paymentCreateSchema, postPayment } from './payments.js';
import { listPaymentTerms } from './settings.js';
import { getSubscriptionV1, listAccountSubscriptionsV1 } from './subscriptions.js';
import {
  subscriptionCancelSchema,
  subscriptionCreateSchema,
  subscriptionPreviewCreateSchema,
  subscriptionRenewSchema,
  subscriptionResumeSchema,
  subscriptionSuspendSchema,
  subscriptionUpdateSchema,
} from './subscriptionBodies.js';
import {
  deletePaymentMethodV1,
  getPaymentMethodV1,
  listAccountPaymentMethodsV1,
  paymentMethodCreateSchema,
  paymentMethodUpdateSchema,
  paymentMethodVerifySchema,
  postPaymentMethodV1,
  putPaymentMethodV1,
  putPaymentMethodVerify,
} from './paymentMethods.js';
import { postSubscriptionPreviewNew } from './subscriptionPreviews.js';
import { postSubscriptionV1, putSubscriptionCancel, putSubscriptionRenew, putSubscriptionResume, putSubscriptionSuspend, putSubscriptionV1 } from './subscriptionWrites.js';
import { objectQueryRoutesFor } from './objectQuery.js';
import { withVersionGates } from './versionGates.js';
import { QUERYABLE_OBJECTS } from '../../domain/query/objects.js';
import { postUnitOfMeasure, unitOfMeasureCreateSchema } from './unitsOfMeasure.js';

/** V1 REST: errors as `{success:false, reasons}` with 8-digit codes. */
export const v1Routes: RouteTable = {
  dialect: 'v1',
  routes: withVersionGates([
    { method: 'GET', path: '/v1/accounts/:account_key', object: 'Account', handler: getAccountV1 },
    { method: 'POST', path: '/v1/accounts', object: 'Account', body: accountCreateSchema, handler: postAccountV1 },
    { method: 'PUT', path: '/v1/accounts/:account_key', object: 'Account', body: accountUpdateSchema, handler: putAccountV1 },
    { method: 'DELETE', path: '/v1/accounts/:account_key', object: 'Account', handler: deleteAccountV1 },
    { method: 'GET', path: '/v1/accounts/:account_key/summary', object: 'Account', handler: getAccountSummaryV1 },
    { method: 'GET', path: '/v1/accounts/:account_key/payment-methods', object: 'PaymentMethod', handler: listAccountPaymentMethodsV1 },
    { method: 'POST', path: '/v1/payment-methods', object: 'PaymentMethod', body: paymentMethodCreateSchema, handler: postPaymentMethodV1 },
    { method: 'GET', path: '/v1/payment-methods/:payment_method_id', object: 'PaymentMethod', handler: getPaymentMethodV1 },
    { method: 'PUT', path: '/v1/payment-methods/:payment_method_id', object: 'PaymentMethod', body: paymentMethodUpdateSchema, handler: putPaymentMethodV1 },
    { method: 'DELETE', path: '/v1/payment-methods/:payment_method_id', object: 'PaymentMethod', handler: deletePaymentMethodV1 },
    { method: 'PUT', path: '/v1/payment-methods/:payment_method_id/verify', object: 'PaymentMethod', body: paymentMethodVerifySchema, handler: putPaymentMethodVerify },
    { method: 'POST', path: '/v1/contacts', object: 'Contact', body: contactCreateSchema, handler: postContact },
    { method: 'GET', path: '/v1/contacts/:contactId', object: 'Contact', handler: getContactV1 },
    { method: 'PUT', path: '/v1/contacts/:contactId', object: 'Contact', body: contactUpdateSchema, handler: putContact },
    { method: 'GET', path: '/v1/catalog/products', object: 'Product', handler: listCatalogProducts },
    { method: 'GET', path: '/v1/catalog/products/:product_key', object: 'Product', handler: getCatalogProduct },
    { method: 'GET', path: '/v1/products/:product_key/product-rate-plans', object: 'ProductRatePlan', handler: listProductRatePlans },
    { method: 'GET', path: '/v1/product-rate-plans/:id', object: 'ProductRatePlan', handler: getProductRatePlanV1 },
    { method: 'GET', path: '/v1/product-rate-plan-charges/:charge_key', object: 'ProductRatePlanCharge', handler: getChargeV1 },
    { method: 'GET', path: '/v1/settings/payment-terms', handler: listPaymentTerms },
    { method: 'POST', path: '/v1/orders', object: 'Order', body: orderCreateSchema, handler: postOrder },
    { method: 'POST', path: '/v1/orders/preview', object: 'Order', body: orderPreviewSchema, handler: postOrderPreview },
    { method: 'GET', path: '/v1/orders', object: 'Order', handler: listOrdersV1 },
    { method: 'POST', path: '/v1/subscriptions/:subscription_key/preview', object: 'Subscription', body: subscriptionPreviewSchema, handler: postSubscriptionPreview },
    { method: 'GET', path: '/v1/orders/subscription/:subscriptionNumber', object: 'Order', handler: listOrdersOfSubscription },
    { method: 'GET', path: '/v1/orders/subscriptionOwner/:accountNumber', object: 'Order', handler: listOrdersOfSubscriptionOwner },
    { method: 'GET', path: '/v1/orders/invoiceOwner/:accountNumber', object: 'Order', handler: listOrdersOfInvoiceOwner },
    { method: 'GET', path: '/v1/orders/:orderNumber', object: 'Order', handler: getOrderV1 },
    { method: 'PUT', path: '/v1/orders/:orderNumber/cancel', object: 'Order', body: orderCancelSchema, handler: putOrderCancel },
    { method: 'GET', path: '/v1/subscriptions/accounts/:account_key', object: 'Subscription', handler: listAccountSubscriptionsV1 },
    { method: 'GET', path: '/v1/subscriptions/:subscription_key', object: 'Subscription', handler: getSubscriptionV1 },
    { method: 'POST', path: '/v1/subscriptions', object: 'Subscription', body: subscriptionCreateSchema, handler: postSubscriptionV1 },
    { method: 'POST', path: '/v1/subscriptions/preview', object: 'Subscription', body: subscriptionPreviewCreateSchema, handler: postSubscriptionPreviewNew },
    { method: 'PUT', path: '/v1/subscriptions/:subscription_key', object: 'Subscription', body: subscriptionUpdateSchema, handler: putSubscriptionV1 },
    { method: 'PUT', path: '/v1/subscriptions/:subscription_key/cancel', object: 'Subscription', body: subscriptionCancelSchema, handler: putSubscriptionCancel },
    { method: 'PUT', path: '/v1/subscriptions/:subscription_key/renew', object: 'Subscription', body: subscriptionRenewSchema, handler: putSubscriptionRenew },
    { method: 'PUT', path: '/v1/subscriptions/:subscription_key/suspend', object: 'Subscription', body: subscriptionSuspendSchema, handler: putSubscriptionSuspend },
    { method: 'PUT', path: '/v1/subscriptions/:subscription_key/resume', object: 'Subscription', body: subscriptionResumeSchema, handler: putSubscriptionResume },
    { method: 'GET', path: '/settings/payment-terms', handler: listPaymentTerms },
    { method: 'GET', path: '/v1/hostedpages', object: 'HostedPage', handler: listHostedPages },
    { method: 'POST', path: '/v1/payments', object: 'Payment', body: paymentCreateSchema, handler: postPayment },
    { method: 'POST', path: '/v1/bill-runs', object: 'BillRun', body: billRunCreateSchema, handler: postBillRunV1 },
    { method: 'GET', path: '/v1/bill-runs/:billRunId', object: 'BillRun', handler: getBillRunV1 },
    { method: 'PUT', path: '/v1/bill-runs/:billRunId/cancel', object: 'BillRun', handler: putBillRunCancel },
    { method: 'PUT', path: '/v1/bill-runs/:billRunId/post', object: 'BillRun', body: billRunPostSchema, handler: putBillRunPost },
    { method: 'POST', path: '/v1/billing-preview-runs', object: 'BillingPreviewRun', body: previewRunCreateSchema, handler: postPreviewRun },
    { method: 'GET', path: '/v1/billing-preview-runs/:billingPreviewRunId', object: 'BillingPreviewRun', handler: getPreviewRunV1 },
    { method: 'GET', path: '/v1/files/:fileId', object: 'File', handler: getFile },
    { method: 'POST', path: '/v1/operations/billing-preview', object: 'Invoice', body: billingPreviewSchema, handler: postBillingPreview },
    { method: 'GET', path: '/v1/invoices/:invoiceKey', object: 'Invoice', handler: getInvoiceV1 },
    { method: 'PUT', path: '/v1/invoices/:invoiceKey', object: 'Invoice', body: invoiceUpdateSchema, handler: putInvoiceV1 },
    { method: 'POST', path: '/v1/invoices/:invoiceKey/emails', object: 'Invoice', body: invoiceEmailSchema, handler: postInvoiceEmails },
    { method: 'PUT', path: '/v1/invoices/:invoiceKey/write-off', object: 'Invoice', body: writeOffSchema, handler: putInvoiceWriteOff },
    { method: 'GET', path: '/v1/payments', object: 'Payment', handler: listPaymentsV1 },
    { method: 'GET', path: '/v1/payments/:paymentKey', object: 'Payment', handler: getPaymentV1 },
    { method: 'PUT', path: '/v1/payments/:paymentKey/apply', object: 'Payment', body: applicationSchema, handler: putPaymentApply },
    { method: 'PUT', path: '/v1/payments/:paymentKey/unapply', object: 'Payment', body: applicationSchema, handler: putPaymentUnapply },
    { method: 'POST', path: '/v1/payments/:paymentKey/refunds', object: 'Refund', body: refundCreateSchema, handler: postPaymentRefund },
    { method: 'GET', path: '/v1/refunds/:refundKey', object: 'Refund', handler: getRefundV1 },
    { method: 'PUT', path: '/v1/refunds/:refundKey/cancel', object: 'Refund', handler: putRefundCancel },
    { method: 'GET', path: '/v1/invoices/:invoiceKey/items', object: 'Invoice', handler: getInvoiceItemsV1 },
    { method: 'GET', path: '/v1/credit-memos/:creditMemoKey', object: 'CreditMemo', handler: getCreditMemoV1 },
    // The spelling the seeds and many clients use; the official spec has only /v1/credit-memos.
    { method: 'GET', path: '/v1/creditmemos/:creditMemoKey', object: 'CreditMemo', handler: getCreditMemoV1 },
    ...['/v1/credit-memos', '/v1/creditmemos'].flatMap((base) => [
      { method: 'PUT' as const, path: `${base}/:creditMemoKey/apply`, object: 'CreditMemo', body: applicationSchema, handler: putCreditMemoApply },
      { method: 'PUT' as const, path: `${base}/:creditMemoKey/unapply`, object: 'CreditMemo', body: applicationSchema, handler: putCreditMemoUnapply },
    ]),
    { method: 'GET', path: '/v1/transactions/invoices/accounts/:account_key', object: 'Invoice', handler: listAccountInvoices },
    { method: 'GET', path: '/v1/transactions/payments/accounts/:account_key', object: 'Payment', handler: listAccountPayments },
    { method: 'POST', path: '/v1/rsa-signatures', object: 'HostedPage', body: rsaSignatureSchema, handler: postRsaSignature },
  ]),
};

/** V1 CRUD (`/v1/object/*`): capitalised fields, `{Success, Id}` answers. */
export const v1CrudRoutes: RouteTable = {
  dialect: 'v1crud',
  routes: [
    { method: 'POST', path: '/v1/object/product-rate-plan-charge', object: 'ProductRatePlanCharge', body: chargeCreateSchema, handler: postCharge },
    { method: 'GET', path: '/v1/object/invoice/:id', object: 'Invoice', handler: getCrudInvoice },
    ...crudReadRoutes,
    { method: 'POST', path: '/v1/object/account', object: 'Account', body: crudAccountCreateSchema, handler: postCrudAccount },
    { method: 'PUT', path: '/v1/object/account/:id', object: 'Account', body: crudAccountUpdateSchema, handler: putCrudAccount },
    { method: 'DELETE', path: '/v1/object/account/:id', object: 'Account', handler: deleteCrudAccount },
    { method: 'POST', path: '/v1/object/contact', object: 'Contact', body: crudContactCreateSchema, handler: postCrudContact },
    { method: 'PUT', path: '/v1/object/contact/:id', object: 'Contact', body: crudContactUpdateSchema, handler: putCrudContact },
    { method: 'DELETE', path: '/v1/object/contact/:id', object: 'Contact', handler: deleteCrudContact },
    { method: 'POST', path: '/v1/object/payment-method', object: 'PaymentMethod', body: crudPayments.crudPaymentMethodCreateSchema, handler: crudPayments.postCrudPaymentMethod },
    { method: 'PUT', path: '/v1/object/payment-method/:id', object: 'PaymentMethod', body: crudPayments.crudPaymentMethodUpdateSchema, handler: crudPayments.putCrudPaymentMethod },
    { method: 'DELETE', path: '/v1/object/payment-method/:id', object: 'PaymentMethod', handler: crudPayments.deleteCrudPaymentMethod },
    { method: 'POST', path: '/v1/object/payment', object: 'Payment', body: crudPayments.crudPaymentCreateSchema, handler: crudPayments.postCrudPayment },
    { method: 'PUT', path: '/v1/object/payment/:id', object: 'Payment', body: crudPayments.crudPaymentUpdateSchema, handler: crudPayments.putCrudPayment },
    { method: 'DELETE', path: '/v1/object/payment/:id', object: 'Payment', handler: crudPayments.deleteCrudPayment },
    { method: 'POST', path: '/v1/object/product', object: 'Product', body: crudCatalog.crudProductCreateSchema, handler: crudCatalog.postCrudProduct },
    { method: 'PUT', path: '/v1/object/product/:id', object: 'Product', body: crudCatalog.crudProductUpdateSchema, handler: crudCatalog.putCrudProduct },
    { method: 'DELETE', path: '/v1/object/product/:id', object: 'Product', handler: crudCatalog.deleteCrudProduct },
    { method: 'POST', path: '/v1/object/product-rate-plan', object: 'ProductRatePlan', body: crudCatalog.crudPlanCreateSchema, handler: crudCatalog.postCrudPlan },
    { method: 'PUT', path: '/v1/object/product-rate-plan/:id', object: 'ProductRatePlan', body: crudCatalog.crudPlanUpdateSchema, handler: crudCatalog.putCrudPlan },
    { method: 'DELETE', path: '/v1/object/product-rate-plan/:id', object: 'ProductRatePlan', handler: crudCatalog.deleteCrudPlan },
    { method: 'PUT', path: '/v1/object/product-rate-plan-charge/:id', object: 'ProductRatePlanCharge', body: chargeUpdateSchema, handler: crudCatalog.putCrudCharge },
    { method: 'DELETE', path: '/v1/object/product-rate-plan-charge/:id', object: 'ProductRatePlanCharge', handler: crudCatalog.deleteCrudCharge },
    { method: 'POST', path: '/v1/object/unit-of-measure', object: 'UnitOfMeasure', body: unitOfMeasureCreateSchema, handler: postUnitOfMeasure },
    { method: 'GET', path: '/v1/object/unit-of-measure/:id', object: 'UnitOfMeasure', handler: crudCatalog.getCrudUnit },
    { method: 'PUT', path: '/v1/object/unit-of-measure/:id', object: 'UnitOfMeasure', body: crudCatalog.crudUnitUpdateSchema, handler: crudCatalog.putCrudUnit },
    { method: 'DELETE', path: '/v1/object/unit-of-measure/:id', object: 'UnitOfMeasure', handler: crudCatalog.deleteCrudUnit },
  ],
};

/** Custom field definitions, in the custom objects API's place. */
export const objectDefinitionRoutes: RouteTable = {
  dialect: 'objects',
  routes: [
    { method: 'PUT', path: '/objects/definitions/:object_type', object: 'CustomFieldDefinition', body: definitionPutSchema, handler: putDefinition },
    { method: 'PUT', path: '/objects/definitions/default/:object_type', object: 'CustomFieldDefinition', body: definitionPutSchema, handler: putDefinition },
    { method: 'GET', path: '/objects/definitions/default/:object', object: 'CustomFieldDefinition', handler: getDefinition },
  ],
};

/** ZOQL through the actions API: faults as `{FaultCode, FaultMessage}` with HTTP 400. */
export const actionRoutes: RouteTable = {
  dialect: 'action',
  routes: [
    { method: 'POST', path: '/v1/action/query', object: 'ZOQL', body: querySchema, handler: postQuery },
    { method: 'POST', path: '/v1/action/queryMore', object: 'ZOQL', body: queryMoreSchema, handler: postQueryMore },
  ],
};

/** Object Query: a list and a by-key read per object, failures as CommonOQErrorResponse with real statuses. */
export const objectQueryRoutes: RouteTable = {
  dialect: 'objectQuery',
  routes: objectQueryRoutesFor(QUERYABLE_OBJECTS),
};
