import { QUERYABLE_OBJECTS } from '../../emulator/domain/query/objects.js';
import type { Step, Suite } from './types.js';

// Object Query and ZOQL over what the earlier suites created: every object's list, by-key reads
// of the account and subscription, CRUD reads, and a ZOQL query paged with queryMore.

const listEvery: Step[] = QUERYABLE_OBJECTS.map((object) => ({
  name: `object query: list ${object.path}`,
  method: 'GET',
  path: `/object-query/${object.path}`,
  query: { pageSize: '5' },
}));

export const queriesSuite: Suite = {
  name: 'queries',
  description: 'Object Query (lists, by-key reads, filter, sort, fields, expand) and ZOQL query/queryMore',
  steps: [
    ...listEvery,
    {
      name: 'object query: accounts by number, selected fields, sorted',
      method: 'GET',
      path: '/object-query/accounts',
      query: { 'filter[]': 'accountNumber.EQ:${account.account_number}', 'sort[]': 'createdDate.DESC', 'fields[]': 'id,accountNumber,name,status' },
    },
    {
      name: 'object query: account by number with bill-to and subscriptions',
      method: 'GET',
      path: '/object-query/accounts/:key',
      params: { key: '${account.account_number}' },
      query: { 'expand[]': 'billto,subscriptions' },
    },
    { name: 'object query: subscription by number', method: 'GET', path: '/object-query/subscriptions/:key', params: { key: '${subscriptionNumber}' } },
    { name: 'object query: product by id', method: 'GET', path: '/object-query/products/:key', params: { key: '${product.id}' }, query: { 'expand[]': 'productrateplans' } },
    { name: 'CRUD: read account', method: 'GET', path: '/v1/object/account/:id', params: { id: '${account.id}' } },
    { name: 'CRUD: read subscription', method: 'GET', path: '/v1/object/subscription/:id', params: { id: '${subscriptionId}' } },
    { name: 'CRUD: read product', method: 'GET', path: '/v1/object/product/:id', params: { id: '${product.id}' } },
    { name: 'CRUD: read product rate plan', method: 'GET', path: '/v1/object/product-rate-plan/:id', params: { id: '${plan.id}' } },
    { name: 'CRUD: read product rate plan charge', method: 'GET', path: '/v1/object/product-rate-plan-charge/:id', params: { id: '${seats.Id}' } },
    { name: 'CRUD: read payment method', method: 'GET', path: '/v1/object/payment-method/:id', params: { id: '${paymentMethod.id}' } },
    {
      name: 'ZOQL: accounts, one a batch',
      method: 'POST',
      path: '/v1/action/query',
      body: { queryString: "select Id, AccountNumber, Name from Account where Status = 'Active'", conf: { batchSize: 1 } },
      as: 'zoql',
    },
    { name: 'ZOQL: next batch', method: 'POST', path: '/v1/action/queryMore', body: { queryLocator: '${zoql.queryLocator}' } },
  ],
};
