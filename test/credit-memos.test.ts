import { beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { createCustomer, useTenant, type TestCustomer, ORDERS_223 } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';
import { useReceiver } from './helpers/receiver.js';

// Sign-up on 1 March 2026 with Pro (30 platform fee + 10 seats x 10 = 130 a month), billed at once.
// A cancellation on 10 March gives back 10..31 March, 22 of 31 days:
//   platform fee 30 x 22/31 = 21.29, seats 100 x 22/31 = 70.97, 92.26 in all; 130 - 92.26 = 37.74.
const START = '2026-03-01T00:00:00.000Z';
const env = useTenant({ now: START });
const receiver = useReceiver();
let catalog: TestCatalog;

beforeEach(async () => {
  await env.admin.post('/reset', { now: START });
  receiver.reset();
  catalog = await createTestCatalog(env.zuora);
});

type Customer = TestCustomer;
const customer = (card?: string): Promise<Customer> => createCustomer(env.zuora, card);

/** Pro with 10 seats from 1 March, its first month invoiced at once (and collected when asked). */
async function subscribe(account: Customer, collectPayment: boolean): Promise<string> {
  const response = await env.zuora.post('/v1/orders', {
    orderDate: '2026-03-01',
    existingAccountNumber: account.number,
    processingOptions: { runBilling: true, collectPayment },
    subscriptions: [
      {
        orderActions: [
          {
            type: 'CreateSubscription',
            createSubscription: {
              terms: { initialTerm: { termType: 'EVERGREEN' } },
              subscribeToRatePlans: [{ productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 10 } } }] }],
            },
          },
        ],
      },
    ],
  }, ORDERS_223);
  if (!response.body.success) throw new Error(JSON.stringify(response.body));
  return response.body.subscriptions[0].subscriptionNumber;
}

function cancelOn10March(account: Customer, subscriptionNumber: string, processingOptions?: Record<string, unknown>) {
  return env.zuora.post('/v1/orders?returnIds=true', {
    orderDate: '2026-03-10',
    existingAccountNumber: account.number,
    ...(processingOptions ? { processingOptions } : {}),
    subscriptions: [
      {
        subscriptionNumber,
        orderActions: [{ type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-03-10' } }],
      },
    ],
  });
}

async function invoices(account: Customer) {
  return ((await env.zuora.get(`/v1/transactions/invoices/accounts/${account.number}`)).body.invoices as Array<{ id: string; invoiceNumber: string; amount: string; balance: string }>).reverse();
}

// balance, totalInvoiceBalance, creditBalance and contractedMrr are JSON numbers on Zuora's wire; the other metrics decimal strings.
async function metrics(account: Customer) {
  return (await env.zuora.get(`/v1/accounts/${account.number}`)).body.metrics as Record<string, string | number>;
}

describe('write-off on cancel', () => {
  it('credits the unused days, applies the credit memo to the open invoice and writes the rest off', async () => {
    const account = await customer();
    const number = await subscribe(account, false);
    await env.admin.post('/clock/advance', { to: '2026-03-10T00:00:00Z' });
    const cancelled = await cancelOn10March(account, number, {
      runBilling: true,
      writeOff: true,
      writeOffBehavior: { financeInformation: { onAccountAccountingCode: 'Write-offs' } },
    });
    const [invoice] = await invoices(account);
    expect(cancelled.body).toMatchObject({
      success: true,
      creditMemoNumbers: ['CM00000001'],
      creditMemoIds: [expect.stringMatching(/^[0-9a-f]{32}$/)],
      writeOff: [{ invoiceNumber: invoice?.invoiceNumber, amount: 37.74, status: 'Success', writeOffCreditMemoNumber: 'CM00000002' }],
    });
    expect(cancelled.body.invoiceNumbers).toBeUndefined(); // the cancellation billed a net credit: no invoice, no negative invoice
    expect(invoice).toMatchObject({ amount: '130.00', balance: '0.00' });

    const credit = await env.zuora.get(`/v1/creditmemos/${cancelled.body.creditMemoIds[0]}`);
    expect(credit.body).toMatchObject({
      success: true,
      number: 'CM00000001',
      accountNumber: account.number,
      amount: 92.26,
      appliedAmount: 92.26,
      unappliedAmount: 0,
      status: 'Posted',
      creditMemoDate: '2026-03-10',
      targetDate: '2026-03-10',
      sourceType: 'Subscription',
      sourceId: number,
      referredInvoiceId: null,
    });
    const writeOff = await env.zuora.get('/v1/credit-memos/CM00000002');
    expect(writeOff.body).toMatchObject({ number: 'CM00000002', amount: 37.74, appliedAmount: 37.74, unappliedAmount: 0, reasonCode: 'Write-off', sourceType: 'Invoice', referredInvoiceId: invoice?.id });
    // 130 invoiced, 92.26 + 37.74 credited: nothing owed, no credit left.
    expect(await metrics(account)).toMatchObject({ balance: 0, totalInvoiceBalance: 0, unappliedCreditMemoAmount: '0.00' });

    // The inspector's account timeline shows both memos after the invoice they went to.
    const { body: view } = await env.admin.get(`/inspect/accounts/${account.number}`);
    expect(view.timeline.map((entry: { kind: string; number: string }) => [entry.kind, entry.number])).toEqual([
      ['invoice', invoice?.invoiceNumber],
      ['creditMemo', 'CM00000001'],
      ['creditMemo', 'CM00000002'],
    ]);
    expect(view.timeline[2]).toMatchObject({ writeOff: true, amount: 37.74, reason: 'Write-off', invoices: [{ invoiceNumber: invoice?.invoiceNumber, amount: 37.74 }] });
    expect(view.timeline[1]).toMatchObject({ writeOff: false, amount: 92.26, source: `Subscription ${number}` });
  });

  it('refuses writeOff on an order that cancels nothing, and a bad writeOffBehavior, writing nothing', async () => {
    const account = await customer();
    const number = await subscribe(account, false);
    const notCancelling = await env.zuora.post('/v1/orders', {
      orderDate: '2026-03-01',
      existingAccountNumber: account.number,
      processingOptions: { writeOff: true },
      subscriptions: [{ subscriptionNumber: number, orderActions: [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }] }],
    });
    // Order's resource code 531100, category 20 (invalid value): 531100 x 100 + 20.
    expect(notCancelling.body).toMatchObject({ success: false, reasons: [{ code: 53110020, message: expect.stringContaining('writeOff') }] });
    const badBehavior = await cancelOn10March(account, number, { writeOff: true, writeOffBehavior: { financeInformation: { colour: 'red' } } });
    expect(badBehavior.body).toMatchObject({ success: false, reasons: [{ code: 53110020, message: expect.stringContaining('colour') }] });
    expect((await env.zuora.get(`/v1/subscriptions/${number}`)).body.status).toBe('Active');
    expect((await invoices(account)).map((invoice) => invoice.balance)).toEqual(['130.00']);
    expect((await env.zuora.get('/v1/creditmemos/CM00000001')).body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });
});

describe('credits from cancellations are credit memos', () => {
  it('leaves the credit unapplied when nothing is owed, and counts it in the account balance', async () => {
    const account = await customer('4242424242424242');
    const number = await subscribe(account, true);
    const cancelled = await cancelOn10March(account, number, { runBilling: true });
    expect(cancelled.body.creditMemoNumbers).toEqual(['CM00000001']);
    expect((await env.zuora.get('/v1/creditmemos/CM00000001')).body).toMatchObject({ amount: 92.26, appliedAmount: 0, unappliedAmount: 92.26 });
    // The March invoice was paid; the account is owed 92.26.
    expect(await metrics(account)).toMatchObject({ balance: -92.26, totalInvoiceBalance: 0, unappliedCreditMemoAmount: '92.26' });
    const quickstart = (await env.zuora.get(`/v2/accounts/${account.id}`)).body;
    expect(quickstart).toMatchObject({ remaining_invoice_balance: 0, remaining_credit_memo_balance: 92.26 });
  });

  it('lets the bill run turn a cancellation into a credit memo applied to the open invoice, not a negative invoice', async () => {
    const account = await customer();
    const number = await subscribe(account, false);
    expect((await cancelOn10March(account, number)).body.success).toBe(true);
    await env.admin.post('/clock/advance', { to: '2026-04-01T00:00:00Z' });
    // Still one invoice: the April bill run credited 92.26 with CM00000001 and spent it on March's 130.
    expect((await invoices(account)).map((invoice) => [invoice.amount, invoice.balance])).toEqual([['130.00', '37.74']]);
    expect((await env.zuora.get('/v1/creditmemos/CM00000001')).body).toMatchObject({ amount: 92.26, appliedAmount: 92.26, creditMemoDate: '2026-04-01' });
    expect(await metrics(account)).toMatchObject({ balance: 37.74, totalInvoiceBalance: 37.74, unappliedCreditMemoAmount: '0.00' });
  });

  it('bills a mid-period downgrade asked runBilling as a credit memo spent on the open invoice', async () => {
    const account = await customer();
    const number = await subscribe(account, false);
    const seats = (await env.zuora.get(`/v1/subscriptions/${number}`)).body.ratePlans[0].ratePlanCharges.find((charge: { name: string }) => charge.name === 'Seats').number;
    const downgrade = await env.zuora.post('/v1/orders', {
      orderDate: '2026-03-17',
      existingAccountNumber: account.number,
      processingOptions: { runBilling: true },
      subscriptions: [
        {
          subscriptionNumber: number,
          orderActions: [
            {
              type: 'UpdateProduct',
              triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-03-17' }],
              updateProduct: { productRatePlanId: catalog.pro.planId, chargeUpdates: [{ chargeNumber: seats, pricing: { recurringPerUnit: { quantity: 2 } } }] },
            },
          ],
        },
      ],
    });
    // 17..31 March is 15 of 31 days: 10 seats credited, -100 x 15/31 = -48.39; 2 charged, 20 x 15/31 = 9.68.
    // Net -38.71: a credit memo, spent on March's 130, which then owes 91.29.
    expect(downgrade.body).toMatchObject({ success: true, creditMemoNumbers: ['CM00000001'] });
    expect((await env.zuora.get('/v1/creditmemos/CM00000001')).body).toMatchObject({ amount: 38.71, appliedAmount: 38.71, unappliedAmount: 0 });
    expect((await invoices(account)).map((invoice) => [invoice.amount, invoice.balance])).toEqual([['130.00', '91.29']]);
    expect(await metrics(account)).toMatchObject({ balance: 91.29, totalInvoiceBalance: 91.29, unappliedCreditMemoAmount: '0.00' });
  });

  it('goes through the change feed: an event trigger on CreditMemo sees it', async () => {
    const trigger = await env.zuora.post('/events/event-triggers', {
      baseObject: 'CreditMemo',
      condition: "changeType == 'INSERT'",
      active: true,
      eventType: { name: 'CreditMemoCreated', displayName: 'Credit memo created' },
    });
    expect(trigger.status).toBe(200);
    const template = await env.zuora.post('/notifications/callout-templates', {
      name: 'Credit memo callout',
      eventTypeName: 'CreditMemoCreated',
      calloutBaseurl: `${receiver.url}/memos`,
      httpMethod: 'POST',
      calloutParams: { Number: '<CreditMemo.MemoNumber>', Amount: '<CreditMemo.Amount>', Reason: '<CreditMemo.ReasonCode>' },
      active: true,
    });
    await env.zuora.post('/notifications/notification-definitions', {
      name: 'Credit memo notification',
      eventTypeName: 'CreditMemoCreated',
      active: true,
      calloutActive: true,
      calloutTemplateIds: [template.body.id],
    });
    const account = await customer();
    const number = await subscribe(account, false);
    await cancelOn10March(account, number, { runBilling: true, writeOff: true });
    await env.admin.post('/clock/advance', { by: 'PT0S' });
    expect(receiver.at('/memos').map((request) => request.body)).toEqual([
      { Number: 'CM00000001', Amount: '92.26', Reason: 'Correcting invoice error' },
      { Number: 'CM00000002', Amount: '37.74', Reason: 'Write-off' },
    ]);
  });
});

describeOfficial("credit memo bodies match Zuora's official spec", () => {
  it('validates the credit memo read and the cancelling order answer', async () => {
    const account = await customer();
    const number = await subscribe(account, false);
    // Without writeOff: the official schema bounds writeOff[].amount to 9..22 (the decimal's
    // precision and scale, written as a range), which no real write-off amount here meets.
    const cancelled = await cancelOn10March(account, number, { runBilling: true });
    expect(cancelled.body.creditMemoNumbers).toEqual(['CM00000001']);
    await expectOfficialResponse('v1', 'POST', '/v1/orders', 200, cancelled.body);
    await expectOfficialResponse('v1', 'GET', '/v1/credit-memos/{creditMemoKey}', 200, (await env.zuora.get('/v1/credit-memos/CM00000001')).body);
  });
});
