import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useTenant } from './helpers/emulator.js';

// Object Query over the one domain model: three accounts (two in USD, one in EUR) and one
// subscription to the Pro plan with 3 seats, created through the V1 and Quickstart APIs.
const env = useTenant({ now: '2026-03-01T08:00:00.000Z' });

let catalog: TestCatalog;
const accounts: Array<{ id: string; account_number: string; name: string }> = [];
let subscriptionNumber: string;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  for (const [name, currency] of [['Zeta Ltd', 'USD'], ['Alpha Inc', 'EUR'], ['Mid Co', 'USD']] as const) {
    accounts.push((await env.zuora.post('/v2/accounts', accountBody({ name, currency }))).body);
  }
  const order = await env.zuora.post('/v1/orders?returnIds=true', {
    orderDate: '2026-03-01',
    existingAccountNumber: accounts[0]?.account_number,
    subscriptions: [
      {
        orderActions: [
          {
            type: 'CreateSubscription',
            createSubscription: {
              terms: { initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' }, autoRenew: true },
              subscribeToRatePlans: [
                { productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 3 } } }] },
              ],
            },
          },
        ],
      },
    ],
  }, { 'Zuora-Version': '223.0' });
  if (!order.body.success) throw new Error(JSON.stringify(order.body));
  subscriptionNumber = order.body.subscriptions[0].subscriptionNumber;
});

const mine = (data: Array<{ id: string; name: string }>) => data.filter((row) => accounts.some((account) => account.id === row.id));

describe('Object Query', () => {
  it('reads an account by id or number with the fields Zuora names, nulls left out', async () => {
    const [first] = accounts;
    for (const key of [first?.id, first?.account_number]) {
      const { status, body } = await env.zuora.get(`/object-query/accounts/${key}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: first?.id, accountNumber: first?.account_number, name: 'Zeta Ltd', currency: 'USD', status: 'Active', balance: 0, billCycleDay: 1, stiggCustomerId__c: 'customer-1' });
      expect(body).not.toHaveProperty('crmId');
    }
    const withNulls = await env.zuora.get(`/object-query/accounts/${first?.id}?includeNullFields=true`);
    expect(withNulls.body.crmId).toBeNull();
    expect(withNulls.body.taxExemptStatus).toBe('No');
  });

  it('filters with EQ, NE, SW and IN, sorts and selects fields in either form', async () => {
    const usd = await env.zuora.get('/object-query/accounts?filter[]=currency.EQ:USD&pageSize=99');
    expect(mine(usd.body.data).map((row: { name: string }) => row.name)).toEqual(['Zeta Ltd', 'Mid Co']);
    const notUsd = await env.zuora.get('/object-query/accounts?filter[]=currency.NE:USD&pageSize=99');
    expect(mine(notUsd.body.data).map((row: { name: string }) => row.name)).toEqual(['Alpha Inc']);
    const startsM = await env.zuora.get('/object-query/accounts?filter[]=name.SW:Mi&pageSize=99');
    expect(startsM.body.data.map((row: { name: string }) => row.name)).toEqual(['Mid Co']);
    const numbers = accounts.map((account) => account.account_number);
    const listed = await env.zuora.get(`/object-query/accounts?filter[]=accountNumber.IN:[${numbers[0]},${numbers[2]}]&sort[]=name.ASC&fields[]=name&fields[]=accountNumber`);
    expect(listed.body.data).toEqual([
      { name: 'Mid Co', accountNumber: numbers[2] },
      { name: 'Zeta Ltd', accountNumber: numbers[0] },
    ]);
    const commaForm = await env.zuora.get(`/object-query/accounts?filter[]=ACCOUNTNUMBER.in:${numbers[1]}&account.fields[]=id,Name`);
    expect(commaForm.body.data).toEqual([{ id: accounts[1]?.id, name: 'Alpha Inc' }]);
    const descending = await env.zuora.get(`/object-query/accounts?filter[]=accountNumber.IN:[${numbers.join(',')}]&sort[]=name.DESC&fields[]=name`);
    expect(descending.body.data.map((row: { name: string }) => row.name)).toEqual(['Zeta Ltd', 'Mid Co', 'Alpha Inc']);
  });

  it('compares numbers and dates with LT, LE, GT and GE', async () => {
    const numbers = accounts.map((account) => account.account_number).join(',');
    const bcd = await env.zuora.get(`/object-query/accounts?filter[]=accountNumber.IN:[${numbers}]&filter[]=billCycleDay.GE:1&filter[]=billCycleDay.LT:2&fields[]=id`);
    expect(bcd.body.data).toHaveLength(3);
    const later = await env.zuora.get(`/object-query/accounts?filter[]=accountNumber.IN:[${numbers}]&filter[]=createdDate.GT:2026-03-02`);
    expect(later.body.data).toEqual([]);
    const earlier = await env.zuora.get(`/object-query/accounts?filter[]=accountNumber.IN:[${numbers}]&filter[]=createdDate.LE:2026-03-02`);
    expect(earlier.body.data).toHaveLength(3);
  });

  it('pages with pageSize and cursor until nextPage is null', async () => {
    const numbers = accounts.map((account) => account.account_number).join(',');
    const seen: string[] = [];
    let path = `/object-query/accounts?filter[]=accountNumber.IN:[${numbers}]&pageSize=2`;
    for (;;) {
      const { body } = await env.zuora.get(path);
      seen.push(...body.data.map((row: { id: string }) => row.id));
      if (body.nextPage === null) break;
      path = `/object-query/accounts?filter[]=accountNumber.IN:[${numbers}]&pageSize=2&cursor=${body.nextPage}`;
    }
    expect(seen).toEqual(accounts.map((account) => account.id));
  });

  it('expands related records, nested ones too, and selects their fields', async () => {
    const { body } = await env.zuora.get(
      `/object-query/accounts/${accounts[0]?.id}?expand[]=billto&expand[]=subscriptions.rateplans.rateplancharges&billto.fields[]=firstName,lastName&fields[]=id`,
    );
    expect(body.id).toBe(accounts[0]?.id);
    expect(body.billTo).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(body.subscriptions).toHaveLength(1);
    const [subscription] = body.subscriptions;
    expect(subscription).toMatchObject({ name: subscriptionNumber, status: 'Active', termType: 'TERMED', initialTerm: 12, isLatestVersion: true });
    const charges = subscription.ratePlans[0].ratePlanCharges.map((charge: { name: string; quantity: number | null }) => [charge.name, charge.quantity ?? null]);
    expect(charges).toEqual(expect.arrayContaining([['Platform fee', null], ['Seats', 3]]));
  });

  it('finds subscriptions by number and rate plan charges by their subscription', async () => {
    const { body: subscription } = await env.zuora.get(`/object-query/subscriptions/${subscriptionNumber}`);
    expect(subscription).toMatchObject({ name: subscriptionNumber, accountId: accounts[0]?.id, version: 1 });
    const charges = await env.zuora.get(`/object-query/rate-plan-charges?filter[]=subscriptionId.EQ:${subscription.id}&sort[]=name`);
    expect(charges.body.data.map((charge: { name: string }) => charge.name)).toEqual(['Platform fee', 'Seats']);
    const products = await env.zuora.get(`/object-query/products/${catalog.productId}?expand[]=productrateplans`);
    expect(products.body.productRatePlans.map((plan: { name: string }) => plan.name)).toContain('Pro');
  });

  it('answers 400 with CommonOQErrorResponse for an unknown field, operator, expansion or page size, and 404 for an unknown key', async () => {
    for (const path of [
      '/object-query/accounts?filter[]=nosuch.EQ:1',
      '/object-query/accounts?filter[]=name.XX:1',
      '/object-query/accounts?fields[]=nosuch',
      '/object-query/accounts?sort[]=nosuch.ASC',
      '/object-query/accounts?expand[]=nosuch',
      '/object-query/accounts?pageSize=100',
      '/object-query/accounts?cursor=bm9zdWNo',
    ]) {
      const { status, body } = await env.zuora.get(path);
      expect(status, path).toBe(400);
      expect(body.reasons[0].code, path).toEqual(expect.any(Number));
      expect(String(body.reasons[0].code)).toMatch(/^\d{8}$/);
      expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const missing = await env.zuora.get('/object-query/invoices/INV99999999');
    expect(missing.status).toBe(404);
    expect(missing.body.reasons[0].message).toContain('INV99999999');
  });

  it('never answers a 5xx to odd query strings', async () => {
    const odd = ['sort[]=', 'sort[]=.DESC', 'filter[]=', 'filter[]=.EQ:', 'filter[]=id.IN:', 'fields[]=', 'fields[]=,,', 'expand[]=', 'expand[]=..',
      'pageSize=abc', 'pageSize=0', 'cursor=', 'cursor=%00', 'includeNullFields=maybe', 'nosuch.fields[]=id', 'expand[]=billto&billto.fields[]=nosuch',
      'filter[]=balance.GT:abc', 'sort[]=balance.SIDEWAYS'];
    for (const query of odd) {
      for (const path of ['/object-query/accounts', `/object-query/accounts/${accounts[0]?.id}`]) {
        const { status } = await env.zuora.get(`${path}?${query}`);
        expect(status, `${path}?${query}`).toBeLessThan(500);
      }
    }
  });
});
