import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncContext } from '../sync/context.js';
import { handleCallout } from '../sync/inbound/index.js';
import { PLATFORM_EVENTS } from '../sync/integration/index.js';
import { FileSyncStore } from '../sync/model/store.js';
import type { Customer, ScheduledUpdate, Subscription } from '../sync/model/types.js';
import { ZuoraClient } from '../sync/zuora/client.js';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, useTenant, ORDERS_223 } from './helpers/emulator.js';

// Each callout handler of seeds/002 on hand-built callout bodies, against platform records put in an
// in-memory store. The emulator stands in for Zuora where a handler reads it (invoices, their items,
// subscriptions, accounts, orders).

const START = '2026-01-15T10:00:00.000Z';
const env = useTenant({ now: START });
let catalog: TestCatalog;
let ctx: SyncContext;
let store: FileSyncStore;
let now: Date;

beforeEach(async () => {
  await env.admin.post('/reset', { now: START });
  catalog = await createTestCatalog(env.zuora);
  store = await FileSyncStore.open({ inMemory: true });
  now = new Date(START);
  ctx = {
    store,
    zuora: new ZuoraClient({ baseUrl: env.url, ...env.credentials }),
    // The platform's clock, moved by hand where a test needs it.
    time: { now: async () => now },
    entityBaseUrl: 'http://127.0.0.1:4020',
  };
});

// ---- Platform records ----

async function putCustomer(billingId: string, extra: Partial<Customer> = {}): Promise<Customer> {
  const customer: Customer = { id: 'customer-1', name: 'Acme', metadata: {}, archived: false, billingId, createdAt: START, ...extra };
  await store.putCustomer(customer);
  return customer;
}

async function putSubscription(extra: Partial<Subscription> = {}): Promise<Subscription> {
  const subscription: Subscription = {
    id: 'sub-1',
    customerId: 'customer-1',
    planId: 'plan-pro',
    billingPeriod: 'MONTHLY',
    addons: [],
    units: { 'feature-seats': 10 },
    status: 'ACTIVE',
    paymentCollectionMethod: 'CHARGE',
    paymentCollection: 'NOT_REQUIRED',
    metadata: {},
    historicalBillingIds: [],
    scheduledUpdates: [],
    startDate: START,
    createdAt: START,
    ...extra,
  };
  await store.putSubscription(subscription);
  return subscription;
}

const sub = (): Subscription | undefined => store.subscription('sub-1');
/** The event log's entry types, oldest first. */
const logged = (): string[] => store.events().map((entry) => entry.type);

// ---- Zuora records ----

interface Billed {
  accountId: string;
  accountNumber: string;
  subscriptionId: string;
  subscriptionNumber: string;
  invoiceId: string;
}

/** An account without auto-pay and a Support subscription billed at once: one posted, unpaid invoice. */
async function billedSubscription(): Promise<Billed> {
  const account = (await env.zuora.post('/v2/accounts', accountBody({ auto_pay: false }))).body;
  const order = await env.zuora.post('/v1/orders?returnIds=true', {
    orderDate: '2026-01-15',
    existingAccountNumber: account.account_number,
    processingOptions: { runBilling: true, billingOptions: { targetDate: '2026-01-15' } },
    subscriptions: [
      { orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.support.planId }] } }] },
    ],
  }, ORDERS_223);
  if (!order.body.success) throw new Error(JSON.stringify(order.body));
  const { subscriptionId, subscriptionNumber } = order.body.subscriptions[0];
  return { accountId: account.id, accountNumber: account.account_number, subscriptionId, subscriptionNumber, invoiceId: order.body.invoiceIds[0] };
}

/** Settles the invoice's whole balance by check. */
async function pay(billed: Billed, invoiceId = billed.invoiceId): Promise<void> {
  const { Balance } = (await env.zuora.get(`/v1/object/invoice/${invoiceId}`)).body as { Balance: number };
  const paid = await env.zuora.post('/v1/payments', {
    accountNumber: billed.accountNumber,
    amount: Balance,
    currency: 'USD',
    type: 'External',
    paymentMethodType: 'Check',
    effectiveDate: '2026-01-16',
    invoices: [{ invoiceId, amount: Balance }],
  });
  if (!paid.body.success) throw new Error(JSON.stringify(paid.body));
}

/** A subscription of the platform synced to the billed Zuora subscription. */
async function linked(billed: Billed, extra: Partial<Subscription> = {}): Promise<Subscription> {
  await putCustomer(billed.accountId);
  return putSubscription({ billingId: billed.subscriptionId, billingSubscriptionNumber: billed.subscriptionNumber, ...extra });
}

const invoicePaid = (billed: Billed, invoiceId = billed.invoiceId) => ({ EventType: 'StiggInvoicePaidEvent', InvoiceId: invoiceId, AccountId: billed.accountId });
const invoicePosted = (billed: Billed, invoiceId = billed.invoiceId) => ({ EventType: 'StiggInvoicePostedEvent', InvoiceId: invoiceId, AccountId: billed.accountId });
const paymentFailed = (billed: Billed, paymentId = 'payment-1') => ({
  EventType: 'StiggPaymentFailedEvent',
  PaymentInvoiceId: billed.invoiceId,
  AccountId: billed.accountId,
  PaymentGatewayResponse: 'Your card was declined.',
  PaymentGatewayResponseCode: 'card_declined',
  EntityID: 'entity-1',
  PaymentId: paymentId,
});

// Support: 50 x 17/31 = 27.42 for 15 January to 1 February.
const FIRST_INVOICE_AMOUNT = 27.42;

describe('dispatch', () => {
  it('answers applied:false for an unknown or missing EventType', async () => {
    expect(await handleCallout(ctx, { EventType: 'SomethingElse', AccountId: 'x' })).toEqual({ applied: false, event: 'SomethingElse', reason: "unknown EventType 'SomethingElse'" });
    expect(await handleCallout(ctx, { AccountId: 'x' })).toMatchObject({ applied: false, reason: 'the callout has no EventType' });
    expect(await handleCallout(ctx, { EventType: 'toString' })).toMatchObject({ applied: false, reason: "unknown EventType 'toString'" });
  });

  it('has a handler for every event connect sets up, and none throws on a callout about nothing it knows', async () => {
    for (const event of PLATFORM_EVENTS) {
      const body = { EventType: event.eventType, ...Object.fromEntries(Object.keys(event.params).map((name) => [name, 'unknown-0000'])) };
      const result = await handleCallout(ctx, body);
      expect(result, event.eventType).toMatchObject({ applied: false, event: event.eventType });
      expect(result.reason).not.toMatch(/unknown EventType/);
    }
    expect(store.events()).toEqual([]);
  });

  it('applies a callout delivered twice at once only once', async () => {
    const billed = await billedSubscription();
    await linked(billed);
    const results = await Promise.all([handleCallout(ctx, paymentFailed(billed)), handleCallout(ctx, paymentFailed(billed))]);
    expect(results.map((result) => result.applied).sort()).toEqual([false, true]);
    expect(logged()).toEqual(['PAYMENT_FAILED', 'SUBSCRIPTION_UPDATED']);
  });
});

describe('StiggInvoicePostedEvent', () => {
  it('records the invoice as the latest, OPEN, and logs SUBSCRIPTION_UPDATED once however often it is delivered', async () => {
    const billed = await billedSubscription();
    await linked(billed);
    expect(await handleCallout(ctx, invoicePosted(billed))).toEqual({ applied: true, event: 'StiggInvoicePostedEvent' });
    expect(sub()?.latestInvoice).toEqual({ id: billed.invoiceId, status: 'OPEN', amount: FIRST_INVOICE_AMOUNT, requiresAction: false });
    expect(logged()).toEqual(['SUBSCRIPTION_UPDATED']);

    const before = sub();
    expect(await handleCallout(ctx, invoicePosted(billed))).toMatchObject({ applied: false, reason: 'already applied: a replayed callout' });
    expect(sub()).toEqual(before);
    expect(logged()).toEqual(['SUBSCRIPTION_UPDATED']);
  });

  it('leaves a paid invoice PAID when its posted callout comes late', async () => {
    const billed = await billedSubscription();
    await linked(billed);
    await pay(billed);
    await handleCallout(ctx, invoicePaid(billed));
    expect(await handleCallout(ctx, invoicePosted(billed))).toMatchObject({ applied: false, reason: `invoice ${billed.invoiceId} has since been paid` });
    expect(sub()?.latestInvoice?.status).toBe('PAID');
  });

  it('skips an invoice Zuora does not have, or whose subscription the platform does not know, without throwing', async () => {
    const billed = await billedSubscription();
    expect(await handleCallout(ctx, invoicePosted(billed, 'no-such-invoice'))).toMatchObject({ applied: false, reason: expect.stringContaining('Zuora has no such record') });
    expect(await handleCallout(ctx, invoicePosted(billed))).toMatchObject({ applied: false, reason: `no platform subscription for Zuora subscription ${billed.subscriptionId}` });
  });
});

describe('StiggInvoicePaidEvent', () => {
  it('activates a PAYMENT_PENDING subscription, applies the updates whose date has come, records PAID and logs it', async () => {
    const billed = await billedSubscription();
    // Scheduled in Zuora (an order number each); one whose Scheduled order Zuora refused (none) is
    // not applied: Zuora has not made that change, and the FAILED sync's retry places it.
    const due: ScheduledUpdate = { id: 'update-due', type: 'UNITS', target: { units: { 'feature-seats': 4 } }, effectiveAt: '2026-01-14T00:00:00.000Z', zuoraOrderNumber: 'O-00000098', status: 'PENDING' };
    const unplaced: ScheduledUpdate = { id: 'update-unplaced', type: 'ADDONS', target: { addons: [{ addonId: 'addon-support', quantity: 1 }] }, effectiveAt: '2026-01-14T00:00:00.000Z', status: 'PENDING' };
    const later: ScheduledUpdate = { id: 'update-later', type: 'PLAN_CHANGE', target: { planId: 'plan-basic' }, effectiveAt: '2026-02-01T00:00:00.000Z', zuoraOrderNumber: 'O-00000099', status: 'PENDING' };
    await linked(billed, { status: 'PAYMENT_PENDING', paymentCollection: 'FAILED', scheduledUpdates: [due, unplaced, later] });
    await pay(billed);

    expect(await handleCallout(ctx, invoicePaid(billed))).toEqual({ applied: true, event: 'StiggInvoicePaidEvent' });
    expect(sub()).toMatchObject({
      status: 'ACTIVE',
      paymentCollection: 'NOT_REQUIRED',
      units: { 'feature-seats': 4 },
      planId: 'plan-pro',
      latestInvoice: { id: billed.invoiceId, status: 'PAID', amount: FIRST_INVOICE_AMOUNT, requiresAction: false },
      addons: [],
      scheduledUpdates: [{ id: 'update-due', status: 'DONE' }, { id: 'update-unplaced', status: 'PENDING' }, { id: 'update-later', status: 'PENDING' }],
    });
    expect(logged()).toEqual(['SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_UPDATED']);

    const before = sub();
    expect((await handleCallout(ctx, invoicePaid(billed))).applied).toBe(false);
    expect(sub()).toEqual(before);
    expect(logged()).toHaveLength(2);
  });

  it("trusts Zuora's balance over the callout: an unpaid invoice changes nothing", async () => {
    const billed = await billedSubscription();
    await linked(billed, { status: 'PAYMENT_PENDING' });
    expect(await handleCallout(ctx, invoicePaid(billed))).toMatchObject({ applied: false, reason: `invoice ${billed.invoiceId} is not paid: its balance is ${FIRST_INVOICE_AMOUNT}` });
    expect(sub()?.status).toBe('PAYMENT_PENDING');
  });

  it("does not let a late callout about last month's invoice overwrite this month's", async () => {
    const billed = await billedSubscription();
    await linked(billed);
    // 1 February: the next invoice posts, unpaid.
    await env.admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    const invoices = (await env.zuora.get(`/v1/transactions/invoices/accounts/${billed.accountNumber}`)).body.invoices as Array<{ id: string }>;
    const february = invoices.find((invoice) => invoice.id !== billed.invoiceId)?.id ?? '';
    expect(await handleCallout(ctx, invoicePosted(billed, february))).toMatchObject({ applied: true });

    await pay(billed);
    expect(await handleCallout(ctx, invoicePaid(billed))).toMatchObject({ applied: false, reason: expect.stringContaining('older than subscription sub-1') });
    expect(sub()?.latestInvoice).toMatchObject({ id: february, status: 'OPEN' });
  });

  it("reads what a posted invoice can no longer change once: its items, and its dates for next month's invoice", async () => {
    const reads: string[] = [];
    ctx.zuora = new ZuoraClient({ baseUrl: env.url, ...env.credentials, onCall: ({ method, path }) => reads.push(`${method} ${path}`) });
    const billed = await billedSubscription();
    await linked(billed);
    await handleCallout(ctx, invoicePosted(billed));
    await pay(billed);
    await handleCallout(ctx, invoicePaid(billed));
    await env.admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    const invoices = (await env.zuora.get(`/v1/transactions/invoices/accounts/${billed.accountNumber}`)).body.invoices as Array<{ id: string }>;
    const february = invoices.find((invoice) => invoice.id !== billed.invoiceId)?.id ?? '';
    expect(await handleCallout(ctx, invoicePosted(billed, february))).toMatchObject({ applied: true });
    expect(sub()?.latestInvoice).toMatchObject({ id: february, status: 'OPEN' });
    // January's balance is read again for the paid callout; its items and dates are not, February's once.
    expect(reads).toEqual([
      `GET /v1/object/invoice/${billed.invoiceId}`,
      `GET /v1/invoices/${billed.invoiceId}/items`,
      `GET /v1/object/invoice/${billed.invoiceId}`,
      `GET /v1/object/invoice/${february}`,
      `GET /v1/invoices/${february}/items`,
    ]);
  });

  it('does not revive a cancelled subscription whose final invoice is paid', async () => {
    const billed = await billedSubscription();
    await linked(billed, { status: 'CANCELED' });
    await pay(billed);
    await handleCallout(ctx, invoicePaid(billed));
    expect(sub()).toMatchObject({ status: 'CANCELED', latestInvoice: { status: 'PAID' } });
  });
});

describe('StiggPaymentFailedEvent', () => {
  it('logs the gateway answer, moves ACTIVE to PAYMENT_PENDING and marks the invoice open, action required', async () => {
    const billed = await billedSubscription();
    await linked(billed);
    expect(await handleCallout(ctx, paymentFailed(billed))).toEqual({ applied: true, event: 'StiggPaymentFailedEvent' });
    expect(sub()).toMatchObject({
      status: 'PAYMENT_PENDING',
      paymentCollection: 'FAILED',
      latestInvoice: { id: billed.invoiceId, status: 'OPEN', amount: FIRST_INVOICE_AMOUNT, requiresAction: true },
    });
    expect(store.events({ type: 'PAYMENT_FAILED' })[0]).toMatchObject({
      customerId: 'customer-1',
      subscriptionId: 'sub-1',
      data: { invoiceId: billed.invoiceId, gatewayResponse: 'Your card was declined.', gatewayResponseCode: 'card_declined', paymentId: 'payment-1' },
    });
    expect(logged()).toEqual(['PAYMENT_FAILED', 'SUBSCRIPTION_UPDATED']);

    // The same attempt again changes nothing; a second failed attempt is logged, the status stays.
    expect((await handleCallout(ctx, paymentFailed(billed))).applied).toBe(false);
    expect(logged()).toEqual(['PAYMENT_FAILED', 'SUBSCRIPTION_UPDATED']);
    expect((await handleCallout(ctx, paymentFailed(billed, 'payment-2'))).applied).toBe(true);
    expect(logged()).toEqual(['PAYMENT_FAILED', 'SUBSCRIPTION_UPDATED', 'PAYMENT_FAILED']);
    // A posted callout arriving after the failure keeps "action required".
    await handleCallout(ctx, invoicePosted(billed));
    expect(sub()?.latestInvoice?.requiresAction).toBe(true);
  });

  it('leaves the subscription ACTIVE when the invoice was paid before the failure callout arrived', async () => {
    const billed = await billedSubscription();
    await linked(billed);
    await pay(billed);
    await handleCallout(ctx, invoicePaid(billed));
    expect(await handleCallout(ctx, paymentFailed(billed))).toMatchObject({ applied: true });
    expect(sub()).toMatchObject({ status: 'ACTIVE', latestInvoice: { status: 'PAID', requiresAction: false } });
    expect(logged()).toEqual(['SUBSCRIPTION_UPDATED', 'PAYMENT_FAILED']);
  });

  it('ends ACTIVE whichever order failure then payment are delivered in', async () => {
    const billed = await billedSubscription();
    await linked(billed);
    await handleCallout(ctx, paymentFailed(billed));
    expect(sub()?.status).toBe('PAYMENT_PENDING');
    await pay(billed);
    await handleCallout(ctx, invoicePaid(billed));
    expect(sub()).toMatchObject({ status: 'ACTIVE', paymentCollection: 'NOT_REQUIRED', latestInvoice: { status: 'PAID', requiresAction: false } });
  });
});

describe('Subscription and StiggSubscriptionCancelledEvent', () => {
  const cancelledCallout = (event: string, extra: Record<string, string> = {}) => ({
    EventType: event,
    SubscriptionId: 'zs-2',
    SubscriptionOriginalId: 'zs-1',
    SubscriptionPreviousSubscriptionId: 'zs-1',
    SubscriptionStatus: 'Cancelled',
    SubscriptionCancelledDate: '2026-01-15',
    ...extra,
  });

  it('ignores statuses other than Cancelled (seeds/000 status mapping)', async () => {
    await putSubscription({ billingId: 'zs-1' });
    for (const status of ['Active', 'Suspended', 'Draft', 'Pending Activation', 'Pending Acceptance']) {
      expect(await handleCallout(ctx, cancelledCallout('Subscription', { SubscriptionStatus: status }))).toMatchObject({ applied: false });
    }
    expect(sub()?.status).toBe('ACTIVE');
  });

  it('cancels from the cancelled date, found through the previous version; the other event for the same cancellation is a replay', async () => {
    await putSubscription({ billingId: 'zs-1', scheduledUpdates: [{ id: 'update-1', type: 'PLAN_CHANGE', target: { planId: 'plan-basic' }, effectiveAt: '2026-02-01T00:00:00.000Z', status: 'PENDING' }] });
    expect(await handleCallout(ctx, cancelledCallout('Subscription'))).toEqual({ applied: true, event: 'Subscription' });
    expect(sub()).toMatchObject({
      status: 'CANCELED',
      cancellationDate: '2026-01-15T00:00:00.000Z',
      endDate: '2026-01-15T00:00:00.000Z',
      billingId: 'zs-1',
      scheduledUpdates: [{ id: 'update-1', status: 'CANCELED' }],
    });
    expect(logged()).toEqual(['SUBSCRIPTION_CANCELED']);

    expect(await handleCallout(ctx, cancelledCallout('StiggSubscriptionCancelledEvent'))).toMatchObject({ applied: false, reason: 'already applied: a replayed callout' });
    expect(sub()?.billingId).toBe('zs-1');
    expect(logged()).toEqual(['SUBSCRIPTION_CANCELED']);
  });

  it('moves the billing id to history when the platform had already cancelled it', async () => {
    await putSubscription({ billingId: 'zs-1', status: 'CANCELED', historicalBillingIds: ['zs-0'] });
    expect(await handleCallout(ctx, cancelledCallout('StiggSubscriptionCancelledEvent'))).toMatchObject({ applied: true });
    expect(sub()).toMatchObject({ status: 'CANCELED', historicalBillingIds: ['zs-0', 'zs-1', 'zs-2'] });
    expect(sub()?.billingId).toBeUndefined();
    expect(logged()).toEqual([]);
  });

  it('keeps a subscription cancelled from a later date running until then', async () => {
    await putSubscription({ billingId: 'zs-1' });
    await handleCallout(ctx, cancelledCallout('Subscription', { SubscriptionCancelledDate: '2026-02-01' }));
    expect(sub()).toMatchObject({ status: 'ACTIVE', cancellationDate: '2026-02-01T00:00:00.000Z', endDate: '2026-02-01T00:00:00.000Z' });
  });

  it("ends the same whichever of a scheduled cancellation's callouts comes first", async () => {
    const orderCompleted = { EventType: 'StiggScheduledOrderCompletedEvent', OrderId: 'order-id-1', OrderNumber: 'O-00000009', OrderStatus: 'Completed', OrderIsScheduled: 'true', AccountId: 'za-1' };
    const scheduled: ScheduledUpdate = { id: 'update-1', type: 'CANCELLATION', target: {}, effectiveAt: '2026-01-15T00:00:00.000Z', zuoraOrderNumber: 'O-00000009', status: 'PENDING' };
    const outcomes = [];
    for (const order of [
      [orderCompleted, cancelledCallout('StiggSubscriptionCancelledEvent')],
      [cancelledCallout('StiggSubscriptionCancelledEvent'), orderCompleted],
    ]) {
      store = await FileSyncStore.open({ inMemory: true });
      ctx = { ...ctx, store };
      await putSubscription({ billingId: 'zs-1', scheduledUpdates: [scheduled] });
      for (const body of order) await handleCallout(ctx, body);
      outcomes.push({ subscription: sub(), events: logged() });
    }
    expect(outcomes[0]?.subscription).toMatchObject({ status: 'CANCELED', scheduledUpdates: [{ status: 'DONE' }], historicalBillingIds: ['zs-1', 'zs-2'] });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it('skips a cancellation of a subscription the platform does not know', async () => {
    expect(await handleCallout(ctx, cancelledCallout('Subscription'))).toMatchObject({ applied: false, reason: 'no platform subscription for Zuora subscription zs-2' });
  });
});

describe('StiggSubscriptionUpdatedEvent', () => {
  async function addSupport(billed: Billed): Promise<string> {
    const order = await env.zuora.post('/v1/orders?returnIds=true', {
      orderDate: '2026-01-15',
      existingAccountNumber: billed.accountNumber,
      subscriptions: [{ subscriptionNumber: billed.subscriptionNumber, orderActions: [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.basic.planId } }] }],
    }, ORDERS_223);
    return order.body.subscriptions[0].subscriptionId as string;
  }
  const updated = (billed: Billed, id: string) => ({ EventType: 'StiggSubscriptionUpdatedEvent', SubscriptionId: id, SubscriptionOriginalId: billed.subscriptionId, AccountId: billed.accountId });

  it('follows the latest version, whatever order the versions are reported in', async () => {
    const billed = await billedSubscription();
    await linked(billed);
    const second = await addSupport(billed);
    const third = await addSupport(billed);

    expect(await handleCallout(ctx, updated(billed, third))).toEqual({ applied: true, event: 'StiggSubscriptionUpdatedEvent' });
    expect(sub()).toMatchObject({ billingId: third, historicalBillingIds: [billed.subscriptionId] });
    await handleCallout(ctx, updated(billed, second));
    expect(sub()?.billingId).toBe(third);
    expect(sub()?.historicalBillingIds.sort()).toEqual([billed.subscriptionId, second].sort());
    // seeds/002 step 3: the billing link follows the billing id, into the Zuora the engine talks to (no tenant URL set).
    expect(store.events({ type: 'SUBSCRIPTION_UPDATED' }).map((entry) => entry.data)).toEqual([
      { billingId: third, previousBillingId: billed.subscriptionId, billingLinkUrl: `${env.url}/apps/Subscription.do?method=view&id=${third}` },
    ]);
    // Old ids still find the subscription.
    expect(store.subscriptionByBillingId(second)?.id).toBe('sub-1');
  });

  it("finds the subscription by SubscriptionOriginalId on the callout's account, not by number", async () => {
    const billed = await billedSubscription();
    await putCustomer(billed.accountId);
    // Known by its number only: the callout's original id names nothing the platform kept.
    await putSubscription({ billingSubscriptionNumber: billed.subscriptionNumber });
    const second = await addSupport(billed);
    expect((await handleCallout(ctx, updated(billed, second))).applied).toBe(false);
    // Kept with the original version's id: found, but only on the customer's own account.
    await putSubscription({ billingId: billed.subscriptionId, billingSubscriptionNumber: billed.subscriptionNumber });
    expect((await handleCallout(ctx, { ...updated(billed, second), AccountId: 'another-account' })).applied).toBe(false);
    expect((await handleCallout(ctx, updated(billed, second))).applied).toBe(true);
    expect(sub()?.billingId).toBe(second);
  });
});

describe('StiggScheduledOrderCompletedEvent', () => {
  const completed = (orderNumber: string, extra: Record<string, string> = {}) => ({
    EventType: 'StiggScheduledOrderCompletedEvent',
    OrderId: `id-of-${orderNumber}`,
    OrderNumber: orderNumber,
    OrderStatus: 'Completed',
    OrderIsScheduled: 'true',
    AccountId: 'za-1',
    ...extra,
  });
  const update = (id: string, type: ScheduledUpdate['type'], target: ScheduledUpdate['target']): ScheduledUpdate => ({
    id,
    type,
    target,
    effectiveAt: '2026-02-01T00:00:00.000Z',
    zuoraOrderNumber: `O-${id}`,
    status: 'PENDING',
  });

  // A plan change provisions a new subscription instead (seeds/002): see sync-e2e and the
  // scheduled-downgrade scenario, which have a catalog and a customer in Zuora to provision on.
  it('applies add-on, unit and billing period updates in place and marks them DONE, once', async () => {
    await putSubscription({
      billingId: 'zs-1',
      addons: [{ addonId: 'addon-support', quantity: 1 }],
      scheduledUpdates: [
        update('addons', 'ADDONS', { addons: [] }),
        update('units', 'UNITS', { units: { 'feature-seats': 3 } }),
        update('period', 'BILLING_PERIOD', { billingPeriod: 'ANNUALLY' }),
      ],
    });
    for (const number of ['O-addons', 'O-units', 'O-period']) {
      expect(await handleCallout(ctx, completed(number))).toEqual({ applied: true, event: 'StiggScheduledOrderCompletedEvent' });
    }
    expect(sub()).toMatchObject({ planId: 'plan-pro', addons: [], units: { 'feature-seats': 3 }, billingPeriod: 'ANNUALLY', status: 'ACTIVE' });
    expect(sub()?.scheduledUpdates.map((each) => each.status)).toEqual(['DONE', 'DONE', 'DONE']);
    expect(logged()).toEqual(['SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_UPDATED']);

    const before = sub();
    expect((await handleCallout(ctx, completed('O-units'))).applied).toBe(false);
    expect((await handleCallout(ctx, completed('O-units', { OrderId: 'another-delivery-id' }))).reason).toBe('scheduled update units (order O-units) is already DONE');
    expect(sub()).toEqual(before);
  });

  it('cancels on a scheduled cancellation', async () => {
    await putSubscription({ billingId: 'zs-1', scheduledUpdates: [update('end', 'CANCELLATION', {})] });
    await handleCallout(ctx, completed('O-end'));
    expect(sub()).toMatchObject({ status: 'CANCELED', cancellationDate: '2026-02-01T00:00:00.000Z', scheduledUpdates: [{ status: 'DONE' }] });
    expect(logged()).toEqual(['SUBSCRIPTION_CANCELED']);
  });

  it('skips orders that are not completed scheduled orders, and orders the platform never scheduled', async () => {
    await putSubscription({ billingId: 'zs-1', scheduledUpdates: [update('plan', 'PLAN_CHANGE', { planId: 'plan-basic' })] });
    expect((await handleCallout(ctx, completed('O-plan', { OrderStatus: 'Scheduled' }))).applied).toBe(false);
    expect((await handleCallout(ctx, completed('O-plan', { OrderIsScheduled: 'false' }))).applied).toBe(false);
    expect(await handleCallout(ctx, completed('O-other'))).toMatchObject({ applied: false, reason: 'no scheduled update for Zuora order O-other' });
    expect(sub()?.planId).toBe('plan-pro');
  });

  it('asks Zuora which scheduled orders completed when the callout carries only the order id', async () => {
    const billed = await billedSubscription();
    const scheduled = await env.zuora.post('/v1/orders', {
      orderDate: '2026-01-15',
      existingAccountNumber: billed.accountNumber,
      status: 'Scheduled',
      schedulingOptions: { scheduledDate: '2026-02-01', scheduledDatePolicy: 'SpecificDate' },
      subscriptions: [{ subscriptionNumber: billed.subscriptionNumber, orderActions: [{ type: 'AddProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-02-01' }], addProduct: { productRatePlanId: catalog.basic.planId } }] }],
    }, ORDERS_223);
    await linked(billed, { scheduledUpdates: [{ ...update('units', 'UNITS', { units: { 'feature-seats': 3 } }), zuoraOrderNumber: scheduled.body.orderNumber }] });
    const { OrderNumber: _number, ...seedFieldsOnly } = completed(scheduled.body.orderNumber, { AccountId: billed.accountId });

    // Before its date the order has not run: nothing to apply.
    expect((await handleCallout(ctx, seedFieldsOnly)).applied).toBe(false);
    await env.admin.post('/clock/advance', { to: '2026-02-01T12:00:00Z' });
    expect(await handleCallout(ctx, seedFieldsOnly)).toMatchObject({ applied: true });
    expect(sub()).toMatchObject({ units: { 'feature-seats': 3 }, scheduledUpdates: [{ status: 'DONE' }] });
  });
});

describe('StiggCustomerCanceledEvent', () => {
  const canceled = (status = 'Canceled') => ({ EventType: 'StiggCustomerCanceledEvent', AccountId: 'za-1', AccountStatus: status });

  it('archives the customer once', async () => {
    await putCustomer('za-1');
    expect(await handleCallout(ctx, canceled('Active'))).toMatchObject({ applied: false });
    expect(await handleCallout(ctx, canceled())).toEqual({ applied: true, event: 'StiggCustomerCanceledEvent' });
    expect(store.customer('customer-1')?.archived).toBe(true);
    expect(await handleCallout(ctx, canceled())).toMatchObject({ applied: false });
    expect(store.events()).toEqual([expect.objectContaining({ type: 'CUSTOMER_ARCHIVED', customerId: 'customer-1' })]);
  });

  it('skips an account the platform does not know', async () => {
    expect(await handleCallout(ctx, canceled())).toMatchObject({ applied: false, reason: 'no platform customer for Zuora account za-1' });
  });
});

describe('Customer', () => {
  const accountChanged = (accountId: string, method: Record<string, string> = {}) => ({
    EventType: 'Customer',
    AccountId: accountId,
    DefaultPaymentMethodId: '',
    DefaultPaymentMethodType: '',
    DefaultPaymentMethodCreditCardType: '',
    DefaultPaymentMethodBankName: '',
    DefaultPaymentMethodCreditCardMaskNumber: '',
    DefaultPaymentMethodCreditCardExpirationMonth: '',
    DefaultPaymentMethodCreditCardExpirationYear: '',
    ...method,
  });

  it("keeps the account's default payment method: cleared, set, unchanged, and never from a stale callout", async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody())).body;
    await putCustomer(account.id, { paymentMethod: { type: 'card', brand: 'visa', last4: '4242', expMonth: 1, expYear: 2027, billingId: 'pm-old' } });

    // Zuora shows no default: the stored one is cleared.
    expect(await handleCallout(ctx, accountChanged(account.id))).toEqual({ applied: true, event: 'Customer' });
    expect(store.customer('customer-1')?.paymentMethod).toBeUndefined();

    const card = await env.zuora.post('/v2/payment_methods', { type: 'card', account_id: account.id, card: { card_number: '5555555555554444', expiry_month: 8, expiry_year: 2031, brand: 'mastercard' } });
    await env.zuora.patch(`/v2/accounts/${account.id}`, { default_payment_method_id: card.body.id });
    const newCard = accountChanged(account.id, {
      DefaultPaymentMethodId: card.body.id,
      DefaultPaymentMethodType: 'CreditCard',
      DefaultPaymentMethodCreditCardType: 'MasterCard',
      DefaultPaymentMethodCreditCardMaskNumber: '************4444',
      DefaultPaymentMethodCreditCardExpirationMonth: '8',
      DefaultPaymentMethodCreditCardExpirationYear: '2031',
    });
    expect(await handleCallout(ctx, newCard)).toMatchObject({ applied: true });
    expect(store.customer('customer-1')?.paymentMethod).toEqual({ type: 'card', billingId: card.body.id, brand: 'mastercard', last4: '4444', expMonth: 8, expYear: 2031 });
    expect(await handleCallout(ctx, newCard)).toMatchObject({ applied: false, reason: 'the default payment method has not changed' });
    // The earlier callout that cleared it, delivered again late, is stale now: Zuora has the card.
    expect(await handleCallout(ctx, accountChanged(account.id))).toMatchObject({ applied: false, reason: `stale callout: account ${account.id} now defaults to ${card.body.id}` });
    expect(store.customer('customer-1')?.paymentMethod?.billingId).toBe(card.body.id);
    expect(logged()).toEqual(['CUSTOMER_UPDATED', 'CUSTOMER_UPDATED']);
  });

  it('stores a card reference as cc_ref', async () => {
    const account = (await env.zuora.post('/v2/accounts', accountBody())).body;
    const reference = await env.zuora.post('/v2/payment_methods', { type: 'cc_ref', account_id: account.id, cc_ref: { token: 'tok_123', second_token: 'cus_123' } });
    expect(reference.status).toBe(201);
    await env.zuora.patch(`/v2/accounts/${account.id}`, { default_payment_method_id: reference.body.id });
    await putCustomer(account.id);
    await handleCallout(ctx, accountChanged(account.id, { DefaultPaymentMethodId: reference.body.id, DefaultPaymentMethodType: 'CreditCardReferenceTransaction' }));
    expect(store.customer('customer-1')?.paymentMethod).toEqual({ type: 'cc_ref', billingId: reference.body.id });
  });
});
