import { beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { createCustomer, ORDERS_223, useTenant, type TestCustomer } from './helpers/emulator.js';
import { useReceiver } from './helpers/receiver.js';
import { registerStiggEvents } from './helpers/stiggEvents.js';

// Sign-up on 1 March 2026 at midnight UTC, accounts billing on the 1st, auto-pay on.
const START = '2026-03-01T00:00:00.000Z';
const env = useTenant({ now: START });
const receiver = useReceiver();
let catalog: TestCatalog;

beforeEach(async () => {
  await env.admin.patch('/settings', { billRunTime: '00:00', timeZone: 'UTC' });
  await env.admin.post('/reset', { now: START });
  receiver.reset();
  catalog = await createTestCatalog(env.zuora);
});

type Customer = TestCustomer;
const customer = (card?: string): Promise<Customer> => createCustomer(env.zuora, card);

const proWithSeats = (seats: number) => ({
  productRatePlanId: catalog.pro.planId,
  chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: seats } } }],
});

/** A paid monthly subscription placed today, billed and collected at once as a platform does at sign-up. */
async function signUp(account: Customer, ratePlans: unknown[], processing: Record<string, unknown> = { runBilling: true, collectPayment: true }) {
  const response = await env.zuora.post('/v1/orders', {
    orderDate: '2026-03-01',
    existingAccountNumber: account.number,
    processingOptions: processing,
    subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: ratePlans } }] }],
  }, ORDERS_223);
  if (!response.body.success) throw new Error(JSON.stringify(response.body));
  return response.body as { subscriptions: Array<{ subscriptionNumber: string }>; invoiceNumbers?: string[]; paidAmount?: number };
}

type InvoiceRead = {
  invoiceNumber: string;
  invoiceDate: string;
  amount: string;
  balance: string;
  status: string;
  invoiceItems: Array<{ chargeName: string; serviceStartDate: string; serviceEndDate: string; chargeAmount: string }>;
};

/** The account's invoices, oldest first. */
async function invoices(account: Customer): Promise<InvoiceRead[]> {
  return ((await env.zuora.get(`/v1/transactions/invoices/accounts/${account.number}`)).body.invoices as InvoiceRead[]).reverse();
}

async function payments(account: Customer) {
  return ((await env.zuora.get(`/v1/transactions/payments/accounts/${account.number}`)).body.payments as Array<{ status: string; amount: string }>).reverse();
}

const lines = (invoice: InvoiceRead | undefined) => (invoice?.invoiceItems ?? []).map((item) => [item.chargeName, item.serviceStartDate, item.serviceEndDate, item.chargeAmount]);
const callouts = (): string[] => receiver.at('/hook').map((request) => (request.body as { EventName: string }).EventName);
const jobs = async () => (await env.admin.get('/jobs')).body.data as Array<{ kind: string; dueAt: string }>;

describe('billing at sign-up', () => {
  it('bills and collects the first period only, dated the start, and the bill cycle day bills only the next one', async () => {
    const account = await customer('4242424242424242');
    const signed = await signUp(account, [proWithSeats(10)]);
    // Pro for March: 30 platform fee + 10 seats x 10 = 130, in advance, paid at once.
    expect(signed).toMatchObject({ invoiceNumbers: [expect.any(String)], paidAmount: 130 });
    const [first] = await invoices(account);
    expect(first).toMatchObject({ invoiceDate: '2026-03-01', amount: '130.00', balance: '0.00' });
    expect(lines(first)).toEqual([
      ['Platform fee', '2026-03-01', '2026-03-31', '30.00'],
      ['Seats', '2026-03-01', '2026-03-31', '100.00'],
    ]);
    expect(await jobs()).toEqual([expect.objectContaining({ kind: 'billing.billRun', dueAt: '2026-04-01T00:00:00.000Z' })]);

    const advanced = await env.admin.post('/clock/advance', { by: 'P1M' });
    expect(advanced.body.now).toBe('2026-04-01T00:00:00.000Z');
    const all = await invoices(account);
    expect(all).toHaveLength(2);
    // April alone: no second copy of March.
    expect(all[1]).toMatchObject({ invoiceDate: '2026-04-01', amount: '130.00', balance: '0.00' });
    expect(lines(all[1])).toEqual([
      ['Platform fee', '2026-04-01', '2026-04-30', '30.00'],
      ['Seats', '2026-04-01', '2026-04-30', '100.00'],
    ]);
  });

  it('keeps the subscription and the open invoice when the card declines at sign-up, with the failure called out', async () => {
    await registerStiggEvents(env.zuora, `${receiver.url}/hook`);
    const account = await customer('4000000000000002');
    const signed = await signUp(account, [proWithSeats(10)]);
    await env.admin.post('/clock/advance', { by: 'PT0S' });
    // The order stands; its invoice of 130 is posted and still owed; the declined attempt is an Error payment.
    expect(signed).toMatchObject({ invoiceNumbers: [expect.any(String)], subscriptions: [{ subscriptionNumber: expect.any(String) }] });
    expect((await invoices(account)).map((invoice) => [invoice.invoiceDate, invoice.amount, invoice.balance, invoice.status])).toEqual([['2026-03-01', '130.00', '130.00', 'Posted']]);
    expect((await payments(account)).map((payment) => [payment.status, payment.amount])).toEqual([['Error', '130.00']]);
    expect(callouts()).toEqual(expect.arrayContaining(['StiggInvoicePostedEvent', 'StiggPaymentFailedEvent']));
    const failure = receiver.at('/hook').find((request) => (request.body as { EventName: string }).EventName === 'StiggPaymentFailedEvent')?.body as Record<string, string>;
    expect(failure.PaymentGatewayResponseCode).toBe('card_declined');
  });

  it('invoices without charging when collectPayment is false, and the payment run collects on the bill cycle day', async () => {
    const account = await customer('4242424242424242');
    const signed = await signUp(account, [{ productRatePlanId: catalog.support.planId }], { runBilling: true, collectPayment: false });
    expect(signed.paidAmount).toBeUndefined();
    expect((await invoices(account))[0]).toMatchObject({ amount: '50.00', balance: '50.00', status: 'Posted' });
    expect(await payments(account)).toEqual([]);

    await env.admin.post('/clock/advance', { by: 'P1M' });
    // The bill run posts April's 50, then auto-pay's payment run collects both open invoices, one payment each.
    const all = await invoices(account);
    expect(all.map((invoice) => [invoice.amount, invoice.balance])).toEqual([
      ['50.00', '0.00'],
      ['50.00', '0.00'],
    ]);
    expect((await payments(account)).map((payment) => [payment.status, payment.amount])).toEqual([
      ['Processed', '50.00'],
      ['Processed', '50.00'],
    ]);
  });

  it('bills a plan change at once: the old plan credited from the change, the new one charged to the period end, and not again', async () => {
    const account = await customer('4242424242424242');
    const signed = await signUp(account, [{ productRatePlanId: catalog.basic.planId }]);
    const number = signed.subscriptions[0]?.subscriptionNumber as string;
    await env.admin.post('/clock/advance', { to: '2026-03-16T00:00:00Z' });
    const basicPlan = (await env.zuora.get(`/v1/subscriptions/${number}`)).body.ratePlans[0].id as string;
    const change = await env.zuora.post('/v1/orders', {
      orderDate: '2026-03-16',
      existingAccountNumber: account.number,
      processingOptions: { runBilling: true, collectPayment: true },
      subscriptions: [
        {
          subscriptionNumber: number,
          orderActions: [
            { type: 'RemoveProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-03-16' }], removeProduct: { ratePlanId: basicPlan } },
            { type: 'AddProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-03-16' }], addProduct: proWithSeats(1) },
          ],
        },
      ],
    });
    expect(change.body.success).toBe(true);
    // 16..31 March is 16 of 31 days. Basic (1 seat x 5) credited: -5 x 16/31 = -2.58;
    // Pro (30 + 1 x 10 = 40) charged: 30 x 16/31 = 15.48 and 10 x 16/31 = 5.16. Net 18.06, paid.
    const [, changed] = await invoices(account);
    expect(changed).toMatchObject({ invoiceDate: '2026-03-16', amount: '18.06', balance: '0.00' });
    expect(lines(changed)).toEqual(
      expect.arrayContaining([
        ['Seats', '2026-03-16', '2026-03-31', '-2.58'],
        ['Platform fee', '2026-03-16', '2026-03-31', '15.48'],
        ['Seats', '2026-03-16', '2026-03-31', '5.16'],
      ]),
    );

    await env.admin.post('/clock/advance', { to: '2026-04-01T00:00:00Z' });
    const april = (await invoices(account))[2];
    // April on Pro alone: 30 + 10 = 40, nothing of March again.
    expect(lines(april)).toEqual([
      ['Platform fee', '2026-04-01', '2026-04-30', '30.00'],
      ['Seats', '2026-04-01', '2026-04-30', '10.00'],
    ]);
  });
});

describe('renewals on the day', () => {
  it('P1M from midnight stands on the bill cycle day with the renewal declined and its callouts delivered', async () => {
    await registerStiggEvents(env.zuora, `${receiver.url}/hook`);
    const account = await customer('4000000000000002');
    await signUp(account, [proWithSeats(2)], { runBilling: true, collectPayment: false });
    await env.admin.post('/clock/advance', { by: 'PT0S' });
    receiver.reset();

    const advanced = await env.admin.post('/clock/advance', { by: 'P1M' });
    expect(advanced.body.now).toBe('2026-04-01T00:00:00.000Z');
    // April: 30 + 2 x 10 = 50 posted; the payment run tries March's 50 and April's 50 and both are declined.
    const all = await invoices(account);
    expect(all.map((invoice) => [invoice.invoiceDate, invoice.amount, invoice.balance])).toEqual([
      ['2026-03-01', '50.00', '50.00'],
      ['2026-04-01', '50.00', '50.00'],
    ]);
    expect((await payments(account)).map((payment) => [payment.status, payment.amount])).toEqual([
      ['Error', '50.00'],
      ['Error', '50.00'],
    ]);
    // Delivered before the advance returned, in commit order: the bill run's invoice, then the payment run's failures.
    expect(callouts()).toEqual(['StiggInvoicePostedEvent', 'StiggPaymentFailedEvent', 'StiggPaymentFailedEvent']);
    const failure = receiver.at('/hook').at(-1)?.body as Record<string, string>;
    expect(failure.PaymentGatewayResponseCode).toBe('card_declined');
  });

  // In UTC the day starts at 00:00Z; in Berlin (summer time from 29 March, UTC+2) 1 April starts at
  // 22:00Z on 31 March. The zone is set after the jobs are booked: they move with it.
  it.each([
    ['UTC', '2026-04-01T00:00:00.000Z'],
    ['Europe/Berlin', '2026-03-31T22:00:00.000Z'],
  ])('runs the jobs of one instant in order: scheduled order, term end, bill run, payment run (%s)', async (timeZone, dayStart) => {
    const account = await customer('4242424242424242');
    const response = await env.zuora.post('/v1/orders', {
      orderDate: '2026-03-01',
      existingAccountNumber: account.number,
      processingOptions: { runBilling: true, collectPayment: true },
      subscriptions: [
        {
          orderActions: [
            {
              type: 'CreateSubscription',
              createSubscription: {
                terms: { initialTerm: { termType: 'TERMED', period: 1, periodType: 'Month' }, autoRenew: true, renewalTerms: [{ period: 1, periodType: 'Month' }] },
                subscribeToRatePlans: [proWithSeats(10)],
              },
            },
          ],
        },
      ],
    }, ORDERS_223);
    const number = response.body.subscriptions[0].subscriptionNumber as string;
    const seats = (await env.zuora.get(`/v1/subscriptions/${number}`)).body.ratePlans[0].ratePlanCharges.find((charge: { name: string }) => charge.name === 'Seats').number;
    // A downgrade to 3 seats scheduled for the bill cycle day, placed after the bill run was booked.
    const scheduled = await env.zuora.post('/v1/orders', {
      orderDate: '2026-03-01',
      existingAccountNumber: account.number,
      status: 'Scheduled',
      schedulingOptions: { scheduledDate: '2026-04-01' },
      subscriptions: [
        {
          subscriptionNumber: number,
          orderActions: [
            {
              type: 'UpdateProduct',
              triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-04-01' }],
              updateProduct: { productRatePlanId: catalog.pro.planId, chargeUpdates: [{ chargeNumber: seats, pricing: { recurringPerUnit: { quantity: 3 } } }] },
            },
          ],
        },
      ],
    });
    expect(scheduled.body.success).toBe(true);
    await env.admin.patch('/settings', { timeZone });
    // All due when 1 April starts in the tenant's zone, listed in the order they will run.
    expect((await jobs()).map((job) => [job.kind, job.dueAt])).toEqual([
      ['order.execute', dayStart],
      ['subscription.termEnd', dayStart],
      ['billing.billRun', dayStart],
    ]);

    await env.admin.post('/clock/advance', { to: dayStart });
    const versions = (await env.zuora.get(`/v1/subscriptions/${number}`)).body;
    expect(versions).toMatchObject({ termStartDate: '2026-04-01', termEndDate: '2026-05-01', status: 'Active' });
    // April bills the downgraded 3 seats: 30 + 3 x 10 = 60, and the payment run right after collects it.
    const april = (await invoices(account))[1];
    expect(april).toMatchObject({ invoiceDate: '2026-04-01', amount: '60.00', balance: '0.00' });
    expect((await payments(account)).map((payment) => payment.amount)).toEqual(['130.00', '60.00']);
  });

  it('moves bill runs not yet run when the tenant changes its bill-run time or time zone', async () => {
    const account = await customer('4242424242424242');
    await signUp(account, [{ productRatePlanId: catalog.support.planId }]);
    expect((await env.admin.patch('/settings', { billRunTime: '01:00' })).body.billRunTime).toBe('01:00');
    expect((await jobs()).map((job) => job.dueAt)).toEqual(['2026-04-01T01:00:00.000Z']);

    await env.admin.post('/clock/advance', { to: '2026-04-01T00:30:00Z' });
    expect(await invoices(account)).toHaveLength(1);
    await env.admin.post('/clock/advance', { to: '2026-04-01T01:00:00Z' });
    expect((await invoices(account)).map((invoice) => invoice.invoiceDate)).toEqual(['2026-03-01', '2026-04-01']);

    // New York is on daylight time in May (UTC-4): 00:00 there on 1 May is 04:00 UTC.
    await env.admin.patch('/settings', { billRunTime: '00:00', timeZone: 'America/New_York' });
    expect((await jobs()).map((job) => job.dueAt)).toEqual(['2026-05-01T04:00:00.000Z']);
    await env.admin.post('/clock/advance', { to: '2026-05-01T03:59:00Z' });
    expect(await invoices(account)).toHaveLength(2);
    await env.admin.post('/clock/advance', { to: '2026-05-01T04:00:00Z' });
    expect((await invoices(account)).map((invoice) => invoice.invoiceDate)).toEqual(['2026-03-01', '2026-04-01', '2026-05-01']);
  });
});
