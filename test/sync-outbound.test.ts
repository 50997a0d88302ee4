import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncContext } from '../sync/context.js';
import { FileSyncStore } from '../sync/model/store.js';
import type { Catalog, Customer, PaymentMethodInput } from '../sync/model/types.js';
import {
  cancelSubscription,
  grantCredits,
  provisionSubscription,
  syncCatalog,
  syncCustomer,
  syncUsage,
  updateSubscription,
} from '../sync/outbound/index.js';
import { ZuoraClient } from '../sync/zuora/client.js';
import { accountBody, defineCustomFields, useTenant, ORDERS_223 } from './helpers/emulator.js';
import { ACME, ANNUAL_SEAT_TIERS, API_CALL_PRICE, API_CREDITS, FEATURES, PRO_FEE, proPlan, SEAT_PRICE } from './helpers/syncCatalog.js';

// The outbound sync against an in-process emulator, checked through Zuora's own API. Tenant clock:
// 15 January 2026, 10:00 UTC; accounts get their bill cycle day (15) from their first subscription.

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });
let ctx: SyncContext;

const ENTITY_BASE = 'http://platform.test';
const GOOD_CARD: PaymentMethodInput = { type: 'card', cardNumber: '4111111111111111', brand: 'Visa', expMonth: 12, expYear: 2030 };

const catalog: Catalog = {
  features: FEATURES,
  currencies: [API_CREDITS],
  products: [ACME],
  plans: [
    { id: 'plan-free', kind: 'PLAN', product: 'product-acme', name: 'Free', pricingType: 'FREE', entitlements: [], prices: [] },
    { ...proPlan([PRO_FEE, SEAT_PRICE, API_CALL_PRICE, ANNUAL_SEAT_TIERS]), kind: 'PLAN', description: 'For growing teams', trialDays: 14 },
    {
      id: 'plan-basic',
      kind: 'PLAN',
      product: 'product-acme',
      name: 'Basic',
      pricingType: 'PAID',
      entitlements: [],
      prices: [
        { billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 10 },
        { billingPeriod: 'MONTHLY', model: 'PER_UNIT', feature: 'feature-seats', unitPrice: 5 },
      ],
    },
    {
      id: 'plan-enterprise',
      kind: 'PLAN',
      product: 'product-acme',
      name: 'Enterprise',
      pricingType: 'CUSTOM',
      entitlements: [],
      prices: [{ billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 1000 }],
    },
  ],
  addons: [
    {
      id: 'addon-support',
      kind: 'ADDON',
      product: 'product-acme',
      name: 'Priority support',
      pricingType: 'PAID',
      entitlements: [],
      prices: [{ billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 50 }],
    },
  ],
};

async function newCustomer(id: string, fields: Partial<Customer> = {}): Promise<Customer> {
  const customer: Customer = { id, name: `Ada ${id}`, email: `${id}@example.com`, metadata: {}, archived: false, createdAt: '2026-01-15T10:00:00.000Z', ...fields };
  await ctx.store.putCustomer(customer);
  return customer;
}

/** A customer as the API leaves one created with a card: the card itself goes to the sync. */
async function customerWithCard(id: string, fields: Partial<Customer> = {}): Promise<Customer> {
  await newCustomer(id, { paymentMethod: { type: 'card', brand: 'Visa', last4: '1111', expMonth: 12, expYear: 2030 }, ...fields });
  return syncCustomer(ctx, id, GOOD_CARD);
}

const chargeOf = (id: string) => env.zuora.get(`/v1/product-rate-plan-charges/${id}`);
const v1Subscription = (number: string) => env.zuora.get(`/v1/subscriptions/${number}`);
const ordersOf = (number: string, status = 'all') => env.zuora.get(`/v1/orders/subscription/${number}?status=${status}`);

function ratePlanOf(pkgId: string, period: 'MONTHLY' | 'ANNUALLY') {
  const ratePlan = ctx.store.package(pkgId)?.billing?.ratePlans[period];
  if (!ratePlan) throw new Error(`${pkgId} has no ${period} rate plan`);
  return ratePlan;
}

beforeAll(async () => {
  const store = await FileSyncStore.open({ inMemory: true });
  const { clientId, clientSecret } = env.credentials;
  ctx = {
    store,
    zuora: new ZuoraClient({ baseUrl: env.url, clientId, clientSecret }),
    // The tenant's virtual clock, as the engine reads it when wired to the emulator.
    time: { now: async () => new Date((await env.admin.get('/clock')).body.now as string) },
    entityBaseUrl: ENTITY_BASE,
  };
  await store.replaceCatalog(catalog);
  // The tenant refuses undefined custom fields: the ones the tests' ZUORA__ metadata names are defined first.
  await defineCustomFields(env.zuora, { Account: ['Region__c'], Subscription: ['Channel__c', 'Region__c'], Order: ['Channel__c', 'Region__c'] });
});

describe('catalog', () => {
  it('syncs each priced plan and add-on as a product, each billing period as a rate plan, each price as a charge', async () => {
    const result = await syncCatalog(ctx);
    expect(result).toEqual({ synced: ['plan-pro', 'plan-basic', 'plan-enterprise', 'addon-support'], skipped: ['plan-free'], failed: [] });

    const pro = ctx.store.package('plan-pro');
    const product = await env.zuora.get(`/v2/products/${pro?.billing?.productId}`);
    expect(product.body).toMatchObject({
      name: 'Pro',
      description: 'For growing teams',
      type: 'base',
      custom_fields: { stiggEntityUrl__c: `${ENTITY_BASE}/api/plans/plan-pro` },
    });
    const addonProduct = await env.zuora.get(`/v2/products/${ctx.store.package('addon-support')?.billing?.productId}`);
    expect(addonProduct.body.type).toBe('add_on');

    const monthly = ratePlanOf('plan-pro', 'MONTHLY');
    const plan = await env.zuora.get(`/v2/plans/${monthly.ratePlanId}`);
    expect(plan.body).toMatchObject({ name: 'Pro (Monthly)', product_id: pro?.billing?.productId });
    const [flat, seats, calls] = monthly.charges;
    expect((await chargeOf(flat?.chargeId ?? '')).body).toMatchObject({ type: 'Recurring', model: 'FlatFee', billingPeriod: 'Month', pricing: [{ currency: 'USD', price: 30 }] });
    expect((await chargeOf(seats?.chargeId ?? '')).body).toMatchObject({ type: 'Recurring', model: 'PerUnit', uom: 'seat', defaultQuantity: 1 });
    expect((await chargeOf(calls?.chargeId ?? '')).body).toMatchObject({ type: 'Usage', model: 'PerUnit', uom: 'call', pricing: [{ price: 0.01 }] });

    const [tiered] = ratePlanOf('plan-pro', 'ANNUALLY').charges;
    const tieredCharge = await chargeOf(tiered?.chargeId ?? '');
    expect(tieredCharge.body).toMatchObject({ type: 'Recurring', model: 'Tiered', billingPeriod: 'Annual', uom: 'seat' });
    expect(tieredCharge.body.pricing[0].tiers).toMatchObject([
      { startingUnit: 0, endingUnit: 10, price: 100, priceFormat: 'PerUnit' },
      { startingUnit: 10, endingUnit: null, price: 80, priceFormat: 'PerUnit' },
    ]);
  });

  it('patches what changed on a second pass, creates nothing twice, and takes an existing unit of measure', async () => {
    const before = ctx.store.package('plan-basic');
    const products = (await env.zuora.get('/v2/products?page_size=99')).body.data.length;
    const next: Catalog = structuredClone(catalog);
    const basic = next.plans.find((pkg) => pkg.id === 'plan-basic');
    if (!basic || !before?.billing) throw new Error('plan-basic missing');
    Object.assign(basic, { name: 'Basic 2026', billing: before.billing });
    basic.prices[0] = { billingPeriod: 'MONTHLY', model: 'FLAT_FEE', amount: 12 };
    for (const pkg of [...next.plans, ...next.addons]) {
      if (pkg.id !== 'plan-basic') pkg.billing = ctx.store.package(pkg.id)?.billing;
    }
    // A new add-on counting seats needs the unit "seat", which the first pass created.
    next.addons.push({
      id: 'addon-seats',
      kind: 'ADDON',
      product: 'product-acme',
      name: 'Extra seats',
      pricingType: 'PAID',
      entitlements: [],
      prices: [{ billingPeriod: 'MONTHLY', model: 'PER_UNIT', feature: 'feature-seats', unitPrice: 4 }],
    });
    await ctx.store.replaceCatalog(next);

    const result = await syncCatalog(ctx);
    expect(result.failed).toEqual([]);
    expect((await env.zuora.get('/v2/products?page_size=99')).body.data).toHaveLength(products + 1);
    const after = ctx.store.package('plan-basic');
    expect(after?.billing?.productId).toBe(before.billing.productId);
    expect((await env.zuora.get(`/v2/products/${after?.billing?.productId}`)).body.name).toBe('Basic 2026');
    const [flat] = ratePlanOf('plan-basic', 'MONTHLY').charges;
    expect(flat?.chargeId).toBe(before.billing.ratePlans.MONTHLY?.charges[0]?.chargeId);
    expect((await env.zuora.get(`/v2/prices/${flat?.chargeId}`)).body.amounts).toEqual({ USD: 12 });
    expect((await chargeOf(ratePlanOf('addon-seats', 'MONTHLY').charges[0]?.chargeId ?? '')).body.uom).toBe('seat');
  });
});

describe('customers that are not synced', () => {
  it('leaves out a customer without any subscription', async () => {
    const customer = await customerWithCard('cust-lonely');
    expect(customer.sync).toMatchObject({ status: 'NO_SYNC', reason: "Customer doesn't have any subscription" });
    expect(customer.billingId).toBeUndefined();
  });

  it('leaves out customers with only free or only trial subscriptions, and those subscriptions', async () => {
    await customerWithCard('cust-free');
    const free = await provisionSubscription(ctx, { customerId: 'cust-free', planId: 'plan-free' });
    expect(free).toMatchObject({ status: 'ACTIVE', sync: { status: 'NO_SYNC', reason: 'Subscription is for a free plan' } });
    expect(ctx.store.customer('cust-free')?.sync).toMatchObject({ status: 'NO_SYNC', reason: 'Customer only has subscriptions to free plans' });

    await customerWithCard('cust-trial');
    const trial = await provisionSubscription(ctx, { customerId: 'cust-trial', planId: 'plan-pro', trial: true, units: { 'feature-seats': 3 } });
    expect(trial).toMatchObject({ status: 'IN_TRIAL', trialEndsAt: '2026-01-29T10:00:00.000Z', sync: { status: 'NO_SYNC', reason: 'Subscription is for a trial plan' } });
    expect(trial.billingId).toBeUndefined();
    expect(ctx.store.customer('cust-trial')?.sync?.reason).toBe('Customer only has trial subscriptions');

    await customerWithCard('cust-custom');
    const custom = await provisionSubscription(ctx, { customerId: 'cust-custom', planId: 'plan-enterprise' });
    expect(custom.sync).toMatchObject({ status: 'NO_SYNC', reason: 'Subscription is for a plan with a custom price' });

    const accounts = (await env.zuora.get('/v2/accounts?page_size=99')).body.data as Array<{ custom_fields?: Record<string, string> }>;
    const synced = accounts.map((account) => account.custom_fields?.stiggCustomerId__c);
    expect(synced).not.toContain('cust-free');
    expect(synced).not.toContain('cust-trial');
    expect(synced).not.toContain('cust-custom');
  });

  it('leaves out a paid customer who gave neither billing information nor a payment method', async () => {
    await newCustomer('cust-bare');
    const subscription = await provisionSubscription(ctx, { customerId: 'cust-bare', planId: 'plan-basic' });
    expect(ctx.store.customer('cust-bare')?.sync?.reason).toBe("Customer's billing information was not given");
    expect(subscription.sync).toMatchObject({ status: 'NO_SYNC', reason: "Customer is not synced: Customer's billing information was not given" });
  });

  it('leaves out a charged customer without a payment method, but syncs one billed by invoice', async () => {
    await newCustomer('cust-nocard', { billingInfo: { currency: 'USD' } });
    await provisionSubscription(ctx, { customerId: 'cust-nocard', planId: 'plan-basic' });
    expect(ctx.store.customer('cust-nocard')?.sync?.reason).toBe("Customer doesn't have a payment method");

    await newCustomer('cust-invoice', { billingInfo: { email: 'ap@example.com', invoiceDaysUntilDue: 0 } });
    const invoiced = await provisionSubscription(ctx, { customerId: 'cust-invoice', planId: 'plan-basic', paymentCollectionMethod: 'INVOICE' });
    expect(invoiced.sync?.status).toBe('SYNCED');
    const account = await env.zuora.get(`/v2/accounts/${ctx.store.customer('cust-invoice')?.billingId}`);
    expect(account.body).toMatchObject({ payment_terms: 'Due Upon Receipt', auto_pay: false });
  });

  it('syncs a trial anyway when ZUORA__ metadata is given, billing from the end of the trial', async () => {
    await customerWithCard('cust-forced');
    const trial = await provisionSubscription(ctx, {
      customerId: 'cust-forced',
      planId: 'plan-basic',
      trial: { days: 10 },
      metadata: { ZUORA__Channel__c: 'partner' },
    });
    expect(trial).toMatchObject({ status: 'IN_TRIAL', sync: { status: 'SYNCED' } });
    const zuora = await v1Subscription(trial.billingSubscriptionNumber ?? '');
    expect(zuora.body.Channel__c).toBe('partner');
    expect(zuora.body.ratePlans[0].ratePlanCharges[0].effectiveStartDate).toBe('2026-01-25');
  });
});

describe('linking to Zuora records', () => {
  it('links a subscription given a billing id to that Zuora subscription, and its customer to the account', async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Existing Co', custom_fields: {} }))).body;
    const created = await env.zuora.post('/v1/orders?returnIds=true', {
      orderDate: '2026-01-15',
      existingAccountNumber: account.account_number,
      subscriptions: [
        {
          orderActions: [
            {
              type: 'CreateSubscription',
              createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: ratePlanOf('plan-basic', 'MONTHLY').ratePlanId }] },
            },
          ],
        },
      ],
    }, ORDERS_223);
    const zuoraId = created.body.subscriptions[0].subscriptionId as string;

    // Neither billing information nor a payment method: only the billing id forces the sync.
    await newCustomer('cust-linked', { name: 'Existing Co' });
    const linked = await provisionSubscription(ctx, { customerId: 'cust-linked', planId: 'plan-enterprise', billingId: zuoraId });
    expect(linked).toMatchObject({ billingId: zuoraId, billingSubscriptionNumber: created.body.subscriptions[0].subscriptionNumber, sync: { status: 'SYNCED' } });
    const customer = ctx.store.customer('cust-linked');
    expect(customer).toMatchObject({ billingId: account.id, billingAccountNumber: account.account_number, sync: { status: 'SYNCED' } });
    const patched = await env.zuora.get(`/v2/accounts/${account.id}`);
    expect(patched.body.custom_fields).toMatchObject({ stiggCustomerId__c: 'cust-linked' });
  });
});

describe('payment methods', () => {
  it("moves the customer's Zuora payment method to the account the customer is relinked to, as its default", async () => {
    await customerWithCard('cust-moving');
    await provisionSubscription(ctx, { customerId: 'cust-moving', planId: 'plan-basic' });
    const before = ctx.store.customer('cust-moving');
    const methodId = before?.paymentMethod?.billingId ?? '';
    const other = (await env.zuora.post('/v2/accounts', accountBody({ name: 'Moving Co', custom_fields: {} }))).body;

    await ctx.store.putCustomer({ ...(before as Customer), billingId: other.id });
    const relinked = await syncCustomer(ctx, 'cust-moving');
    expect(relinked).toMatchObject({ billingId: other.id, billingAccountNumber: other.account_number, sync: { status: 'SYNCED' } });
    expect((await env.zuora.get(`/v2/payment_methods/${methodId}`)).body.account_id).toBe(other.id);
    expect((await env.zuora.get(`/v2/accounts/${other.id}`)).body).toMatchObject({ default_payment_method_id: methodId, auto_pay: true });
  });
});

describe('paid subscriptions', () => {
  let subscriptionId = '';

  it('creates the account (contact, currency, payment term, custom fields, card) and an order with overrides', async () => {
    await customerWithCard('cust-paid', {
      name: 'Grace Hopper',
      billingInfo: { currency: 'USD', invoiceDaysUntilDue: 28, address: { line1: '1 Main St', city: 'Boston', country: 'United States', postalCode: '02110' } },
      metadata: { ZUORA__Region__c: 'EMEA', internal: 'not mirrored' },
    });
    const subscription = await provisionSubscription(ctx, {
      id: 'sub-paid',
      customerId: 'cust-paid',
      planId: 'plan-pro',
      units: { 'feature-seats': 5 },
      addons: [{ addonId: 'addon-support', quantity: 2 }],
    });
    subscriptionId = subscription.id;
    expect(subscription).toMatchObject({ status: 'ACTIVE', sync: { status: 'SYNCED' } });
    expect(subscription.billingId).toMatch(/^[0-9a-f]{32}$/);

    const customer = ctx.store.customer('cust-paid');
    expect(customer?.sync?.status).toBe('SYNCED');
    expect(customer?.paymentMethod?.billingId).toBeDefined();
    const account = await env.zuora.get(`/v2/accounts/${customer?.billingId}?expand[]=bill_to`);
    expect(account.body).toMatchObject({
      account_number: customer?.billingAccountNumber,
      name: 'Grace Hopper',
      currency: 'USD',
      payment_terms: 'Net 30',
      auto_pay: true,
      default_payment_method_id: customer?.paymentMethod?.billingId,
      bill_to: { first_name: 'Grace', last_name: 'Hopper', work_email: 'cust-paid@example.com', address: { line1: '1 Main St', city: 'Boston' } },
      custom_fields: { stiggCustomerId__c: 'cust-paid', stiggEntityUrl__c: `${ENTITY_BASE}/api/customers/cust-paid`, Region__c: 'EMEA' },
    });
    expect(account.body.custom_fields).not.toHaveProperty('internal');
    expect(ctx.store.events({ type: 'CUSTOMER_UPDATED', customerId: 'cust-paid' })).toMatchObject([{ data: { billingId: customer?.billingId } }]);

    const zuora = await v1Subscription(subscription.billingSubscriptionNumber ?? '');
    expect(zuora.body).toMatchObject({
      id: subscription.billingId,
      status: 'Active',
      termType: 'EVERGREEN',
      stiggEntityUrl__c: `${ENTITY_BASE}/api/subscriptions/sub-paid`,
      stiggCustomerId__c: 'cust-paid',
      stiggResourceId__c: 'sub-paid',
    });
    const charges = zuora.body.ratePlans.flatMap((plan: { ratePlanCharges: unknown[] }) => plan.ratePlanCharges);
    const seats = ratePlanOf('plan-pro', 'MONTHLY').charges[1]?.chargeId;
    const support = ratePlanOf('addon-support', 'MONTHLY').charges[0]?.chargeId;
    expect(charges.find((charge: { productRatePlanChargeId: string }) => charge.productRatePlanChargeId === seats)).toMatchObject({ quantity: 5, price: 10 });
    expect(charges.find((charge: { productRatePlanChargeId: string }) => charge.productRatePlanChargeId === support)).toMatchObject({ price: 100 });

    const [order] = (await ordersOf(subscription.billingSubscriptionNumber ?? '')).body.orders;
    expect(order.customFields).toEqual({
      stiggEntityUrl__c: `${ENTITY_BASE}/api/subscriptions/sub-paid`,
      stiggCustomerId__c: 'cust-paid',
      stiggResourceId__c: 'sub-paid',
    });
    expect(ctx.store.events({ type: 'SUBSCRIPTION_CREATED', subscriptionId })).toHaveLength(1);
  });

  it('changes seats at once as one order writing a new version', async () => {
    const before = ctx.store.subscription(subscriptionId);
    const updated = await updateSubscription(ctx, subscriptionId, { units: { 'feature-seats': 8 }, scheduleStrategy: 'IMMEDIATE' });
    expect(updated.units).toEqual({ 'feature-seats': 8 });
    expect(updated.billingId).not.toBe(before?.billingId);
    expect(updated.historicalBillingIds).toEqual([before?.billingId]);
    const zuora = await v1Subscription(updated.billingSubscriptionNumber ?? '');
    expect(zuora.body).toMatchObject({ id: updated.billingId, version: 2 });
    const seats = ratePlanOf('plan-pro', 'MONTHLY').charges[1]?.chargeId;
    const charges = zuora.body.ratePlans.flatMap((plan: { ratePlanCharges: unknown[] }) => plan.ratePlanCharges);
    expect(charges.find((charge: { productRatePlanChargeId: string }) => charge.productRatePlanChargeId === seats).quantity).toBe(8);
    expect(ctx.store.events({ type: 'SUBSCRIPTION_UPDATED', subscriptionId })).toHaveLength(1);
  });

  it('schedules an end-of-period downgrade at the next bill date; a second one replaces the first', async () => {
    const number = ctx.store.subscription(subscriptionId)?.billingSubscriptionNumber ?? '';
    const first = await updateSubscription(ctx, subscriptionId, { planId: 'plan-basic', scheduleStrategy: 'END_OF_BILLING_PERIOD' });
    expect(first.planId).toBe('plan-pro');
    const [pending] = first.scheduledUpdates;
    expect(pending).toMatchObject({ type: 'PLAN_CHANGE', target: { planId: 'plan-basic' }, effectiveAt: '2026-02-15T00:00:00.000Z', status: 'PENDING' });
    const scheduled = (await ordersOf(number, 'scheduled')).body.orders;
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toMatchObject({ orderNumber: pending?.zuoraOrderNumber, schedulingOptions: { scheduledDate: '2026-02-15' } });
    // A plan change ends this subscription on the day; the new one is provisioned when the order completes.
    expect(scheduled[0].subscriptions[0].orderActions).toEqual([expect.objectContaining({ type: 'CancelSubscription' })]);

    const second = await updateSubscription(ctx, subscriptionId, { addons: [], scheduleStrategy: 'END_OF_BILLING_PERIOD' });
    expect(second.scheduledUpdates.map((update) => update.status)).toEqual(['CANCELED', 'PENDING']);
    const latest = second.scheduledUpdates[1];
    expect(latest).toMatchObject({ type: 'PLAN_CHANGE', target: { planId: 'plan-basic', addons: [] } });
    expect((await env.zuora.get(`/v1/orders/${pending?.zuoraOrderNumber}`)).body.order.status).toBe('Cancelled');
    const nowScheduled = (await ordersOf(number, 'scheduled')).body.orders;
    expect(nowScheduled.map((order: { orderNumber: string }) => order.orderNumber)).toEqual([latest?.zuoraOrderNumber]);
  });
});

describe('usage', () => {
  it('keeps one pending usage record per charge and period, updated across hours', async () => {
    await customerWithCard('cust-usage');
    const subscription = await provisionSubscription(ctx, { customerId: 'cust-usage', planId: 'plan-pro', units: { 'feature-seats': 1 } });
    const report = async (id: string, value: number) =>
      ctx.store.putUsage({ id, customerId: 'cust-usage', featureId: 'feature-api-calls', value, at: (await ctx.time.now()).toISOString() });

    await report('usage-1', 100);
    const first = await syncUsage(ctx);
    expect(first.failed).toEqual([]);
    const [created] = first.records.filter((record) => record.subscriptionId === subscription.id);
    expect(created).toMatchObject({ featureId: 'feature-api-calls', quantity: 100 });

    await env.admin.post('/clock/advance', { by: 'PT1H' });
    await report('usage-2', 50);
    const second = await syncUsage(ctx);
    const [updated] = second.records.filter((record) => record.subscriptionId === subscription.id);
    expect(updated).toEqual({ ...created, quantity: 150 });

    const listed = await env.zuora.get(`/v2/usage_records?filter[]=subscription_number.EQ:${subscription.billingSubscriptionNumber}`);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({ id: created?.usageRecordId, quantity: 150, unit_of_measure: 'call', state: 'pending', start_time: expect.stringMatching(/^2026-01-15T00:00:00/) });
    expect(ctx.store.usage().every((entry) => entry.billingId === created?.usageRecordId)).toBe(true);
  });
});

describe('cancellations', () => {
  it('cancels at once in Zuora and on the platform', async () => {
    await customerWithCard('cust-cancel');
    const subscription = await provisionSubscription(ctx, { customerId: 'cust-cancel', planId: 'plan-basic' });
    const cancelled = await cancelSubscription(ctx, subscription.id, 'IMMEDIATE');
    expect(cancelled).toMatchObject({ status: 'CANCELED', sync: { status: 'SYNCED' } });
    expect((await v1Subscription(subscription.billingSubscriptionNumber ?? '')).body.status).toBe('Cancelled');
    expect(ctx.store.events({ type: 'SUBSCRIPTION_CANCELED', subscriptionId: subscription.id })).toHaveLength(1);
  });

  let leavingId = '';

  it('schedules a cancellation at the end of the billing period', async () => {
    await customerWithCard('cust-leaving');
    const subscription = await provisionSubscription(ctx, { customerId: 'cust-leaving', planId: 'plan-basic' });
    leavingId = subscription.id;
    const scheduled = await cancelSubscription(ctx, subscription.id, 'END_OF_BILLING_PERIOD');
    const [update] = scheduled.scheduledUpdates;
    expect(scheduled.status).toBe('ACTIVE');
    expect(update).toMatchObject({ type: 'CANCELLATION', status: 'PENDING', effectiveAt: scheduled.cancellationDate });
    const [order] = (await ordersOf(subscription.billingSubscriptionNumber ?? '', 'scheduled')).body.orders;
    expect(order.orderNumber).toBe(update?.zuoraOrderNumber);
    expect(order.subscriptions[0].orderActions[0]).toMatchObject({ type: 'CancelSubscription' });
  });

  it('withdraws the scheduled cancellation when a later change leaves the subscription as it is', async () => {
    const withdrawn = await updateSubscription(ctx, leavingId, { units: {}, scheduleStrategy: 'END_OF_BILLING_PERIOD' });
    expect(withdrawn.cancellationDate).toBeUndefined();
    expect(withdrawn.scheduledUpdates.map((update) => update.status)).toEqual(['CANCELED']);
    expect((await ordersOf(withdrawn.billingSubscriptionNumber ?? '', 'scheduled')).body.orders).toEqual([]);
  });
});

describe('failures and credits', () => {
  it('turns a Zuora refusal into FAILED states and SYNC_FAILED events, not an exception', async () => {
    await newCustomer('cust-badcard', { paymentMethod: { type: 'card', last4: '1234', expMonth: 1, expYear: 2030 } });
    await syncCustomer(ctx, 'cust-badcard', { type: 'card', cardNumber: '4111111111111234', expMonth: 1, expYear: 2030 });
    const subscription = await provisionSubscription(ctx, { customerId: 'cust-badcard', planId: 'plan-basic' });
    const customer = ctx.store.customer('cust-badcard');
    expect(customer?.sync?.status).toBe('FAILED');
    expect(customer?.sync?.reason).toMatch(/card number/);
    expect(subscription.sync).toMatchObject({ status: 'FAILED', reason: expect.stringMatching(/^Customer is not synced: /) });
    expect(ctx.store.events({ type: 'SYNC_FAILED', customerId: 'cust-badcard' })).toHaveLength(1);
  });

  it('records credit grants and logs them', async () => {
    const grant = await grantCredits(ctx, { customerId: 'cust-paid', currencyId: 'currency-api-credits', displayName: 'Welcome', amount: 500, grantType: 'PROMOTIONAL' });
    expect(ctx.store.credits('cust-paid')).toEqual([grant]);
    expect(ctx.store.events({ type: 'CREDITS_GRANTED', customerId: 'cust-paid' })).toHaveLength(1);
  });
});

describe('scheduled orders on the clock', () => {
  it('the scheduled downgrade runs on its date and ends the Zuora subscription on the old plan', async () => {
    const subscription = ctx.store.subscription('sub-paid');
    await env.admin.post('/clock/advance', { to: '2026-02-15T01:00:00.000Z' });
    const latest = subscription?.scheduledUpdates.at(-1);
    expect((await env.zuora.get(`/v1/orders/${latest?.zuoraOrderNumber}`)).body.order.status).toBe('Completed');
    const zuora = await v1Subscription(subscription?.billingSubscriptionNumber ?? '');
    expect(zuora.body).toMatchObject({ status: 'Cancelled' });
  });
});
