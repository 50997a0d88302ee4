import { REJECT_UNKNOWN_FIELDS } from './parameters.js';
import type { EndpointDoc, EndpointDocs } from './types.js';

// CRUD reads of the objects the emulator models, and CRUD writes. The current V1 spec keeps CRUD
// paths only for the catalog; the others are the 2017 spec's.

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
  'unit-of-measure': 'a unit of measure',
};

/** The CRUD writes the emulator answers, by object; charge and unit creates are documented with V1. */
const WRITES: Record<string, { what: string; methods: ReadonlyArray<'POST' | 'PUT' | 'DELETE'> }> = {
  account: { what: 'an account (created Draft; BillToId, SoldToId and Active by update)', methods: ['POST', 'PUT', 'DELETE'] },
  contact: { what: 'a contact', methods: ['POST', 'PUT', 'DELETE'] },
  'payment-method': { what: 'a card or card-reference payment method (deleted is Closed)', methods: ['POST', 'PUT', 'DELETE'] },
  payment: { what: 'a payment (an update cancels an external one; only Canceled or Error ones are deleted)', methods: ['POST', 'PUT', 'DELETE'] },
  product: { what: 'a product', methods: ['POST', 'PUT', 'DELETE'] },
  'product-rate-plan': { what: 'a product rate plan', methods: ['POST', 'PUT', 'DELETE'] },
  'product-rate-plan-charge': { what: 'a product rate plan charge', methods: ['PUT', 'DELETE'] },
  'unit-of-measure': { what: 'a unit of measure', methods: ['PUT', 'DELETE'] },
};

const VERBS = { POST: 'Create', PUT: 'Update', DELETE: 'Delete' } as const;

function write(segment: string, what: string, method: 'POST' | 'PUT' | 'DELETE'): EndpointDoc {
  return {
    summary: `${VERBS[method]} ${what} (CRUD)`,
    official: { spec: CURRENT.has(segment) ? 'v1' : 'legacy2017', path: `/v1/object/${segment}${method === 'POST' ? '' : '/{id}'}` },
    ...(method === 'DELETE' ? {} : { query: [REJECT_UNKNOWN_FIELDS] }),
    success: { status: 200, schema: method === 'DELETE' ? 'CrudDeleted' : 'ProxyCreateOrModifyResponse' },
  };
}

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
  ...Object.fromEntries(
    Object.entries(WRITES).flatMap(([segment, { what, methods }]) => methods.map((method) => [`${method} /v1/object/${segment}${method === 'POST' ? '' : '/:id'}`, write(segment, what, method)])),
  ),
};
