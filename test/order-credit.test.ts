import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useEmulator, type TestCustomer } from './helpers/emulator.js';
import { createSubscriptionAction } from './helpers/orders.js';

// An order that bills (runBilling) can spend the credit the account already holds on the invoice it
// makes, before any payment is collected: `applyCreditBalance` spends all of it (credit balance, open
// credit memos, unapplied payments); `applyCredit` spends memos and unapplied payments in `applicationOrder`.

const env = useEmulator({ now: '2026-01-15T10:00:00.000Z' });
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

const TODAY = '2026-01-15';
const trigger = { triggerDates: [{ name: 'ContractEffective', triggerDate: TODAY }] };

function order(account: string, orderActions: unknown[], processingOptions: Record<string, unknown>, subscriptionNumber?: string) {
  return env.zuora.post('/v1/orders', { orderDate: TODAY, existingAccountNumber: account, subscriptions: [{ ...(subscriptionNumber ? { subscriptionNumber } : {}), orderActions }], processingOptions });
}

/** Pro with 5 seats: $30 + 5 x $10 = $80 for the first month. */
const proWithFiveSeats = () =>
  createSubscriptionAction([{ productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 5 } } }] }], undefined, trigger);

/**
 * An account (billed on the 15th, so months are whole) holding $70 of credit: support ($50) billed and paid, then cancelled the same day,
 * which credits the whole month back as a $50 credit memo with no open invoice to go to; and a $20
 * check received but not applied.
 */
async function customerWithCredit(): Promise<TestCustomer> {
  const created = await env.zuora.post(
    '/v2/accounts',
    accountBody({ bill_cycle_day: 15, auto_pay: true, payment_method: { type: 'card', card: { card_number: '4242424242424242', expiry_month: 12, expiry_year: 2030, brand: 'visa' } } }),
  );
  const customer = { id: created.body.id as string, number: created.body.account_number as string };
  const support = await order(customer.number, [createSubscriptionAction([{ productRatePlanId: catalog.support.planId }], undefined, trigger)], { runBilling: true, collectPayment: true });
  expect(support.body).toMatchObject({ success: true, paidAmount: 50 });
  const cancelled = await order(
    customer.number,
    [{ type: 'CancelSubscription', ...trigger, cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: TODAY } }],
    { runBilling: true },
    support.body.subscriptionNumbers[0],
  );
  expect(cancelled.body).toMatchObject({ success: true, creditMemoNumbers: [expect.any(String)] });
  const check = await env.zuora.post('/v1/payments', { accountNumber: customer.number, amount: 20, currency: 'USD', type: 'External', paymentMethodType: 'Check', effectiveDate: TODAY });
  expect(check.body).toMatchObject({ success: true, unappliedAmount: 20 });
  const account = (await env.zuora.get(`/v1/accounts/${customer.number}`)).body;
  expect(account.metrics).toMatchObject({ balance: -50, totalInvoiceBalance: 0 });
  return customer;
}

describe('applyCreditBalance on an order', () => {
  it('spends the credit memo and the unapplied payment on the new invoice, and charges only the rest', async () => {
    const customer = await customerWithCredit();
    const created = await order(customer.number, [proWithFiveSeats()], { runBilling: true, collectPayment: true, applyCreditBalance: true });
    // $80 invoice - $50 memo - $20 check = $10 charged to the card.
    expect(created.body).toMatchObject({ success: true, invoiceNumbers: [expect.any(String)], paidAmount: 10 });
    const invoice = (await env.zuora.get(`/v1/invoices/${created.body.invoiceNumbers[0]}`)).body;
    expect(invoice).toMatchObject({ amount: 80, balance: 0, creditMemoAmount: 50, paymentAmount: 30, creditBalanceAdjustmentAmount: 0 });
    const account = (await env.zuora.get(`/v1/accounts/${customer.number}`)).body;
    expect(account.metrics).toMatchObject({ balance: 0, totalInvoiceBalance: 0, creditBalance: 0 });
    const crud = (await env.zuora.get(`/v1/object/invoice/${invoice.id}`)).body;
    expect(crud).toMatchObject({ Balance: 0, CreditMemoAmount: 50, PaymentAmount: 30 });
    const listed = (await env.zuora.get(`/v1/transactions/invoices/accounts/${customer.number}`)).body.invoices.find((entry: any) => entry.id === invoice.id);
    // The transactions list sends amounts as decimal strings.
    expect(listed).toMatchObject({ amount: '80.00', balance: '0.00' });
  });

  it('leaves what the credit does not cover open when no payment is collected', async () => {
    const customer = await customerWithCredit();
    const created = await order(customer.number, [proWithFiveSeats()], { runBilling: true, applyCreditBalance: true });
    expect(created.body.paymentNumber).toBeUndefined();
    const invoice = (await env.zuora.get(`/v1/invoices/${created.body.invoiceNumbers[0]}`)).body;
    // $80 - $50 - $20 = $10 still owed.
    expect(invoice).toMatchObject({ balance: 10, creditMemoAmount: 50, paymentAmount: 20 });
    expect((await env.zuora.get(`/v1/accounts/${customer.number}`)).body.metrics).toMatchObject({ balance: 10, totalInvoiceBalance: 10 });
  });

  it('is off by default: the credit stays where it is and the card pays the whole invoice', async () => {
    const customer = await customerWithCredit();
    const created = await order(customer.number, [proWithFiveSeats()], { runBilling: true, collectPayment: true });
    expect(created.body).toMatchObject({ success: true, paidAmount: 80 });
    const invoice = (await env.zuora.get(`/v1/invoices/${created.body.invoiceNumbers[0]}`)).body;
    expect(invoice).toMatchObject({ balance: 0, creditMemoAmount: 0, paymentAmount: 80 });
    expect((await env.zuora.get(`/v1/accounts/${customer.number}`)).body.metrics).toMatchObject({ balance: -50 });
  });
});

describe('credit balance (a tenant without Invoice Settlement, brought in as a snapshot)', () => {
  it('is spent first, shown on the invoice as a negative credit balance adjustment', async () => {
    const customer = await customerWithCredit();
    // Give the account $15 of credit balance, as an imported tenant might hold: export, edit, import, restore.
    await env.admin.post('/snapshots', { name: 'with-credit-balance' });
    const document = (await env.admin.get('/snapshots/with-credit-balance')).body;
    document.objects.Account[customer.id].creditBalance = 15;
    expect((await env.admin.put('/snapshots/edited-credit-balance', document)).status).toBe(200);
    expect((await env.admin.post('/snapshots/edited-credit-balance/restore', {})).status).toBe(200);
    expect((await env.zuora.get(`/v1/accounts/${customer.number}`)).body.metrics.creditBalance).toBe(15);
    const created = await order(customer.number, [proWithFiveSeats()], { runBilling: true, collectPayment: true, applyCreditBalance: true });
    // $80 - $15 credit balance - $50 memo - $15 of the $20 check = $0: nothing charged, $5 of the check left.
    expect(created.body.success).toBe(true);
    expect(created.body.paymentNumber).toBeUndefined();
    const invoice = (await env.zuora.get(`/v1/invoices/${created.body.invoiceNumbers[0]}`)).body;
    expect(invoice).toMatchObject({ amount: 80, balance: 0, creditBalanceAdjustmentAmount: -15, creditMemoAmount: 50, paymentAmount: 15 });
    expect((await env.zuora.get(`/v1/object/invoice/${invoice.id}`)).body).toMatchObject({ CreditBalanceAdjustmentAmount: -15 });
    expect((await env.zuora.get(`/v1/accounts/${customer.number}`)).body.metrics).toMatchObject({ creditBalance: 0, balance: 0, totalInvoiceBalance: 0 });
  });
});

describe('applyCredit with an application order', () => {
  it('spends the unapplied payment before the credit memo when asked', async () => {
    const customer = await customerWithCredit();
    // Support again: $50. The $20 check goes first, then $30 of the $50 memo.
    const created = await order(customer.number, [createSubscriptionAction([{ productRatePlanId: catalog.support.planId }], undefined, trigger)], {
      runBilling: true,
      collectPayment: true,
      applyCredit: true,
      applicationOrder: ['UnappliedPayment', 'CreditMemo'],
    });
    expect(created.body).toMatchObject({ success: true });
    expect(created.body.paymentNumber).toBeUndefined();
    const invoice = (await env.zuora.get(`/v1/invoices/${created.body.invoiceNumbers[0]}`)).body;
    expect(invoice).toMatchObject({ amount: 50, balance: 0, paymentAmount: 20, creditMemoAmount: 30 });
    // $20 of memo credit is left.
    expect((await env.zuora.get(`/v1/accounts/${customer.number}`)).body.metrics).toMatchObject({ balance: -20 });
  });

  it('refuses both switches at once, and an unknown credit source, changing nothing', async () => {
    const customer = await customerWithCredit();
    const ordersBefore = (await env.zuora.get('/v1/orders')).body.orders.length;
    const both = await order(customer.number, [proWithFiveSeats()], { runBilling: true, applyCredit: true, applyCreditBalance: true });
    expect(both.body).toMatchObject({ success: false, reasons: [{ code: expect.any(Number), message: expect.stringContaining('applyCreditBalance') }] });
    const unknown = await order(customer.number, [proWithFiveSeats()], { runBilling: true, applyCredit: true, applicationOrder: ['GiftCard'] });
    expect(unknown.body).toMatchObject({ success: false, reasons: [{ message: expect.stringContaining('applicationOrder') }] });
    expect((await env.zuora.get('/v1/orders')).body.orders.length).toBe(ordersBefore);
    expect((await env.zuora.get(`/v1/accounts/${customer.number}`)).body.metrics).toMatchObject({ balance: -50 });
  });
});
