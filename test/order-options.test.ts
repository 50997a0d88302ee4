import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useTenant } from './helpers/emulator.js';
import { createSubscriptionAction, YEARLY_TERMS } from './helpers/orders.js';

// The order options production integrations send: a new account with its gateway and payment
// method (charged by collectPayment), contacts with postalCode or zipCode, TermsAndConditions,
// charges named by product rate plan charge or unique token, and the order's category and description.

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog(env.zuora);
});

const TRIGGER_DATES = {
  triggerDates: [
    { name: 'ContractEffective', triggerDate: '2026-01-15' },
    { name: 'CustomerAcceptance', triggerDate: '2026-01-15' },
  ],
};
const createAction = (planId: string, terms: Record<string, unknown> = YEARLY_TERMS) => createSubscriptionAction([{ productRatePlanId: planId }], terms, TRIGGER_DATES);

const newAccount = (extra: Record<string, unknown> = {}) => ({
  name: 'Grace Hopper',
  currency: 'USD',
  crmId: 'crm-42',
  billCycleDay: 0,
  autoPay: true,
  paymentGateway: 'Stripe PaymentIntents Test',
  billToContact: { firstName: 'Grace', lastName: 'Hopper', workEmail: 'grace@example.com', country: 'United States', state: 'NY', city: 'New York', address1: '1 Navy Way', postalCode: '10001' },
  soldToContact: { firstName: 'Grace', lastName: 'Hopper', workEmail: 'grace@example.com', country: 'United States', zipCode: '10002' },
  ...extra,
});

async function amend(account: string, subscriptionNumber: string, orderActions: unknown[]) {
  return env.zuora.post('/v1/orders', { orderDate: '2026-01-15', existingAccountNumber: account, subscriptions: [{ subscriptionNumber, orderActions }] });
}

describe('a new account in the order', () => {
  it('takes its gateway and payment method, makes the method the default and charges it on collectPayment', async () => {
    const created = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      description: 'Sign-up from the website',
      category: 'NewSales',
      newAccount: newAccount({
        paymentMethod: { type: 'CreditCardReferenceTransaction', tokenId: 'tok_visa', secondTokenId: 'cus_42', cardNumber: '4242', expirationMonth: 12, expirationYear: 2030 },
      }),
      subscriptions: [{ orderActions: [createAction(catalog.support.planId)] }],
      processingOptions: { runBilling: true, collectPayment: true },
    });
    // Support: $50 a month from 15 Jan, the first month billed at once and paid.
    expect(created.body).toMatchObject({ success: true, status: 'Completed', invoiceNumbers: [expect.any(String)], paymentNumber: expect.any(String), paidAmount: 50 });
    const account = (await env.zuora.get(`/v1/accounts/${created.body.accountNumber}`)).body;
    expect(account.billingAndPayment).toMatchObject({ paymentGateway: 'Stripe PaymentIntents Test', autoPay: true, defaultPaymentMethodId: expect.stringMatching(/^[0-9a-f]{32}$/), billCycleDay: 15 });
    expect(account.basicInfo.crmId).toBe('crm-42');
    expect(account.billToContact).toMatchObject({ zipCode: '10001', state: 'NY', address2: null });
    expect(account.soldToContact).toMatchObject({ zipCode: '10002', city: null });
    expect(account.metrics).toMatchObject({ balance: 0, totalInvoiceBalance: 0 });
    const order = (await env.zuora.get(`/v1/orders/${created.body.orderNumber}`)).body.order;
    expect(order).toMatchObject({ category: 'NewSales', description: 'Sign-up from the website' });
  });

  it('takes a payment method a hosted page made (hpmCreditCardPaymentMethodId)', async () => {
    const holder = (await env.zuora.post('/v2/accounts', accountBody())).body;
    const method = await env.zuora.post('/v2/payment_methods', { type: 'card', account_id: holder.id, card: { card_number: '4111111111111111', expiry_month: 12, expiry_year: 2030 } });
    const created = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      newAccount: newAccount({ hpmCreditCardPaymentMethodId: method.body.id }),
      subscriptions: [{ orderActions: [createAction(catalog.support.planId)] }],
      processingOptions: { runBilling: true, collectPayment: true },
    });
    expect(created.body).toMatchObject({ success: true, paidAmount: 50 });
    const account = (await env.zuora.get(`/v1/accounts/${created.body.accountNumber}`)).body;
    expect(account.billingAndPayment.defaultPaymentMethodId).toBe(method.body.id);
  });

  it('refuses a payment method type it cannot charge, writing nothing', async () => {
    const accountsBefore = (await env.zuora.get('/v2/accounts?page_size=99')).body.data.length;
    const refused = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      newAccount: newAccount({ paymentMethod: { type: 'Betalingsservice', accountNumber: '12345678', bankCode: '1234' } }),
      subscriptions: [{ orderActions: [createAction(catalog.support.planId)] }],
    });
    expect(refused.body).toMatchObject({ success: false, reasons: [{ code: 53110020, message: expect.stringContaining("'Betalingsservice'") }] });
    expect((await env.zuora.get('/v2/accounts?page_size=99')).body.data.length).toBe(accountsBefore);
  });
});

/** Signs a new account up with `paymentMethod`, billing and collecting the first month of support ($50). */
async function signUpWith(paymentMethod: Record<string, unknown>) {
  const created = await env.zuora.post('/v1/orders', {
    orderDate: '2026-01-15',
    newAccount: newAccount({ paymentMethod }),
    subscriptions: [{ orderActions: [createAction(catalog.support.planId)] }],
    processingOptions: { runBilling: true, collectPayment: true },
  });
  expect(created.body.success, JSON.stringify(created.body)).toBe(true);
  const account = (await env.zuora.get(`/v1/accounts/${created.body.accountNumber}`)).body;
  const methodId = account.billingAndPayment.defaultPaymentMethodId as string;
  const method = (await env.zuora.get(`/v2/payment_methods/${methodId}`)).body;
  const payment = (await env.zuora.get(`/v1/payments/${created.body.paymentNumber}`)).body;
  return { created: created.body, account, method, payment };
}

describe('bank debit and PayPal payment methods in a new account', () => {
  it('Bacs: created as the default, stored masked, and charged by collectPayment', async () => {
    const { created, account, method, payment } = await signUpWith({ type: 'Bacs', accountNumber: '00012345', bankCode: '108800', accountHolderInfo: { accountHolderName: 'Grace Hopper' } });
    expect(created).toMatchObject({ paidAmount: 50 });
    expect(account.metrics).toMatchObject({ balance: 0 });
    expect(method).toMatchObject({ type: 'bacs_debit', state: 'active', bacs_debit: { account_number: '****2345', bank_code: '108800' } });
    expect(JSON.stringify(method)).not.toContain('00012345');
    expect(payment).toMatchObject({ status: 'Processed', amount: 50, paymentMethodId: method.id });
  });

  it('PayPal (Express Checkout): created as the default and charged', async () => {
    const { created, method } = await signUpWith({ type: 'PayPalEC', BAID: 'I-1TJ3GAGG82Y9', email: 'grace@example.com' });
    expect(created).toMatchObject({ paidAmount: 50 });
    expect(method).toMatchObject({ type: 'paypal_express', paypal_express: { baid: 'I-1TJ3GAGG82Y9', email: 'grace@example.com' } });
  });

  it('ACH and SEPA: created with the account number or IBAN masked, and charged', async () => {
    const ach = await signUpWith({ type: 'ACH', bankABACode: '110000000', bankAccountNumber: '000123456789', bankAccountName: 'Grace Hopper', bankAccountType: 'Checking', bankName: 'Navy Federal' });
    expect(ach.created).toMatchObject({ paidAmount: 50 });
    expect(ach.method).toMatchObject({ type: 'ach_debit', ach_debit: { bank_aba_code: '110000000', bank_account_number: '********6789', bank_account_name: 'Grace Hopper' } });
    const sepa = await signUpWith({ type: 'SEPA', IBAN: 'DE89 3704 0044 0532 0130 00', accountHolderInfo: { accountHolderName: 'Grace Hopper' } });
    expect(sepa.created).toMatchObject({ paidAmount: 50 });
    expect(sepa.method.sepa_debit).toMatchObject({ IBAN: '******************3000' });
  });

  it('declines as the test accounts say: a Bacs account with no funds, a PayPal payer that is declined', async () => {
    // The gateway simulator judges a bank debit by its account number and PayPal by the payer's email (testAccounts.ts).
    const bacs = await signUpWith({ type: 'Bacs', accountNumber: '90012345', bankCode: '108800' });
    expect(bacs.payment).toMatchObject({ status: 'Error', gatewayResponseCode: 'insufficient_funds' });
    expect(bacs.account.metrics).toMatchObject({ balance: 50 });
    const payPal = await signUpWith({ type: 'PayPalEC', BAID: 'I-DECLINED', email: 'declined@paypal.test' });
    expect(payPal.payment).toMatchObject({ status: 'Error', gatewayResponseCode: 'INSTRUMENT_DECLINED' });
  });

  it('refuses a bank debit without its account details, writing nothing', async () => {
    const accountsBefore = (await env.zuora.get('/v2/accounts?page_size=99')).body.data.length;
    const noSortCode = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      newAccount: newAccount({ paymentMethod: { type: 'Bacs', accountNumber: '00012345' } }),
      subscriptions: [{ orderActions: [createAction(catalog.support.planId)] }],
    });
    expect(noSortCode.body).toMatchObject({ success: false, reasons: [{ message: expect.stringContaining('bankCode') }] });
    const badIban = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      newAccount: newAccount({ paymentMethod: { type: 'SEPA', IBAN: 'not-an-iban', accountHolderInfo: { accountHolderName: 'G' } } }),
      subscriptions: [{ orderActions: [createAction(catalog.support.planId)] }],
    });
    expect(badIban.body).toMatchObject({ success: false, reasons: [{ message: expect.stringContaining('IBAN') }] });
    expect((await env.zuora.get('/v2/accounts?page_size=99')).body.data.length).toBe(accountsBefore);
  });
});

describe('TermsAndConditions', () => {
  it('changes auto-renewal, the renewal term and the current term end, in a new version', async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number;
    const number = (await env.zuora.post('/v1/orders', { orderDate: '2026-01-15', existingAccountNumber: account, subscriptions: [{ orderActions: [createAction(catalog.support.planId)] }] })).body.subscriptionNumbers[0];
    const changed = await amend(account, number, [
      {
        type: 'TermsAndConditions',
        triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-01-15' }],
        termsAndConditions: { autoRenew: false, renewalTerms: [{ period: 6, periodType: 'Month' }], lastTerm: { termType: 'TERMED', endDate: '2026-07-15' } },
      },
    ]);
    expect(changed.body.success).toBe(true);
    const read = (await env.zuora.get(`/v1/subscriptions/${number}`)).body;
    expect(read).toMatchObject({ version: 2, autoRenew: false, renewalTerm: 6, renewalTermPeriodType: 'Month', termEndDate: '2026-07-15', subscriptionEndDate: '2026-07-15', currentTerm: 181, currentTermPeriodType: 'Day' });
  });

  it('turns a TERMED subscription EVERGREEN, and the order read echoes renewalTerms for an EVERGREEN one', async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number;
    const evergreen = await env.zuora.post('/v1/orders', { orderDate: '2026-01-15', existingAccountNumber: account, subscriptions: [{ orderActions: [createAction(catalog.support.planId, { initialTerm: { termType: 'EVERGREEN' } })] }] });
    const order = (await env.zuora.get(`/v1/orders/${evergreen.body.orderNumber}`)).body.order;
    expect(order.subscriptions[0].orderActions[0].createSubscription.terms.renewalTerms).toEqual([]);
    const number = (await env.zuora.post('/v1/orders', { orderDate: '2026-01-15', existingAccountNumber: account, subscriptions: [{ orderActions: [createAction(catalog.support.planId)] }] })).body.subscriptionNumbers[0];
    await amend(account, number, [{ type: 'TermsAndConditions', termsAndConditions: { lastTerm: { termType: 'EVERGREEN' } } }]);
    expect((await env.zuora.get(`/v1/subscriptions/${number}`)).body).toMatchObject({ termType: 'EVERGREEN', termEndDate: null, subscriptionEndDate: null });
  });
});

describe('naming a charge or rate plan', () => {
  it('updates a charge named by its product rate plan charge, and one named by a unique token of the same order', async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody())).body.account_number;
    const number = (await env.zuora.post('/v1/orders', { orderDate: '2026-01-15', existingAccountNumber: account, subscriptions: [{ orderActions: [createAction(catalog.pro.planId)] }] })).body.subscriptionNumbers[0];
    const byCharge = await amend(account, number, [
      { type: 'UpdateProduct', updateProduct: { productRatePlanId: catalog.pro.planId, chargeUpdates: [{ productRatePlanChargeId: catalog.pro.seatsId, pricing: { recurringPerUnit: { quantity: 7 } } }] } },
    ]);
    expect(byCharge.body.success).toBe(true);
    const seats = (body: any) => body.ratePlans.flatMap((plan: any) => plan.ratePlanCharges).find((charge: any) => charge.name === 'Seats' && charge.productRatePlanChargeId === catalog.pro.seatsId);
    expect(seats((await env.zuora.get(`/v1/subscriptions/${number}`)).body).quantity).toBe(7);
    const byToken = await amend(account, number, [
      { type: 'AddProduct', addProduct: { productRatePlanId: catalog.basic.planId, uniqueToken: 'basic-1', chargeOverrides: [{ productRatePlanChargeId: catalog.basic.seatsId, uniqueToken: 'basic-seats' }] } },
      { type: 'UpdateProduct', updateProduct: { uniqueToken: 'basic-1', chargeUpdates: [{ uniqueToken: 'basic-seats', pricing: { recurringPerUnit: { quantity: 4 } } }] } },
    ]);
    expect(byToken.body.success).toBe(true);
    const basic = (await env.zuora.get(`/v1/subscriptions/${number}`)).body.ratePlans.find((plan: any) => plan.productRatePlanId === catalog.basic.planId);
    expect(basic.ratePlanCharges[0].quantity).toBe(4);
    const removed = await amend(account, number, [
      { type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId, uniqueToken: 'support-1' } },
      { type: 'RemoveProduct', removeProduct: { uniqueToken: 'support-1' } },
    ]);
    expect(removed.body.success).toBe(true);
    const unknown = await amend(account, number, [{ type: 'UpdateProduct', updateProduct: { productRatePlanId: catalog.pro.planId, chargeUpdates: [{ uniqueToken: 'nope', pricing: { recurringPerUnit: { quantity: 2 } } }] } }]);
    expect(unknown.body).toMatchObject({ success: false, reasons: [{ message: expect.stringContaining("'nope'") }] });
  });
});
