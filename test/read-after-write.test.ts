import { describe, expect, it } from 'vitest';
import { createTestCatalog } from './helpers/catalog.js';
import { accountBody, defineCustomFields, ORDERS_223, useTenant } from './helpers/emulator.js';

// One change, read back through every other surface: a V1 update, then the Quickstart read, Object
// Query, ZOQL and CRUD all show it, because they all read the one domain model.
const env = useTenant({ now: '2026-06-01T12:00:00.000Z' });

describe('read after write across endpoints and dialects', () => {
  it('shows a V1 account update in Quickstart, Object Query, ZOQL and CRUD', async () => {
    await defineCustomFields(env.zuora, { Account: ['segment__c'] });
    const created = (
      await env.zuora.post('/v1/accounts', { name: 'Before', currency: 'USD', billCycleDay: 5, billToContact: { firstName: 'Lin', lastName: 'Chen', city: 'Oslo' }, segment__c: 'smb' })
    ).body;
    expect(created.success).toBe(true);

    const put = await env.zuora.put(`/v1/accounts/${created.accountNumber}`, { name: 'After', autoPay: true, billCycleDay: 20, segment__c: 'enterprise', billToContact: { city: 'Bergen' } });
    expect(put.body.success).toBe(true);

    const quickstart = (await env.zuora.get(`/v2/accounts/${created.accountId}?expand[]=bill_to`)).body;
    expect(quickstart).toMatchObject({ name: 'After', auto_pay: true, bill_cycle_day: 20, custom_fields: { segment__c: 'enterprise' } });
    expect(quickstart.bill_to.address.city).toBe('Bergen');

    const objectQuery = (await env.zuora.get(`/object-query/accounts/${created.accountNumber}?expand[]=billto`)).body;
    expect(objectQuery).toMatchObject({ name: 'After', autoPay: true, billCycleDay: 20, segment__c: 'enterprise', billTo: { city: 'Bergen' } });

    const zoql = await env.zuora.post('/v1/action/query', {
      queryString: `select Name, AutoPay, BillCycleDay, segment__c from Account where AccountNumber = '${created.accountNumber}'`,
    });
    expect(zoql.body.records).toEqual([{ Id: created.accountId, Name: 'After', AutoPay: true, BillCycleDay: 20, segment__c: 'enterprise' }]);
    const contact = await env.zuora.post('/v1/action/query', { queryString: `select City from Contact where AccountId = '${created.accountId}'` });
    expect(contact.body.records.map((record: { City: string }) => record.City)).toEqual(['Bergen']);

    const crud = (await env.zuora.get(`/v1/object/account/${created.accountId}`)).body;
    expect(crud).toMatchObject({ Name: 'After', AutoPay: true, BillCycleDay: 20, segment__c: 'enterprise' });
  });

  it('shows a V1 subscription change (an order) in Quickstart, Object Query, ZOQL and CRUD', async () => {
    await defineCustomFields(env.zuora, { Subscription: ['tier__c'] });
    const catalog = await createTestCatalog(env.zuora);
    const account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Subscriber' }))).body;
    const created = await env.zuora.post('/v2/subscriptions?expand[]=subscription_plans.subscription_items', {
      account_id: account.id,
      auto_renew: true,
      initial_term: { type: 'termed', interval: 'month', interval_count: 12 },
      start_on: { contract_effective: '2026-06-01' },
      subscription_plans: [{ plan_id: catalog.pro.planId, prices: [{ price_id: catalog.pro.seatsId, quantity: 2 }] }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const number = created.body.subscription_number as string;
    const plan = created.body.subscription_plans.data[0];
    const seats = plan.subscription_items.data.find((item: { price_id: string }) => item.price_id === catalog.pro.seatsId);

    const order = await env.zuora.post(
      '/v1/orders',
      {
        orderDate: '2026-06-01',
        existingAccountNumber: account.account_number,
        subscriptions: [
          {
            subscriptionNumber: number,
            customFields: { tier__c: 'gold' },
            orderActions: [
              { type: 'UpdateProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-06-01' }], updateProduct: { ratePlanId: plan.id, chargeUpdates: [{ chargeNumber: seats.subscription_item_number, pricing: { recurringPerUnit: { quantity: 7 } } }] } },
              { type: 'TermsAndConditions', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-06-01' }], termsAndConditions: { autoRenew: false } },
            ],
          },
        ],
      },
      ORDERS_223,
    );
    expect(order.body.success, JSON.stringify(order.body)).toBe(true);

    const quickstart = (await env.zuora.get(`/v2/subscriptions/${number}?expand[]=subscription_plans.subscription_items`)).body;
    expect(quickstart).toMatchObject({ version: 2, latest_version: true, auto_renew: false, custom_fields: { tier__c: 'gold' } });
    const items = quickstart.subscription_plans.data[0].subscription_items.data.filter((item: { price_id: string; state: string }) => item.price_id === catalog.pro.seatsId && item.state === 'active');
    expect(items.map((item: { quantity: number }) => item.quantity)).toEqual([7]);

    const objectQuery = (await env.zuora.get(`/object-query/subscriptions/${number}`)).body;
    expect(objectQuery).toMatchObject({ name: number, version: 2, autoRenew: false, tier__c: 'gold' });

    // ZOQL reads every version of the subscription: the order's is the second.
    const zoql = await env.zuora.post('/v1/action/query', { queryString: `select Version, AutoRenew, tier__c from Subscription where Name = '${number}'` });
    expect(zoql.body.records).toHaveLength(2);
    expect(zoql.body.records).toContainEqual({ Id: quickstart.id, Version: 2, AutoRenew: false, tier__c: 'gold' });
    const charges = await env.zuora.post('/v1/action/query', { queryString: `select Quantity from RatePlanCharge where SubscriptionId = '${quickstart.id}' and ChargeNumber = '${seats.subscription_item_number}'` });
    expect(charges.body.records.map((record: { Quantity: number }) => record.Quantity)).toContain(7);

    const crud = (await env.zuora.get(`/v1/object/subscription/${quickstart.id}`)).body;
    expect(crud).toMatchObject({ Name: number, Version: 2, AutoRenew: false, tier__c: 'gold' });
  });
});

describe('read after write of settlement', () => {
  it('shows a bill run, a payment applied, a refund and a write-off in Object Query, ZOQL and the V1 reads', async () => {
    const account = (await env.zuora.post('/v1/accounts', { name: 'Settle', currency: 'USD', billCycleDay: 1, billToContact: { firstName: 'Ana', lastName: 'Ruiz' } })).body;
    const catalog = await createTestCatalog(env.zuora);
    // Priority support, $50 a month; a bill run on demand bills June and posts it.
    const order = (await env.zuora.post('/v1/orders', {
      orderDate: '2026-06-01',
      existingAccountNumber: account.accountNumber,
      subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] } }] }],
    })).body;
    expect(order.success, JSON.stringify(order)).toBe(true);
    const billRun = (await env.zuora.post('/v1/bill-runs', { targetDate: '2026-06-01', autoPost: true, billRunFilters: [{ filterType: 'Account', accountId: account.accountId }] })).body;
    expect(billRun.status).toBe('Posted');
    const [invoice] = (await env.zuora.get(`/v1/transactions/invoices/accounts/${account.accountNumber}`)).body.invoices;

    // 30 paid by a payment of 50 (the other 20 refunded), 10 written off: 50 - 30 - 10 = 10 owed.
    const payment = (await env.zuora.post('/v1/payments', { accountId: account.accountId, amount: 50, currency: 'USD', type: 'External' })).body;
    await env.zuora.put(`/v1/payments/${payment.id}/apply`, { invoices: [{ invoiceId: invoice.id, amount: 30 }] });
    const refund = (await env.zuora.post(`/v1/payments/${payment.id}/refunds`, { type: 'External', methodType: 'Check', totalAmount: 20 })).body;
    const writeOff = (await env.zuora.put(`/v1/invoices/${invoice.id}/write-off`, { amount: 10 })).body;
    expect([refund.success, writeOff.success]).toEqual([true, true]);

    expect((await env.zuora.get(`/v1/invoices/${invoice.invoiceNumber}`)).body).toMatchObject({ balance: 10, paymentAmount: 30, creditMemoAmount: 10, billRunId: billRun.id });
    expect((await env.zuora.get(`/object-query/invoices/${invoice.id}`)).body).toMatchObject({ balance: 10, paymentAmount: 30, creditMemoAmount: 10 });
    expect((await env.zuora.get(`/object-query/payments/${payment.id}`)).body).toMatchObject({ appliedAmount: 30, unappliedAmount: 0, refundAmount: 20 });
    const zoql = await env.zuora.post('/v1/action/query', { queryString: `select Balance, PaymentAmount from Invoice where Id = '${invoice.id}'` });
    expect(zoql.body.records).toEqual([{ Id: invoice.id, Balance: 10, PaymentAmount: 30 }]);
    expect((await env.zuora.get(`/v1/credit-memos/${writeOff.creditMemo.id}`)).body).toMatchObject({ amount: 10, appliedAmount: 10, referredInvoiceId: invoice.id });
    expect((await env.zuora.get(`/v1/accounts/${account.accountNumber}`)).body.metrics).toMatchObject({ balance: 10, totalInvoiceBalance: 10 });
  });
});
