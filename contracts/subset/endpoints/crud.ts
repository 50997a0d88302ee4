import type { EndpointDocs } from './types.js';

// CRUD reads of the objects the emulator models, and the CRUD account delete. The current V1 spec
// keeps CRUD paths only for the catalog; the others are the 2017 spec's.

const CURRENT = new Set(['product', 'product-rate-plan', 'product-rate-plan-charge']);

const READS: Record<string, string> = {
  account: 'an account',
  contact: 'a contact',
  'payment-method': 'a payment method',
  payment: 'a payment',
  subscription: 'a subscription version',
  'rate-plan': "a subscription's rate plan",
  'rate-plan-charge': "a subscription's charge",
  product: 'a product',
  'product-rate-plan': 'a product rate plan',
  'product-rate-plan-charge': 'a product rate plan charge',
};

export const CRUD_ENDPOINTS: EndpointDocs = {
  ...Object.fromEntries(
    Object.entries(READS).map(([segment, what]) => [
      `GET /v1/object/${segment}/:id`,
      {
        summary: `Read ${what} (CRUD, capitalised fields)`,
        official: { spec: CURRENT.has(segment) ? ('v1' as const) : ('legacy2017' as const), path: `/v1/object/${segment}/{id}` },
        success: { status: 200, schema: 'CrudRecord' },
      },
    ]),
  ),
  'DELETE /v1/object/account/:id': {
    summary: 'Delete an account (CRUD)',
    official: { spec: 'legacy2017', path: '/v1/object/account/{id}' },
    success: { status: 200, schema: 'CrudDeleted' },
  },
};
