import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, ORDERS_223, useTenant } from './helpers/emulator.js';

// POST /v1/operations/billing-preview: what a bill run would invoice for an account, nothing written.
// The account (bill cycle day 1) has, from 2026-05-01, a 12-month Pro subscription ($30 platform fee
// + 3 seats at $10 = $60 a month) and an evergreen Priority support subscription ($50 a month).
const env = useTenant({ now: '2026-05-01T00:00:00.000Z' });
let catalog: TestCatalog;
let account: { id: string; account_number: string };

const subscribe = (terms: Record<string, unknown>, ratePlan: Record<string, unknown>) =>
  env.zuora.post(
    '/v1/orders',
    {
      orderDate: '2026-05-01',
      existingAccountNumber: account.account_number,
      subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms, subscribeToRatePlans: [ratePlan] } }] }],
    },
    ORDERS_223,
  );

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Preview Co' }))).body;
  await subscribe(
    { initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' }, autoRenew: true },
    { productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 3 } } }] },
  );
  await subscribe({ initialTerm: { termType: 'EVERGREEN' } }, { productRatePlanId: catalog.support.planId });
});

const lines = (items: Array<{ chargeName: string; serviceStartDate: string; serviceEndDate: string; chargeAmount: number }>) =>
  items.map((item) => [item.chargeName, item.serviceStartDate, item.serviceEndDate, item.chargeAmount]);

describe('billing preview', () => {
  it('previews every period that starts by the target date, termed subscriptions only by default', async () => {
    const { body } = await env.zuora.post('/v1/operations/billing-preview', { accountId: account.id, targetDate: '2026-06-15' });
    expect(body).toMatchObject({ success: true, accountId: account.id, creditMemoItems: [] });
    // May and June in advance: $30 fee and 3 x $10 seats each month = $120.
    expect(lines(body.invoiceItems)).toEqual([
      ['Platform fee', '2026-05-01', '2026-05-31', 30],
      ['Platform fee', '2026-06-01', '2026-06-30', 30],
      ['Seats', '2026-05-01', '2026-05-31', 30],
      ['Seats', '2026-06-01', '2026-06-30', 30],
    ]);
  });

  it('adds evergreen subscriptions when asked and leaves out excluded charge types', async () => {
    const all = await env.zuora.post('/v1/operations/billing-preview', { accountNumber: account.account_number, targetDate: '2026-05-01', includingEvergreenSubscription: true });
    // May only: $30 fee + $30 seats + $50 support.
    expect(all.body.invoiceItems.reduce((sum: number, item: { chargeAmount: number }) => sum + item.chargeAmount, 0)).toBe(110);
    const none = await env.zuora.post('/v1/operations/billing-preview', { accountId: account.id, targetDate: '2026-05-01', includingEvergreenSubscription: true, chargeTypeToExclude: 'OneTime,Recurring' });
    expect(none.body.invoiceItems).toEqual([]);
  });

  it('writes nothing: the account still has no invoice afterwards', async () => {
    await env.zuora.post('/v1/operations/billing-preview', { accountId: account.id, targetDate: '2026-12-31' });
    expect((await env.zuora.get(`/object-query/invoices?filter[]=accountId.EQ:${account.id}`)).body.data).toEqual([]);
  });

  it('refuses a missing target date or account, an unknown charge type and an unknown account', async () => {
    for (const body of [{ accountId: account.id }, { targetDate: '2026-05-01' }, { accountId: account.id, targetDate: '2026-05-01', chargeTypeToExclude: 'Nope' }, { accountId: 'nope', targetDate: '2026-05-01' }, { accountId: account.id, targetDate: 'soon' }]) {
      const { status, body: answer } = await env.zuora.post('/v1/operations/billing-preview', body);
      expect(status).toBe(200);
      expect(answer.success, JSON.stringify(body)).toBe(false);
    }
  });
});
