import type { RouteTable } from '../../http/routeTable.js';
import { getAccountV2, listAccountsV2, patchAccount, postAccount } from './accounts.js';
import { getPlanV2, listPlansV2, postPlan } from './plans.js';
import { getPriceV2, patchPrice } from './prices.js';
import { getProductV2, listProductsV2, patchProduct, postProduct } from './products.js';
import * as schemas from './schemas.js';
import { getSubscriptionV2 } from './subscriptions.js';

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
    { method: 'GET', path: '/v2/subscriptions/:subscription_id', object: 'Subscription', handler: getSubscriptionV2 },
  ],
};
