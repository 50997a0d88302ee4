import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, ORDERS_223, useTenant } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';
import { useReceiver } from './helpers/receiver.js';
import { registerStiggEvents } from './helpers/stiggEvents.js';

// The Quickstart billing surface: subscriptions created, listed, patched, canceled, paused and
// resumed (each one order, one new version), invoices and their items, payments and credit memos.
const env = useTenant({ now: '2026-05-01T00:00:00.000Z' });
const receiver = useReceiver();
let catalog: TestCatalog;
let account: { id: string; account_number: string };

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
  account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Quickstart Billing Co' }))).body;
});

/** A monthly Pro subscription (platform $30 + $10 per seat) with `seats` seats, billed at once. */
async function subscribe(seats: number, extra: Record<string, unknown> = {}) {
  const response = await env.zuora.post('/v2/subscriptions?expand[]=subscription_plans.subscription_items', {
    account_id: account.id,
    initial_term: { type: 'termed', interval: 'month', interval_count: 12 },
    renewal_term: { type: 'termed', interval: 'month', interval_count: 12 },
    auto_renew: true,
    start_on: { contract_effective: '2026-05-01' },
    subscription_plans: [{ plan_id: catalog.pro.planId, prices: [{ price_id: catalog.pro.seatsId, quantity: seats }] }],
    processing_options: { collection_method: 'run_billing' },
    ...extra,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('Quickstart subscriptions', () => {
  it('creates a subscription through an order, billed at once, and reads it back in every dialect', async () => {
    const subscription = await subscribe(3, { description: 'three seats' });
    expect(subscription).toMatchObject({ state: 'active', version: 1, latest_version: true, account_id: account.id, description: 'three seats', initial_term: { type: 'termed', interval: 'month', interval_count: 12 } });
    const items = subscription.subscription_plans.data[0].subscription_items.data;
    expect(items.find((item: { price_id: string }) => item.price_id === catalog.pro.seatsId)).toMatchObject({ quantity: 3 });
    const v1 = (await env.zuora.get(`/v1/subscriptions/${subscription.subscription_number}`)).body;
    expect(v1).toMatchObject({ success: true, status: 'Active', version: 1, notes: 'three seats' });
    // Pro: $30 platform fee + 3 seats x $10 = $60 for May.
    const invoices = (await env.zuora.get(`/v2/invoices?filter[]=account_id.EQ:${account.id}`)).body.data;
    expect(invoices.map((invoice: { total: number }) => invoice.total)).toContain(60);
    expect((await env.zuora.get(`/v2/subscriptions/${subscription.id}`)).body.subscription_number).toBe(subscription.subscription_number);
  });

  it('lists the newest versions with filters, cursor pagination and expand', async () => {
    await subscribe(1);
    await subscribe(2);
    const first = await env.zuora.get(`/v2/subscriptions?page_size=1&filter[]=account_id.EQ:${account.id}&filter[]=state.EQ:active`);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.next_page).toEqual(expect.any(String));
    const second = await env.zuora.get(`/v2/subscriptions?page_size=1&cursor=${first.body.next_page}&filter[]=account_id.EQ:${account.id}&expand[]=subscription_plans`);
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
    expect(second.body.data[0].subscription_plans.data[0]).toMatchObject({ plan_id: catalog.pro.planId });
    const all = (await env.zuora.get(`/v2/subscriptions?page_size=99&filter[]=account_id.EQ:${account.id}`)).body.data;
    expect(all.every((subscription: { latest_version: boolean }) => subscription.latest_version)).toBe(true);
  });

  it('patches quantity and adds a plan in one order: one new version', async () => {
    const subscription = await subscribe(1);
    const plan = subscription.subscription_plans.data[0];
    const seats = plan.subscription_items.data.find((item: { price_id: string }) => item.price_id === catalog.pro.seatsId);
    const patched = await env.zuora.patch(`/v2/subscriptions/${subscription.subscription_number}?expand[]=subscription_plans.subscription_items`, {
      update_subscription_plans: [{ subscription_plan: { subscription_plan_id: plan.id, subscription_items: [{ id: seats.id, quantity: 5 }] } }],
      add_subscription_plans: [{ subscription_plan: { plan_id: catalog.support.planId } }],
      custom_fields: {},
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, latest_version: true, subscription_number: subscription.subscription_number });
    expect(patched.body.subscription_plans.data.map((entry: { plan_id: string }) => entry.plan_id).sort()).toEqual([catalog.pro.planId, catalog.support.planId].sort());
    const versions = await env.zuora.get(`/object-query/subscriptions?filter[]=name.EQ:${subscription.subscription_number}`);
    expect(versions.body.data, JSON.stringify(versions.body)).toHaveLength(2);
  });

  it('cancels at a date, and pauses and resumes on the tenant clock', async () => {
    const canceled = await subscribe(1);
    const cancel = await env.zuora.post(`/v2/subscriptions/${canceled.id}/cancel`, { cancel_date: '2026-05-01' });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body).toMatchObject({ state: 'canceled', version: 2 });

    const paused = await subscribe(1);
    const pause = await env.zuora.post(`/v2/subscriptions/${paused.subscription_number}/pause`, { pause_date: '2026-05-01' });
    expect(pause.status, JSON.stringify(pause.body)).toBe(200);
    expect(pause.body.state).toBe('paused');
    const resume = await env.zuora.post(`/v2/subscriptions/${paused.subscription_number}/resume`, { resume_date: '2026-05-01' });
    expect(resume.status, JSON.stringify(resume.body)).toBe(200);
    expect(resume.body).toMatchObject({ state: 'active', version: 3 });
  });

  it('writes off what a cancellation leaves owing when asked (write_off)', async () => {
    const owing = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Write-off Co' }))).body;
    // May billed at once and left open: $30 platform fee + 1 seat x $10 = $40.
    const subscription = await subscribe(1, { account_id: owing.id });
    const cancel = await env.zuora.post(`/v2/subscriptions/${subscription.id}/cancel`, { cancel_date: '2026-05-16', write_off: true });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    // The cancellation is dated after today, so billing to today credits nothing yet: the whole $40
    // still owing on the subscription's invoice is written off with a credit memo, and nothing is owed.
    const invoices = (await env.zuora.get(`/v2/invoices?filter[]=account_id.EQ:${owing.id}`)).body.data;
    expect(invoices.map((invoice: { total: number; balance: number }) => [invoice.total, invoice.balance])).toEqual([[40, 0]]);
    const memos = (await env.zuora.get(`/v2/credit_memos?filter[]=account_id.EQ:${owing.id}`)).body.data;
    expect(memos.map((memo: { total: number }) => memo.total)).toEqual([40]);
  });

  it('refuses bad input in the Quickstart error shape and changes nothing', async () => {
    const before = (await env.zuora.get(`/v2/subscriptions?page_size=99&filter[]=account_id.EQ:${account.id}`)).body.data.length;
    const unknownPrice = await env.zuora.post('/v2/subscriptions', { account_id: account.id, subscription_plans: [{ plan_id: catalog.pro.planId, prices: [{ price_id: 'nope' }] }] });
    expect(unknownPrice.status).toBe(400);
    expect(unknownPrice.body).toMatchObject({ type: 'bad_request', retryable: false, errors: [{ code: 'invalid_parameter', parameter: 'subscription_plans[0].prices[0].price_id' }] });
    const extra = await env.zuora.post('/v2/subscriptions', { account_id: account.id, subscription_plans: [{ plan_id: catalog.pro.planId }], colour: 'blue' });
    expect(extra.status).toBe(400);
    const noWhen = await env.zuora.post(`/v2/subscriptions/${(await subscribe(1)).id}/cancel`, {});
    expect(noWhen).toMatchObject({ status: 400, body: { type: 'bad_request', errors: [{ parameter: 'cancel_at' }] } });
    expect((await env.zuora.get(`/v2/subscriptions?page_size=99&filter[]=account_id.EQ:${account.id}`)).body.data.length).toBe(before + 1);
    const missing = await env.zuora.get('/v2/subscriptions/S-99999999');
    expect(missing).toMatchObject({ status: 404, body: { type: 'not_found', errors: [{ code: 'resource_not_found', parameter: 'subscription_id' }] } });
  });
});

describe('Quickstart subscription writes and callouts', () => {
  it('raise the same events as the same orders placed through V1', async () => {
    await registerStiggEvents(env.zuora, `${receiver.url}/hook`);
    const events = () => receiver.at('/hook').map((request) => (request.body as { EventName: string }).EventName);
    const settle = () => env.admin.post('/clock/advance', { by: 'PT0S' });

    receiver.reset();
    const quickstart = await subscribe(1);
    await env.zuora.post(`/v2/subscriptions/${quickstart.id}/cancel`, { cancel_date: '2026-05-01' });
    await settle();
    const viaQuickstart = events();

    receiver.reset();
    const created = await env.zuora.post(
      '/v1/orders',
      {
        orderDate: '2026-05-01',
        existingAccountNumber: account.account_number,
        processingOptions: { runBilling: true },
        subscriptions: [
          {
            orderActions: [
              {
                type: 'CreateSubscription',
                triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-05-01' }],
                createSubscription: {
                  terms: { autoRenew: true, initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' }, renewalTerms: [{ period: 12, periodType: 'Month' }] },
                  subscribeToRatePlans: [{ productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 1 } } }] }],
                },
              },
            ],
          },
        ],
      },
      ORDERS_223,
    );
    const number = created.body.subscriptions[0].subscriptionNumber;
    await env.zuora.post('/v1/orders', {
      orderDate: '2026-05-01',
      existingAccountNumber: account.account_number,
      subscriptions: [{ subscriptionNumber: number, orderActions: [{ type: 'CancelSubscription', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-05-01' }], cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-05-01' } }] }],
    }, ORDERS_223);
    await settle();
    expect(viaQuickstart.length).toBeGreaterThan(0);
    expect(viaQuickstart).toEqual(events());
  });
});

describe('Quickstart invoices, payments and credit memos', () => {
  it('reads invoices with their items, pays one, and lists the payment', async () => {
    const subscription = await subscribe(2);
    const invoice = (await env.zuora.get(`/v2/invoices?filter[]=account_id.EQ:${account.id}&page_size=99`)).body.data.findLast((entry: { total: number; balance: number }) => entry.total === 50 && entry.balance === 50);
    expect(invoice).toMatchObject({ state: 'posted', paid: false, currency: 'USD', account_number: account.account_number });
    const read = (await env.zuora.get(`/v2/invoices/${invoice.invoice_number}?expand[]=items`)).body;
    // $30 platform fee + 2 seats x $10.
    expect(read.items.data.map((item: { amount: number }) => item.amount).sort()).toEqual([20, 30]);
    expect(read.items.data[0]).toMatchObject({ service_start: '2026-05-01', service_end: '2026-05-31', invoice_id: invoice.id });
    const items = (await env.zuora.get(`/v2/invoice_items?filter[]=invoice_id.EQ:${invoice.id}`)).body.data;
    expect(items.map((item: { subscription_id: string }) => item.subscription_id)).toEqual([subscription.id, subscription.id]);

    const payment = await env.zuora.post('/v2/payments', {
      account_id: account.id,
      amount: 50,
      currency: 'USD',
      payment_date: '2026-05-01',
      payment_method_id: 'cash',
      external: true,
      billing_documents: [{ type: 'invoice', id: invoice.id, amount: 50 }],
    });
    expect(payment.status, JSON.stringify(payment.body)).toBe(201);
    expect(payment.body).toMatchObject({ state: 'processed', amount: 50, amount_applied: 50, remaining_balance: 0, external: true, applied_to: [{ billing_document_id: invoice.id, amount: 50 }] });
    expect((await env.zuora.get(`/v2/invoices/${invoice.id}`)).body).toMatchObject({ balance: 0, paid: true });
    expect((await env.zuora.get(`/v2/payments/${payment.body.payment_number}`)).body.id).toBe(payment.body.id);
    expect((await env.zuora.get(`/v1/payments/${payment.body.id}`)).body).toMatchObject({ status: 'Processed', amount: 50 });
    const listed = (await env.zuora.get(`/v2/payments?filter[]=account_id.EQ:${account.id}`)).body.data;
    expect(listed.map((entry: { id: string }) => entry.id)).toContain(payment.body.id);
  });

  it('refuses a payment over the invoice balance without recording it', async () => {
    const before = (await env.zuora.get(`/v2/payments?page_size=99&filter[]=account_id.EQ:${account.id}`)).body.data.length;
    const invoice = (await env.zuora.get(`/v2/invoices?filter[]=account_id.EQ:${account.id}&filter[]=state.EQ:posted&page_size=1`)).body.data[0];
    const refused = await env.zuora.post('/v2/payments', {
      account_id: account.id,
      amount: 5000,
      currency: 'USD',
      payment_date: '2026-05-01',
      payment_method_id: 'cash',
      external: true,
      billing_documents: [{ type: 'invoice', id: invoice.id, amount: 5000 }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.type).toBe('bad_request');
    expect((await env.zuora.get(`/v2/payments?page_size=99&filter[]=account_id.EQ:${account.id}`)).body.data.length).toBe(before);
    expect((await env.zuora.get('/v2/payments/P-99999999')).body).toMatchObject({ type: 'not_found', errors: [{ parameter: 'payment_id' }] });
  });

  it('lists and reads the credit memo a cancellation credits back', async () => {
    const subscription = await subscribe(1);
    // Canceled from today with billing: May's $40 is credited back.
    const cancel = await env.zuora.post(`/v2/subscriptions/${subscription.id}/cancel`, { cancel_date: '2026-05-01', processing_options: { collection_method: 'run_billing' } });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    const memos = (await env.zuora.get(`/v2/credit_memos?filter[]=account_id.EQ:${account.id}`)).body.data;
    expect(memos.length).toBeGreaterThan(0);
    const memo = (await env.zuora.get(`/v2/credit_memos/${memos[0].credit_memo_number}`)).body;
    expect(memo).toMatchObject({ id: memos[0].id, state: 'posted', total: 40, currency: 'USD' });
    expect((await env.zuora.get('/v2/credit_memos/CM99999999')).status).toBe(404);
  });
});

describeOfficial('Quickstart billing answers against the official spec', () => {
  it('match subscription, invoice, invoice item, payment and credit memo schemas', async () => {
    const subscription = await subscribe(1);
    await expectOfficialResponse('quickstart', 'POST', '/subscriptions', 201, subscription);
    await expectOfficialResponse('quickstart', 'GET', '/subscriptions', 200, (await env.zuora.get('/v2/subscriptions?expand[]=subscription_plans.subscription_items')).body);
    const canceled = await env.zuora.post(`/v2/subscriptions/${subscription.id}/cancel`, { cancel_at: 'subscription_term_end' });
    await expectOfficialResponse('quickstart', 'POST', '/subscriptions/{subscription_id}/cancel', 200, canceled.body);
    const invoices = (await env.zuora.get('/v2/invoices?expand[]=items&expand[]=account')).body;
    await expectOfficialResponse('quickstart', 'GET', '/invoices', 200, invoices);
    await expectOfficialResponse('quickstart', 'GET', '/invoices/{invoice_id}', 200, (await env.zuora.get(`/v2/invoices/${invoices.data[0].id}`)).body);
    await expectOfficialResponse('quickstart', 'GET', '/invoice_items', 200, (await env.zuora.get('/v2/invoice_items')).body);
    const payments = (await env.zuora.get('/v2/payments')).body;
    await expectOfficialResponse('quickstart', 'GET', '/payments', 200, payments);
    await expectOfficialResponse('quickstart', 'GET', '/payments/{payment_id}', 200, (await env.zuora.get(`/v2/payments/${payments.data[0].id}`)).body);
    const memos = (await env.zuora.get('/v2/credit_memos')).body;
    await expectOfficialResponse('quickstart', 'GET', '/credit_memos', 200, memos);
    await expectOfficialResponse('quickstart', 'GET', '/credit_memos/{credit_memo_id}', 200, (await env.zuora.get(`/v2/credit_memos/${memos.data[0].id}`)).body);
    const refused = await env.zuora.post('/v2/payments', { amount: 1 });
    await expectOfficialResponse('quickstart', 'POST', '/payments', 400, refused.body);
  });
});
