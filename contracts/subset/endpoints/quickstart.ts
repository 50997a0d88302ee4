import { QS_EXPAND, QS_LIST } from './parameters.js';
import type { EndpointDoc, EndpointDocs } from './types.js';

// The Quickstart ("v2") surface. Zuora's spec keeps /v2 in its server URL, so its paths have no
// prefix; the subset writes the full path the emulator serves.

const qs = (path: string) => ({ spec: 'quickstart' as const, path });

function endpoint(summary: string, officialPath: string, status: number, schema: string, query?: EndpointDoc['query']): EndpointDoc {
  return { summary, official: qs(officialPath), success: { status, schema }, ...(query ? { query } : {}) };
}

export const QUICKSTART_ENDPOINTS: EndpointDocs = {
  'POST /v2/accounts': endpoint('Create an account', '/accounts', 201, 'Account', QS_EXPAND),
  'GET /v2/accounts': endpoint('List accounts', '/accounts', 200, 'AccountList', QS_LIST),
  'GET /v2/accounts/:account_id': endpoint('Read an account by id or number', '/accounts/{account_id}', 200, 'Account', QS_EXPAND),
  'PATCH /v2/accounts/:account_id': endpoint('Update an account', '/accounts/{account_id}', 200, 'Account', QS_EXPAND),
  'POST /v2/products': endpoint('Create a product', '/products', 201, 'Product', QS_EXPAND),
  'GET /v2/products': endpoint('List products', '/products', 200, 'ProductList', QS_LIST),
  'GET /v2/products/:product_id': endpoint('Read a product', '/products/{product_id}', 200, 'Product', QS_EXPAND),
  'PATCH /v2/products/:product_id': endpoint('Update a product', '/products/{product_id}', 200, 'Product', QS_EXPAND),
  'POST /v2/plans': endpoint('Create a plan (product rate plan)', '/plans', 201, 'Plan', QS_EXPAND),
  'GET /v2/plans': endpoint('List plans', '/plans', 200, 'PlanList', QS_LIST),
  'GET /v2/plans/:plan_id': endpoint('Read a plan', '/plans/{plan_id}', 200, 'Plan', QS_EXPAND),
  'GET /v2/prices/:price_id': endpoint('Read a price (product rate plan charge)', '/prices/{price_id}', 200, 'Price'),
  'PATCH /v2/prices/:price_id': endpoint('Update a price', '/prices/{price_id}', 200, 'Price'),
  'GET /v2/subscriptions/:subscription_id': endpoint(
    'Read a subscription by id or number',
    '/subscriptions/{subscription_id}',
    200,
    'Subscription',
    QS_EXPAND,
  ),
  'POST /v2/usage_records': endpoint('Create a usage record', '/usage_records', 201, 'Usage'),
  'GET /v2/usage_records': endpoint('List usage records', '/usage_records', 200, 'UsageList', QS_LIST),
  'GET /v2/usage_records/:id': endpoint('Read a usage record', '/usage_records/{id}', 200, 'Usage'),
  'PATCH /v2/usage_records/:id': endpoint('Update a pending usage record', '/usage_records/{id}', 200, 'Usage'),
  'POST /v2/payment_methods': endpoint('Create a payment method (card or cc_ref)', '/payment_methods', 201, 'PaymentMethod'),
  'GET /v2/payment_methods': endpoint('List payment methods', '/payment_methods', 200, 'PaymentMethodList', QS_LIST),
  'GET /v2/payment_methods/:payment_method_id': endpoint(
    'Read a payment method',
    '/payment_methods/{payment_method_id}',
    200,
    'PaymentMethod',
  ),
  'PATCH /v2/payment_methods/:payment_method_id': endpoint(
    'Update a payment method, or move it to another account',
    '/payment_methods/{payment_method_id}',
    200,
    'PaymentMethod',
  ),
};
