// The sync engine with its Stripe integration (seed 003), against the emulator's Stripe dialect:
// catalog and names, a month of usage on the renewal invoice, a cancellation made in Stripe, the
// payment-failure story, and what is not synced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { emulatorTime } from '../sync/emulatorTime.js';
import { startSyncEngine, type RunningSyncEngine } from '../sync/index.js';
import { adminClient, request } from './helpers/emulator.js';
import { stripeSdk } from './helpers/stripe.js';
import { ACME, API_CALL_PRICE, FEATURES, PRO_FEE, proPlan } from './helpers/syncCatalog.js';

const START = '2027-01-05T00:00:00.000Z';

const CATALOG = {
  features: FEATURES,
  products: [ACME],
  plans: [
    { ...proPlan([PRO_FEE, API_CALL_PRICE]), trialDays: 14 },
    { id: 'plan-basic', product: 'product-acme', name: 'Basic', pricingType: 'PAID', prices: [{ billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 20 }] },
    { id: 'plan-free', product: 'product-acme', name: 'Free', pricingType: 'FREE', prices: [] },
    { id: 'plan-enterprise', product: 'product-acme', name: 'Enterprise', pricingType: 'CUSTOM', prices: [] },
  ],
  addons: [{ id: 'addon-support', product: 'product-acme', name: 'Priority support', prices: [{ billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 50 }] }],
};

let emulator: RunningEmulator;
let engine: RunningSyncEngine;
let stripe: Stripe;
let account = '';

const api = (method: string, path: string, body?: unknown) => request(`${engine.url}${path}`, method, body);
/** Moves the Stripe account's clock (its objects are on no test clock); webhooks are delivered on the way. */
const advanceTo = (to: string) => adminClient(emulator.url, account, emulator.adminToken).post('/clock/advance', { to });

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: START });
  account = emulator.stripe?.account ?? '';
  stripe = stripeSdk(emulator.stripe?.url ?? '', emulator.stripe?.secretKey ?? '');
  engine = await startSyncEngine({
    port: 0,
    inMemory: true,
    zuora: { baseUrl: emulator.url, ...credentials() },
    time: emulatorTime(emulator.url, account, emulator.adminToken),
    hourlyUsageSync: false,
  });
});

afterAll(async () => {
  await engine?.close();
  await emulator?.close();
});

function credentials() {
  return { clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret };
}

describe('connecting Stripe', () => {
  it('refuses a body without a key, and a key Stripe does not know', async () => {
    expect((await api('POST', '/api/integrations/stripe', { apiUrl: emulator.stripe?.url })).status).toBe(400);
    const wrong = await api('POST', '/api/integrations/stripe', { secretKey: 'sk_test_unknown', apiUrl: emulator.stripe?.url });
    expect(wrong.status).toBe(502);
    expect(wrong.body.error.code).toBe('STRIPE_ERROR');
  });

  it('registers a webhook endpoint for the engine and pushes the catalog with seed 003 names', async () => {
    const connected = await api('POST', '/api/integrations/stripe', { secretKey: emulator.stripe?.secretKey, apiUrl: emulator.stripe?.url });
    expect(connected.status).toBe(201);
    const endpoints = await stripe.webhookEndpoints.list();
    expect(endpoints.data.map((endpoint) => endpoint.url)).toEqual([`${engine.url}/webhooks/stripe`]);
    expect((await api('POST', '/api/catalog', CATALOG)).status).toBe(200);
    const names = (await stripe.products.list({ limit: 100 })).data.map((product) => product.name).sort();
    // Free and custom-priced plans have no prices, so nothing of them goes to Stripe.
    expect(names).toEqual(['Acme Basic Plan', 'Acme Priority support Add-on', 'Acme Pro Plan']);
    const pro = (await stripe.products.search({ query: "name:'Acme Pro Plan'" })).data[0];
    expect(pro?.metadata.stiggEntityUrl).toBe(`${engine.url}/api/plans/plan-pro`);
    // The usage charge has no price: usage goes onto the invoice as an item.
    expect((await stripe.prices.list({ product: pro?.id })).data.map((price) => price.unit_amount)).toEqual([3000]);
  });

  it('versions a changed price: a new one, and the old one archived', async () => {
    const dearer = { ...CATALOG, plans: [{ ...proPlan([{ ...PRO_FEE, amount: 35 }, API_CALL_PRICE]), trialDays: 14 }, ...CATALOG.plans.slice(1)] };
    expect((await api('POST', '/api/catalog', dearer)).status).toBe(200);
    const pro = (await stripe.products.search({ query: "name:'Acme Pro Plan'" })).data[0];
    expect((await stripe.prices.list({ product: pro?.id })).data.map((price) => price.unit_amount)).toEqual([3500]);
    expect((await stripe.prices.list({ product: pro?.id, active: false })).data.map((price) => price.unit_amount)).toEqual([3000]);
    expect((await api('POST', '/api/catalog', CATALOG)).status).toBe(200);
  });
});

describe('a paid plan with usage', () => {
  it('syncs the customer and a subscription with one item per charge and add-on', async () => {
    expect((await api('POST', '/api/customers', { id: 'cust-ada', name: 'Ada', email: 'ada@example.com', paymentMethod: { type: 'cc_ref', token: 'pm_card_visa' } })).status).toBe(201);
    const provisioned = await api('POST', '/api/subscriptions', { id: 'sub-ada', customerId: 'cust-ada', planId: 'plan-pro', addons: [{ addonId: 'addon-support', quantity: 1 }] });
    expect(provisioned.status).toBe(201);
    expect(provisioned.body).toMatchObject({ status: 'ACTIVE', sync: { status: 'SYNCED' } });
    const customers = await stripe.customers.search({ query: "email:'ada@example.com'" });
    expect(customers.data[0]).toMatchObject({ name: 'Ada', metadata: { stiggEntityUrl: `${engine.url}/api/customers/cust-ada` } });
    const subscriptions = await stripe.subscriptions.list({ customer: customers.data[0]?.id });
    const subscription = subscriptions.data[0];
    expect(subscription?.status).toBe('active');
    expect(subscription?.metadata.stiggEntityUrl).toBe(`${engine.url}/api/subscriptions/sub-ada`);
    expect(subscription?.items.data.map((item) => item.price.unit_amount).sort()).toEqual([3000, 5000]);
  });

  it('ends the month with the usage on the Stripe invoice, added to the draft on invoice.created', async () => {
    await advanceTo('2027-01-20T00:00:00.000Z');
    expect((await api('POST', '/api/usage', { customerId: 'cust-ada', featureId: 'feature-api-calls', value: 1200 })).status).toBeLessThan(300);
    // One month after sign-up the renewal draft is made; an hour later it is finalized and charged.
    await advanceTo('2027-02-05T02:00:00.000Z');
    const customer = (await stripe.customers.search({ query: "email:'ada@example.com'" })).data[0];
    const invoices = await stripe.invoices.list({ customer: customer?.id });
    const renewal = invoices.data.find((invoice) => invoice.billing_reason === 'subscription_cycle');
    expect(renewal?.status).toBe('paid');
    const usageLine = renewal?.lines.data.find((line) => line.description?.startsWith('API calls'));
    // 1,200 calls at $0.01 = $12.00
    expect(usageLine?.amount).toBe(1200);
    // $30 Pro + $50 support for February, and January's $12 of usage
    expect(renewal?.amount_paid).toBe(3000 + 5000 + 1200);
  });

  it('cancels the platform subscription when it is cancelled in Stripe', async () => {
    const customer = (await stripe.customers.search({ query: "email:'ada@example.com'" })).data[0];
    const subscription = (await stripe.subscriptions.list({ customer: customer?.id })).data[0];
    await stripe.subscriptions.cancel(subscription?.id ?? '');
    await emulator.services.clock.quiesce(account);
    expect((await api('GET', '/api/subscriptions/sub-ada')).body.status).toBe('CANCELED');
  });
});

describe('the payment-failure story', () => {
  it('declined at sign-up -> PAYMENT_PENDING; the invoice paid in Stripe -> ACTIVE', async () => {
    await api('POST', '/api/customers', { id: 'cust-bo', name: 'Bo', email: 'bo@example.com', paymentMethod: { type: 'cc_ref', token: 'pm_card_chargeCustomerFail' } });
    const provisioned = await api('POST', '/api/subscriptions', { id: 'sub-bo', customerId: 'cust-bo', planId: 'plan-pro' });
    expect(provisioned.body).toMatchObject({ status: 'PAYMENT_PENDING', paymentCollection: 'FAILED', sync: { status: 'SYNCED' } });
    const customer = (await stripe.customers.search({ query: "email:'bo@example.com'" })).data[0];
    const subscription = (await stripe.subscriptions.list({ customer: customer?.id, status: 'all' })).data[0];
    expect(subscription?.status).toBe('incomplete');
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer?.id ?? '' });
    await stripe.invoices.pay(String(subscription?.latest_invoice), { payment_method: visa.id });
    await emulator.services.clock.quiesce(account);
    expect((await api('GET', '/api/subscriptions/sub-bo')).body).toMatchObject({ status: 'ACTIVE', paymentCollection: 'NOT_REQUIRED', latestInvoice: { status: 'PAID' } });
  });
});

describe('a plan change through Stripe', () => {
  it('changes the Stripe subscription in place, prorated: half a month of Basic credited, half a month of Pro charged on the renewal', async () => {
    await api('POST', '/api/customers', { id: 'cust-di', name: 'Di', email: 'di@example.com', paymentMethod: { type: 'cc_ref', token: 'pm_card_visa' } });
    // Signed up 2027-02-05T02:00Z: a 28-day period to 2027-03-05T02:00Z.
    expect((await api('POST', '/api/subscriptions', { id: 'sub-di', customerId: 'cust-di', planId: 'plan-basic' })).body.sync.status).toBe('SYNCED');
    const customer = (await stripe.customers.search({ query: "email:'di@example.com'" })).data[0]?.id ?? '';
    const before = (await stripe.subscriptions.list({ customer })).data[0];
    await advanceTo('2027-02-19T02:00:00.000Z');
    const changed = await api('PATCH', '/api/subscriptions/sub-di', { planId: 'plan-pro' });
    expect(changed.body).toMatchObject({ planId: 'plan-pro', status: 'ACTIVE', sync: { status: 'SYNCED' } });
    const after = (await stripe.subscriptions.list({ customer })).data;
    expect(after.map((subscription) => subscription.id)).toEqual([before?.id]);
    expect(after[0]?.items.data.map((item) => [item.id, item.price.unit_amount])).toEqual([[before?.items.data[0]?.id, 3000]]);
    // Half the period left: Basic's unused half credited (-1000), Pro's remaining half charged (+1500).
    const prorations = (await stripe.invoiceItems.list({ customer, pending: true } as Stripe.InvoiceItemListParams)).data;
    expect(prorations.map((item) => [item.amount, item.proration]).sort()).toEqual([[-1000, true], [1500, true]]);
    await advanceTo('2027-03-05T04:00:00.000Z');
    const renewal = (await stripe.invoices.list({ customer })).data.find((invoice) => invoice.billing_reason === 'subscription_cycle');
    expect(renewal?.status).toBe('paid');
    expect(renewal?.amount_paid).toBe(3000 - 1000 + 1500);
  });

  it('refuses a change at the end of the billing period (a Zuora scheduled order), changing nothing', async () => {
    const refused = await api('PATCH', '/api/subscriptions/sub-di', { planId: 'plan-basic', scheduleStrategy: 'END_OF_BILLING_PERIOD' });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'SCHEDULE_NOT_SUPPORTED']);
    expect((await api('GET', '/api/subscriptions/sub-di')).body).toMatchObject({ planId: 'plan-pro', scheduledUpdates: [] });
  });
});

describe("the platform's hosted checkout and billing-portal links", () => {
  /** What a browser sends when the buyer submits the checkout page's form. */
  const submitCard = (url: string, number: string) =>
    fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ number, exp_month: '12', exp_year: '2031', cvc: '123' }) });

  it('gives a checkout link on the emulator; completing it provisions the subscription on the platform', async () => {
    await api('POST', '/api/customers', { id: 'cust-eve', name: 'Eve', email: 'eve@example.com' });
    const link = await api('POST', '/api/checkout', { customerId: 'cust-eve', planId: 'plan-pro', successUrl: 'https://app.example.com/welcome?session={CHECKOUT_SESSION_ID}' });
    expect(link.status).toBe(201);
    expect(link.body.url.startsWith(`${emulator.stripe?.url}/pages/${account}/checkout/cs_test_`)).toBe(true);
    const page = await fetch(link.body.url);
    expect(await page.text()).toContain('Total due today: 30.00 USD');
    expect((await api('GET', `/api/subscriptions/${link.body.subscriptionId}`)).status).toBe(404);

    // A declining card is shown on the page; nothing is provisioned.
    expect((await submitCard(link.body.url, '4000000000000002')).status).toBe(402);
    await emulator.services.clock.quiesce(account);
    expect((await api('GET', `/api/subscriptions/${link.body.subscriptionId}`)).status).toBe(404);

    const done = await submitCard(link.body.url, '4242424242424242');
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`https://app.example.com/welcome?session=${link.body.id}`);
    await emulator.services.clock.quiesce(account);
    const provisioned = await api('GET', `/api/subscriptions/${link.body.subscriptionId}`);
    expect(provisioned.body).toMatchObject({ customerId: 'cust-eve', planId: 'plan-pro', status: 'ACTIVE', sync: { status: 'SYNCED' } });
    expect((await api('GET', '/api/customers/cust-eve')).body).toMatchObject({ paymentMethod: { type: 'card', last4: '4242' }, sync: { status: 'SYNCED' } });
    const customer = (await stripe.customers.search({ query: "email:'eve@example.com'" })).data;
    expect(customer).toHaveLength(1);
    const subscriptions = (await stripe.subscriptions.list({ customer: customer[0]?.id })).data;
    expect(subscriptions.map((subscription) => [subscription.status, subscription.metadata.stiggSubscriptionId])).toEqual([['active', link.body.subscriptionId]]);
  });

  it("gives a billing-portal link showing the customer's invoices", async () => {
    const portal = await api('POST', '/api/customers/cust-eve/billing-portal', { returnUrl: 'https://app.example.com/account' });
    expect(portal.status).toBe(201);
    const page = await (await fetch(portal.body.url)).text();
    expect(page).toContain('30.00 USD');
    expect(page).toContain('paid');
    // A customer never synced to Stripe has no portal.
    await api('POST', '/api/customers', { id: 'cust-fay', name: 'Fay' });
    expect((await api('POST', '/api/customers/cust-fay/billing-portal', {})).body.error.code).toBe('CUSTOMER_NOT_IN_STRIPE');
    expect((await api('POST', '/api/checkout', { customerId: 'cust-fay', planId: 'plan-pro' })).status).toBe(400);
  });
});

describe('what is not synced', () => {
  it('keeps trials, free plans and custom-priced plans out of Stripe, with the shared reasons', async () => {
    await api('POST', '/api/customers', { id: 'cust-cy', name: 'Cy', email: 'cy@example.com', paymentMethod: { type: 'cc_ref', token: 'pm_card_visa' } });
    const trial = await api('POST', '/api/subscriptions', { id: 'sub-trial', customerId: 'cust-cy', planId: 'plan-pro', trial: true });
    const free = await api('POST', '/api/subscriptions', { id: 'sub-free', customerId: 'cust-cy', planId: 'plan-free' });
    const custom = await api('POST', '/api/subscriptions', { id: 'sub-custom', customerId: 'cust-cy', planId: 'plan-enterprise' });
    expect(trial.body.sync).toMatchObject({ status: 'NO_SYNC', reason: 'Subscription is for a trial plan' });
    expect(free.body.sync).toMatchObject({ status: 'NO_SYNC', reason: 'Subscription is for a free plan' });
    expect(custom.body.sync).toMatchObject({ status: 'NO_SYNC', reason: 'Subscription is for a plan with a custom price' });
    expect((await api('GET', '/api/customers/cust-cy')).body.sync.status).toBe('NO_SYNC');
    expect((await stripe.customers.search({ query: "email:'cy@example.com'" })).data).toHaveLength(0);
  });

  it('removes the integration: the webhook endpoint goes', async () => {
    expect((await api('DELETE', '/api/integrations/stripe')).status).toBe(200);
    expect((await stripe.webhookEndpoints.list()).data).toHaveLength(0);
    expect((await api('DELETE', '/api/integrations/stripe')).status).toBe(404);
    // Hosted links are Stripe's: with Zuora as the integration there are none.
    const checkout = await api('POST', '/api/checkout', { customerId: 'cust-eve', planId: 'plan-pro', successUrl: 'https://app.example.com/' });
    expect([checkout.status, checkout.body.error.code]).toEqual([409, 'STRIPE_NOT_CONNECTED']);
  });
});
