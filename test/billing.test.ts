import { beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useEmulator, ORDERS_223 } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

// Every test starts on 15 January 2026 with accounts that bill on the 1st, payment term Net 30.
const START = '2026-01-15T10:00:00.000Z';
const env = useEmulator({ now: START });
let catalog: TestCatalog;

beforeEach(async () => {
  await env.admin.post('/reset', { now: START });
  catalog = await createTestCatalog(env.zuora);
});

interface Customer {
  id: string;
  number: string;
}

async function customer(card?: string, autoPay = true): Promise<Customer> {
  const body = accountBody({
    auto_pay: autoPay,
    ...(card ? { payment_method: { type: 'card', card: { card_number: card, expiry_month: 12, expiry_year: 2030, security_code: '123', brand: card.startsWith('5') ? 'mastercard' : 'visa' } } } : {}),
  });
  const created = await env.zuora.post('/v2/accounts', body);
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return { id: created.body.id, number: created.body.account_number };
}

async function subscribe(account: Customer, seats = 10, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await env.zuora.post('/v1/orders', {
    orderDate: '2026-01-15',
    existingAccountNumber: account.number,
    subscriptions: [
      {
        orderActions: [
          {
            type: 'CreateSubscription',
            createSubscription: {
              terms: { initialTerm: { termType: 'EVERGREEN' } },
              subscribeToRatePlans: [
                { productRatePlanId: catalog.pro.planId, chargeOverrides: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: seats } } }] },
                { productRatePlanId: catalog.metered.planId },
              ],
            },
          },
        ],
      },
    ],
    ...extra,
  }, ORDERS_223);
  if (!response.body.success) throw new Error(JSON.stringify(response.body));
  return response.body.subscriptions[0].subscriptionNumber;
}

async function invoices(account: Customer) {
  return (await env.zuora.get(`/v1/transactions/invoices/accounts/${account.number}`)).body.invoices as Array<{
    id: string;
    invoiceNumber: string;
    amount: string;
    balance: string;
    status: string;
    dueDate: string;
    invoiceItems: Array<{ chargeName: string; serviceStartDate: string; serviceEndDate: string; chargeAmount: string; quantity: string }>;
  }>;
}

async function payments(account: Customer) {
  return (await env.zuora.get(`/v1/transactions/payments/accounts/${account.number}`)).body.payments as Array<{
    id: string;
    status: string;
    amount: string;
    paidInvoices: Array<{ invoiceNumber: string; appliedPaymentAmount: string }>;
  }>;
}

function usage(account: Customer, subscriptionNumber: string, quantity: number, startTime: string) {
  return env.zuora.post('/v2/usage_records', { account_number: account.number, subscription_number: subscriptionNumber, unit_of_measure: 'call', quantity, start_time: startTime });
}

const lines = (items: Array<{ chargeName: string; serviceStartDate: string; serviceEndDate: string; chargeAmount: string }>) =>
  items.map((item) => [item.chargeName, item.serviceStartDate, item.serviceEndDate, item.chargeAmount]);

describe('bill runs', () => {
  it('bills a month of flat, per-unit and usage charges on the bill cycle day', async () => {
    const account = await customer(undefined, false);
    const subscription = await subscribe(account, 10);
    expect((await usage(account, subscription, 1000, '2026-01-20T12:00:00Z')).status).toBe(201);
    expect((await usage(account, subscription, 500, '2026-02-10T12:00:00Z')).status).toBe(201);
    expect(await invoices(account)).toEqual([]);

    await env.admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    const [first] = await invoices(account);
    expect(first).toMatchObject({ status: 'Posted', dueDate: '2026-03-03' }); // 1 February + Net 30
    expect(lines(first?.invoiceItems ?? [])).toEqual([
      ['Platform fee', '2026-01-15', '2026-01-31', '16.45'], // 30 x 17/31
      ['Platform fee', '2026-02-01', '2026-02-28', '30.00'],
      ['Seats', '2026-01-15', '2026-01-31', '54.84'], // 10 x 10 x 17/31
      ['Seats', '2026-02-01', '2026-02-28', '100.00'],
      ['API calls', '2026-01-15', '2026-01-31', '10.00'], // 1000 calls x 0.01, billed in arrears
    ]);
    expect(first?.amount).toBe('211.29');
    expect(first?.balance).toBe('211.29');
    const records = (await env.zuora.get(`/v2/usage_records?filter[]=subscription_number.EQ:${subscription}`)).body.data;
    expect(records.map((record: { quantity: number; state: string }) => [record.quantity, record.state])).toEqual([
      [1000, 'processed'],
      [500, 'pending'],
    ]);

    await env.admin.post('/clock/advance', { to: '2026-03-01T06:00:00Z' });
    const [second] = await invoices(account); // newest first
    expect(lines(second?.invoiceItems ?? [])).toEqual([
      ['Platform fee', '2026-03-01', '2026-03-31', '30.00'],
      ['Seats', '2026-03-01', '2026-03-31', '100.00'],
      ['API calls', '2026-02-01', '2026-02-28', '5.00'], // 500 calls x 0.01
    ]);
    expect(second?.amount).toBe('135.00');
    const accountRead = await env.zuora.get(`/v1/accounts/${account.number}`);
    expect(accountRead.body.metrics.balance).toBe(346.29); // 211.29 + 135.00, nothing paid (a JSON number, as Zuora's wire sends it)
  });

  it('credits the old seats and charges the new ones after a mid-period upgrade', async () => {
    const account = await customer(undefined, false);
    const subscription = await subscribe(account, 10);
    await env.admin.post('/clock/advance', { to: '2026-02-10T00:00:00Z' }); // February is billed on the 1st
    const { services } = env.emulator;
    const seats = services.store
      .view(services.defaultTenant)
      .all<{ name: string; chargeNumber: string }>('RatePlanCharge')
      .find((charge) => charge.name === 'Seats')?.chargeNumber;
    const upgrade = {
      type: 'UpdateProduct',
      triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-02-15' }],
      updateProduct: { productRatePlanId: catalog.pro.planId, chargeUpdates: [{ chargeNumber: seats, pricing: { recurringPerUnit: { quantity: 20 } } }] },
    };
    const preview = await env.zuora.post('/v1/orders/preview', {
      orderDate: '2026-02-10',
      existingAccountNumber: account.number,
      previewOptions: { previewThruType: 'SpecificDate', specificPreviewThruDate: '2026-02-28', previewTypes: ['BillingDocs'] },
      subscriptions: [{ subscriptionNumber: subscription, orderActions: [upgrade] }],
    });
    // February is already billed for 10 seats: the upgrade credits 10 seats and charges 20 for
    // 15-28 February, 14 of 28 days: -100 x 14/28 + 200 x 14/28 = -50 + 100.
    expect(preview.body.previewResult.invoices[0].invoiceItems.map((item: { amountWithoutTax: number }) => item.amountWithoutTax)).toEqual([-50, 100]);
    expect(preview.body.previewResult.invoices[0].amount).toBe(50);

    await env.zuora.post('/v1/orders', { orderDate: '2026-02-10', existingAccountNumber: account.number, subscriptions: [{ subscriptionNumber: subscription, orderActions: [upgrade] }] }, ORDERS_223);
    await env.admin.post('/clock/advance', { to: '2026-03-01T06:00:00Z' });
    const [march] = await invoices(account);
    expect(lines(march?.invoiceItems ?? []).filter((line) => line[0] !== 'API calls')).toEqual([
      ['Platform fee', '2026-03-01', '2026-03-31', '30.00'],
      ['Seats', '2026-02-15', '2026-02-28', '-50.00'],
      ['Seats', '2026-02-15', '2026-02-28', '100.00'],
      ['Seats', '2026-03-01', '2026-03-31', '200.00'],
    ]);
    expect(march?.amount).toBe('280.00'); // 30 - 50 + 100 + 200
  });

  it('bills at once when the order asks runBilling, and collects when asked collectPayment', async () => {
    const account = await customer('4242424242424242');
    const response = await env.zuora.post('/v1/orders?returnIds=true', {
      orderDate: '2026-01-15',
      existingAccountNumber: account.number,
      processingOptions: { runBilling: true, collectPayment: true, billingOptions: { targetDate: '2026-01-15' } },
      subscriptions: [
        {
          orderActions: [
            {
              type: 'CreateSubscription',
              createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] },
            },
          ],
        },
      ],
    }, ORDERS_223);
    // Support: 50 x 17/31 = 27.42 for 15 January to 1 February.
    expect(response.body).toMatchObject({ success: true, invoiceNumbers: [expect.stringMatching(/^INV\d{8}$/)], paidAmount: 27.42, paymentNumber: expect.stringMatching(/^P-\d{8}$/) });
    const [invoice] = await invoices(account);
    expect(invoice).toMatchObject({ amount: '27.42', balance: '0.00' });
  });
});

describe('payments', () => {
  it('charges an auto-pay account when its invoice posts', async () => {
    const account = await customer('4242424242424242');
    await subscribe(account, 10);
    await env.admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    const [invoice] = await invoices(account);
    expect(invoice?.balance).toBe('0.00');
    const [payment] = await payments(account);
    expect(payment).toMatchObject({ status: 'Processed', amount: '201.29', paidInvoices: [{ invoiceNumber: invoice?.invoiceNumber, appliedPaymentAmount: '201.29' }] });
  });

  it('records a decline by test card with its gateway code, and an external payment settles the invoice', async () => {
    const account = await customer('4000000000000002');
    await subscribe(account, 10);
    await env.admin.post('/clock/advance', { by: 'P1M' });
    const [invoice] = await invoices(account);
    expect(invoice).toMatchObject({ status: 'Posted', balance: '201.29' });
    const { services } = env.emulator;
    const failed = services.store.view(services.defaultTenant).all<{ status: string; gatewayResponseCode: string; gatewayResponse: string; paymentParts: Array<{ invoiceId: string }> }>('Payment');
    expect(failed).toEqual([
      expect.objectContaining({ status: 'Error', gatewayResponseCode: 'card_declined', gatewayResponse: 'Your card was declined.', paymentParts: [expect.objectContaining({ invoiceId: invoice?.id })] }),
    ]);

    const paid = await env.zuora.post('/v1/payments', {
      accountNumber: account.number,
      amount: 201.29,
      currency: 'USD',
      type: 'External',
      paymentMethodType: 'Check',
      effectiveDate: '2026-02-15',
      invoices: [{ invoiceId: invoice?.id, amount: 201.29 }],
    });
    expect(paid.body).toMatchObject({ success: true, status: 'Processed', type: 'External', amount: 201.29, appliedAmount: 201.29, unappliedAmount: 0 });
    const [settled] = await invoices(account);
    expect(settled?.balance).toBe('0.00');
    expect((await env.zuora.get(`/v1/object/invoice/${invoice?.id}`)).body).toMatchObject({ Balance: 0, PaymentAmount: 201.29, Status: 'Posted' });
  });

  it('fails the next attempts on an injected fault, then succeeds', async () => {
    const account = await customer('4111111111111111');
    await subscribe(account, 10);
    const fault = await env.admin.post('/faults/payments', { accountNumber: account.number, count: 1, gatewayResponseCode: 'do_not_honor', gatewayResponse: 'Do not honor' });
    expect(fault.status).toBe(201);
    await env.admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    expect((await payments(account)).map((payment) => payment.status)).toEqual(['Error']);
    // The next payment run (on the next bill date) tries the open invoice again, and it goes through.
    await env.admin.post('/clock/advance', { to: '2026-03-01T06:00:00Z' });
    const all = await payments(account);
    expect(all.map((payment) => payment.status).sort()).toEqual(['Error', 'Processed', 'Processed']);
    expect((await invoices(account)).every((invoice) => invoice.balance === '0.00')).toBe(true);
  });

  it('answers a declined electronic payment with success:false and keeps the Error payment', async () => {
    const account = await customer('4000000000009995', false);
    await subscribe(account, 10);
    await env.admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    const response = await env.zuora.post('/v1/payments', { accountNumber: account.number, amount: 201.29, currency: 'USD', type: 'Electronic' });
    expect(response.body).toMatchObject({ success: false, reasons: [{ message: expect.stringContaining('insufficient_funds') }] });
    expect((await payments(account)).map((payment) => payment.status)).toEqual(['Error']);
  });

  it('refuses bad payments without writing', async () => {
    const account = await customer(undefined, false);
    await subscribe(account, 10);
    await env.admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    const [invoice] = await invoices(account);
    const cases = [
      { accountNumber: account.number, amount: 10, currency: 'EUR', type: 'External' },
      { accountNumber: account.number, amount: -5, currency: 'USD', type: 'External' },
      { accountNumber: account.number, amount: 1000, currency: 'USD', type: 'External', invoices: [{ invoiceId: invoice?.id, amount: 999 }] },
      { accountNumber: account.number, amount: 10, currency: 'USD', type: 'Electronic' },
      { accountNumber: 'A99999999', amount: 10, currency: 'USD', type: 'External' },
      { accountNumber: account.number, currency: 'USD', type: 'External' },
    ];
    for (const body of cases) {
      const response = await env.zuora.post('/v1/payments', body);
      expect(response.body.success, JSON.stringify(body)).toBe(false);
    }
    expect(await payments(account)).toEqual([]);
  });
});

describeOfficial("billing bodies match Zuora's official specs", () => {
  it('validates payments, invoice reads and the transaction lists', async () => {
    const account = await customer(undefined, false);
    await subscribe(account, 10);
    await env.admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    const [invoice] = await invoices(account);
    const payment = await env.zuora.post('/v1/payments', { accountNumber: account.number, amount: 20, currency: 'USD', type: 'External' });
    await expectOfficialResponse('v1', 'POST', '/v1/payments', 200, payment.body);
    await expectOfficialResponse('v1', 'GET', '/v1/invoices/{invoiceKey}/items', 200, (await env.zuora.get(`/v1/invoices/${invoice?.invoiceNumber}/items`)).body);
    await expectOfficialResponse('legacy2017', 'GET', '/v1/object/invoice/{id}', 200, (await env.zuora.get(`/v1/object/invoice/${invoice?.id}`)).body);
    await expectOfficialResponse('legacy2017', 'GET', '/v1/transactions/invoices/accounts/{account-key}', 200, (await env.zuora.get(`/v1/transactions/invoices/accounts/${account.number}`)).body);
    await expectOfficialResponse('legacy2017', 'GET', '/v1/transactions/payments/accounts/{account-key}', 200, (await env.zuora.get(`/v1/transactions/payments/accounts/${account.number}`)).body);
  });
});

