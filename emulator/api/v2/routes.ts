import type { RouteTable } from '../../http/routeTable.js';
import { getAccountV2, listAccountsV2, patchAccount, postAccount } from './accounts.js';
import { getPaymentMethodV2, listPaymentMethodsV2, patchPaymentMethod, paymentMethodCreate, paymentMethodPatch, postPaymentMethod } from './paymentMethods.js';
import { getPlanV2, listPlansV2, postPlan } from './plans.js';
import { getPriceV2, patchPrice } from './prices.js';
import { getProductV2, listProductsV2, patchProduct, postProduct } from './products.js';
import * as schemas from './schemas.js';
import { getCreditMemoV2, getInvoiceV2, listCreditMemosV2, listInvoiceItemsV2, listInvoicesV2 } from './billingDocuments.js';
import { getPaymentV2, listPaymentsV2, paymentCreate, postPaymentV2 } from './payments.js';
import { cancelBody, pauseBody, resumeBody, subscriptionCreate, subscriptionPatch } from './subscriptionBodies.js';
import { getSubscriptionV2, listSubscriptionsV2 } from './subscriptions.js';
import { patchSubscriptionV2, postCancelV2, postPauseV2, postResumeV2, postSubscriptionV2 } from './subscriptionWrites.js';
import { getUsageV2, listUsageV2, patchUsage, postUsage, usageCreate, usagePatch } from './usage.js';

/** The Quickstart ("v2") surface. */
export const v2Routes: RouteTable = {
  dialect: 'v2',
  routes: [
    { method: 'POST', path: '/v2/accounts', object: 'Account', body: schemas.accountCreate, handler: postAccount },
    { method: 'GET', path: '/v2/accounts', object: 'Account', handler: listAccountsV2 },
    { method: 'GET', path: '/v2/accounts/:account_id', object: 'Account', handler: getAccountV2 },
    { method: 'PATCH', path: '/v2/accounts/:account_id', object: 'Account', body: schemas.accountPatch, handler: patchAccount },
    { method: 'POST', path: '/v2/products', object: 'Product', body: schemas.productCreate, handler: postProduct },
    { method: 'GET', path: '/v2/products', object: 'Product', handler: listProductsV2 },
    { method: 'GET', path: '/v2/products/:product_id', object: 'Product', handler: getProductV2 },
    { method: 'PATCH', path: '/v2/products/:product_id', object: 'Product', body: schemas.productPatch, handler: patchProduct },
    { method: 'POST', path: '/v2/plans', object: 'ProductRatePlan', body: schemas.planCreate, handler: postPlan },
    { method: 'GET', path: '/v2/plans', object: 'ProductRatePlan', handler: listPlansV2 },
    { method: 'GET', path: '/v2/plans/:plan_id', object: 'ProductRatePlan', handler: getPlanV2 },
    { method: 'GET', path: '/v2/prices/:price_id', object: 'ProductRatePlanCharge', handler: getPriceV2 },
    { method: 'PATCH', path: '/v2/prices/:price_id', object: 'ProductRatePlanCharge', body: schemas.pricePatch, handler: patchPrice },
    { method: 'POST', path: '/v2/subscriptions', object: 'Subscription', body: subscriptionCreate, handler: postSubscriptionV2 },
    { method: 'GET', path: '/v2/subscriptions', object: 'Subscription', handler: listSubscriptionsV2 },
    { method: 'GET', path: '/v2/subscriptions/:subscription_id', object: 'Subscription', handler: getSubscriptionV2 },
    { method: 'PATCH', path: '/v2/subscriptions/:subscription_id', object: 'Subscription', body: subscriptionPatch, handler: patchSubscriptionV2 },
    { method: 'POST', path: '/v2/subscriptions/:subscription_id/cancel', object: 'Subscription', body: cancelBody, handler: postCancelV2 },
    { method: 'POST', path: '/v2/subscriptions/:subscription_id/pause', object: 'Subscription', body: pauseBody, handler: postPauseV2 },
    { method: 'POST', path: '/v2/subscriptions/:subscription_id/resume', object: 'Subscription', body: resumeBody, handler: postResumeV2 },
    { method: 'GET', path: '/v2/invoices', object: 'Invoice', handler: listInvoicesV2 },
    { method: 'GET', path: '/v2/invoices/:invoice_id', object: 'Invoice', handler: getInvoiceV2 },
    { method: 'GET', path: '/v2/invoice_items', object: 'InvoiceItem', handler: listInvoiceItemsV2 },
    { method: 'POST', path: '/v2/payments', object: 'Payment', body: paymentCreate, handler: postPaymentV2 },
    { method: 'GET', path: '/v2/payments', object: 'Payment', handler: listPaymentsV2 },
    { method: 'GET', path: '/v2/payments/:payment_id', object: 'Payment', handler: getPaymentV2 },
    { method: 'GET', path: '/v2/credit_memos', object: 'CreditMemo', handler: listCreditMemosV2 },
    { method: 'GET', path: '/v2/credit_memos/:credit_memo_id', object: 'CreditMemo', handler: getCreditMemoV2 },
    { method: 'POST', path: '/v2/usage_records', object: 'Usage', body: usageCreate, handler: postUsage },
    { method: 'GET', path: '/v2/usage_records', object: 'Usage', handler: listUsageV2 },
    { method: 'GET', path: '/v2/usage_records/:id', object: 'Usage', handler: getUsageV2 },
    { method: 'PATCH', path: '/v2/usage_records/:id', object: 'Usage', body: usagePatch, handler: patchUsage },
    { method: 'POST', path: '/v2/payment_methods', object: 'PaymentMethod', body: paymentMethodCreate, handler: postPaymentMethod },
    { method: 'GET', path: '/v2/payment_methods', object: 'PaymentMethod', handler: listPaymentMethodsV2 },
    { method: 'GET', path: '/v2/payment_methods/:payment_method_id', object: 'PaymentMethod', handler: getPaymentMethodV2 },
    { method: 'PATCH', path: '/v2/payment_methods/:payment_method_id', object: 'PaymentMethod', body: paymentMethodPatch, handler: patchPaymentMethod },
  ],
};
