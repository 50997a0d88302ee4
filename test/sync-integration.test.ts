import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { SyncContext } from '../sync/context.js';
import { emulatorTime } from '../sync/emulatorTime.js';
import { handleCallout, type CalloutResult } from '../sync/inbound/index.js';
import { configureStandardNotifications, connect, remove } from '../sync/integration/index.js';
import type { Subscription } from '../sync/model/types.js';
import { FileSyncStore } from '../sync/model/store.js';
import { wallClock } from '../sync/time.js';
import { ZuoraClient } from '../sync/zuora/client.js';
import { createTestCatalog } from './helpers/catalog.js';
import { accountBody, adminClient, tenantClient, type TenantClient, ORDERS_223 } from './helpers/emulator.js';

// Connecting the platform to Zuora (seeds/000 custom fields, seeds/002 events) and removing it again,
// against an in-process emulator on its default credentials.

const WEBHOOK = 'http://127.0.0.1:4020/webhooks/zuora';
const AUTH = { username: 'zuora', password: 's3cret' };

/** Seeds/002, copied by hand so the test does not read the table it checks. */
const TRIGGERS: Record<string, { baseObject: string; condition: string }> = {
  StiggInvoicePaidEvent: { baseObject: 'Invoice', condition: "changeType =~ ['UPDATE'] && Invoice.Balance == 0" },
  StiggInvoicePostedEvent: { baseObject: 'Invoice', condition: "changeType =~ ['INSERT','UPDATE'] && Invoice.Status == 'Posted' && Invoice.Balance > 0" },
  StiggSubscriptionCancelledEvent: { baseObject: 'Subscription', condition: "Subscription.Status == 'Cancelled'" },
  StiggSubscriptionUpdatedEvent: { baseObject: 'Subscription', condition: "changeType == 'INSERT' && Subscription.IsLatestVersion == true" },
  StiggScheduledOrderCompletedEvent: { baseObject: 'Order', condition: "Order.IsScheduled == true && Order.Status == 'Completed'" },
  StiggCustomerCanceledEvent: { baseObject: 'Account', condition: "changeType =~ ['UPDATE'] && Account.Status == 'Canceled'" },
  StiggPaymentFailedEvent: { baseObject: 'Payment', condition: "Payment.Status == 'Error'" },
};

/** Callout name, notification name, and the fields seeds/002 says the platform reads. */
const CALLOUTS: Array<{ event: string; callout: string; notification: string; fields: string[] }> = [
  { event: 'StiggInvoicePaidEvent', callout: 'Stigg Invoice Paid Callout', notification: 'Stigg Invoice Paid Notification', fields: ['InvoiceId', 'AccountId'] },
  { event: 'StiggInvoicePostedEvent', callout: 'Stigg Invoice Posted Callout', notification: 'Stigg Invoice Posted Notification', fields: ['InvoiceId', 'AccountId'] },
  {
    event: 'StiggSubscriptionCancelledEvent',
    callout: 'Stigg Subscription Cancelled Callout',
    notification: 'Stigg Subscription Cancelled Notification',
    fields: ['SubscriptionId', 'SubscriptionOriginalId', 'SubscriptionPreviousSubscriptionId', 'SubscriptionStatus', 'SubscriptionCancelledDate'],
  },
  {
    event: 'StiggSubscriptionUpdatedEvent',
    callout: 'Stigg Subscription Updated Callout',
    notification: 'Stigg Subscription Updated Notification',
    fields: ['SubscriptionId', 'SubscriptionOriginalId', 'AccountId'],
  },
  {
    event: 'StiggScheduledOrderCompletedEvent',
    callout: 'Stigg Order Scheduled Callout',
    notification: 'Stigg Order Scheduled Notification',
    fields: ['OrderId', 'OrderStatus', 'OrderIsScheduled', 'AccountId'],
  },
  { event: 'StiggCustomerCanceledEvent', callout: 'Stigg Customer Canceled Callout', notification: 'Stigg Customer Canceled Notification', fields: ['AccountId', 'AccountStatus'] },
  {
    event: 'StiggPaymentFailedEvent',
    callout: 'Stigg Payment Failed Callout',
    notification: 'Stigg Payment Failed Notification',
    fields: ['PaymentInvoiceId', 'AccountId', 'PaymentGatewayResponse', 'PaymentGatewayResponseCode', 'EntityID'],
  },
];

/** The standard notifications a Zuora administrator configures for the webhook (seeds/002: not the platform). */
const STANDARD_CALLOUTS: Array<{ event: string; callout: string; notification: string; fields: string[] }> = [
  {
    event: 'Customer',
    callout: 'Stigg Customer Callout',
    notification: 'Stigg Customer Notification',
    fields: [
      'AccountId',
      'DefaultPaymentMethodId',
      'DefaultPaymentMethodCreditCardType',
      'DefaultPaymentMethodBankName',
      'DefaultPaymentMethodCreditCardMaskNumber',
      'DefaultPaymentMethodCreditCardExpirationMonth',
      'DefaultPaymentMethodCreditCardExpirationYear',
    ],
  },
  {
    event: 'Subscription',
    callout: 'Stigg Subscription Callout',
    notification: 'Stigg Subscription Notification',
    fields: ['SubscriptionId', 'SubscriptionOriginalId', 'SubscriptionPreviousSubscriptionId', 'SubscriptionStatus', 'SubscriptionCancelledDate'],
  },
];

let emulator: RunningEmulator;
let zuora: TenantClient;
let admin: ReturnType<typeof adminClient>;
let ctx: SyncContext;

beforeAll(async () => {
  emulator = await startEmulator({ inMemory: true, port: 0 });
  zuora = await tenantClient(emulator.url, emulator.credentials.clientId, emulator.credentials.clientSecret);
  admin = adminClient(emulator.url, undefined, emulator.adminToken);
  ctx = {
    store: await FileSyncStore.open({ inMemory: true }),
    zuora: new ZuoraClient({ baseUrl: emulator.url, ...emulator.credentials }),
    time: wallClock,
    entityBaseUrl: 'http://127.0.0.1:4020',
  };
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  await admin.post('/reset', {});
});

async function triggers(): Promise<Array<{ id: string; baseObject: string; condition: string; active: boolean; eventType: { name: string } }>> {
  return (await zuora.get('/events/event-triggers?limit=100')).body.data;
}

async function templates(): Promise<
  Array<{ id: string; name: string; eventTypeName?: string; eventCategory?: number; calloutBaseurl: string; httpMethod: string; calloutParams: Record<string, string>; calloutRetry: boolean; requiredAuth: boolean; calloutAuth: { username: string } | null }>
> {
  return (await zuora.get('/notifications/callout-templates?limit=100')).body.data;
}

async function notifications(): Promise<Array<{ id: string; name: string; eventTypeName?: string; eventCategory?: number; active: boolean; calloutActive: boolean; calloutTemplateIds: string[] }>> {
  return (await zuora.get('/notifications/notification-definitions?limit=100')).body.data;
}

describe('connect', () => {
  it('creates the seven event triggers with the exact conditions of seeds/002', async () => {
    await connect(ctx, WEBHOOK, AUTH);
    const created = await triggers();
    expect(created).toHaveLength(7);
    expect(Object.fromEntries(created.map((trigger) => [trigger.eventType.name, { baseObject: trigger.baseObject, condition: trigger.condition }]))).toEqual(TRIGGERS);
    expect(created.every((trigger) => trigger.active)).toBe(true);
  });

  it('creates a callout template per event, posting the seed fields and its EventType to the webhook with basic auth and retries', async () => {
    await connect(ctx, WEBHOOK, AUTH);
    expect((await templates()).map((template) => template.name).sort()).toEqual(CALLOUTS.map((callout) => callout.callout).sort());
    // The administrator's standard notifications, configured the same way.
    await configureStandardNotifications(ctx, WEBHOOK, AUTH);
    const created = await templates();
    for (const { event, callout, fields } of [...CALLOUTS, ...STANDARD_CALLOUTS]) {
      const template = created.find((each) => each.name === callout);
      expect(template).toMatchObject({ calloutBaseurl: WEBHOOK, httpMethod: 'POST', calloutRetry: true, requiredAuth: true, calloutAuth: { username: 'zuora' } });
      expect(template?.calloutParams.EventType).toBe(event);
      expect(Object.keys(template?.calloutParams ?? {})).toEqual(expect.arrayContaining(fields));
    }
    // The standard events hang on their categories, the custom ones on their names.
    expect(created.find((template) => template.name === 'Stigg Customer Callout')?.eventCategory).toBe(1500);
    expect(created.find((template) => template.name === 'Stigg Subscription Callout')?.eventCategory).toBe(1200);
    expect(created.find((template) => template.name === 'Stigg Invoice Paid Callout')?.eventTypeName).toBe('StiggInvoicePaidEvent');
  });

  it('creates a notification per event, each sending its own template', async () => {
    await connect(ctx, WEBHOOK);
    const [created, byId] = [await notifications(), new Map((await templates()).map((template) => [template.id, template.name]))];
    expect(created.map((definition) => definition.name).sort()).toEqual(CALLOUTS.map((callout) => callout.notification).sort());
    for (const { callout, notification } of CALLOUTS) {
      const definition = created.find((each) => each.name === notification);
      expect(definition).toMatchObject({ active: true, calloutActive: true });
      expect(definition?.calloutTemplateIds.map((id) => byId.get(id))).toEqual([callout]);
    }
    // Without credentials the callouts go unauthenticated.
    expect((await templates()).every((template) => !template.requiredAuth)).toBe(true);
  });

  it('defines the custom fields of seeds/000 on Product, Account, Subscription and Order', async () => {
    await connect(ctx, WEBHOOK);
    const expected: Record<string, string[]> = {
      Product: ['stiggEntityUrl__c'],
      Account: ['stiggCustomerId__c', 'stiggEntityUrl__c'],
      Subscription: ['stiggCustomerId__c', 'stiggEntityUrl__c', 'stiggResourceId__c'],
      Order: ['stiggCustomerId__c', 'stiggEntityUrl__c', 'stiggResourceId__c'],
    };
    for (const [object, names] of Object.entries(expected)) {
      const { status, body } = await zuora.get(`/objects/definitions/default/${object}`);
      expect(status).toBe(200);
      expect(Object.keys(body.schema.properties).sort()).toEqual(names);
      for (const name of names) expect(body.schema.properties[name]).toMatchObject({ type: 'string', maxLength: 255 });
    }
  });

  it('creates exactly the seven custom events, leaving the standard notifications to the Zuora administrator', async () => {
    const report = await connect(ctx, WEBHOOK, AUTH);
    expect(report.created).toHaveLength(7 + 7 + 7);
    expect(await triggers()).toHaveLength(7);
    expect(await notifications()).toHaveLength(7);
    expect((await notifications()).filter((definition) => definition.eventCategory !== undefined && definition.eventTypeName === undefined)).toEqual([]);
    // Configured by hand (here, by the helper `zuora-emulator start` and the scenario runner call):
    // two more templates and notifications, on the standard categories, and a second time nothing new.
    expect((await configureStandardNotifications(ctx, WEBHOOK, AUTH)).created).toHaveLength(4);
    expect((await notifications()).map((definition) => definition.eventCategory).filter((category) => category !== undefined).sort()).toEqual(expect.arrayContaining([1200, 1500]));
    expect((await configureStandardNotifications(ctx, WEBHOOK, AUTH)).created).toEqual([]);
  });

  it('creates nothing twice when connected again, and takes a new webhook URL and credentials in place', async () => {
    const first = await connect(ctx, WEBHOOK, AUTH);
    expect(first.created).toHaveLength(7 + 7 + 7);
    const [triggerIds, templateIds, notificationIds] = [(await triggers()).map((t) => t.id), (await templates()).map((t) => t.id), (await notifications()).map((n) => n.id)];

    const second = await connect(ctx, 'http://127.0.0.1:5020/webhooks/zuora', { username: 'other', password: 'x' });
    expect(second.created).toEqual([]);
    expect(second.deleted).toEqual([]);
    expect((await triggers()).map((t) => t.id)).toEqual(triggerIds);
    expect((await templates()).map((t) => t.id)).toEqual(templateIds);
    expect((await notifications()).map((n) => n.id)).toEqual(notificationIds);
    expect((await templates()).every((template) => template.calloutBaseurl === 'http://127.0.0.1:5020/webhooks/zuora' && template.calloutAuth?.username === 'other')).toBe(true);
  });

  it('repairs what was removed or changed by hand', async () => {
    await connect(ctx, WEBHOOK);
    const paid = (await triggers()).find((trigger) => trigger.eventType.name === 'StiggInvoicePaidEvent');
    await zuora.put(`/events/event-triggers/${paid?.id}`, { condition: 'Invoice.Balance == 0' });
    const posted = (await notifications()).find((definition) => definition.name === 'Stigg Invoice Posted Notification');
    await ctx.zuora.deleteNotification(posted?.id ?? '');

    const report = await connect(ctx, WEBHOOK);
    expect(report.created.sort()).toEqual(['notification Stigg Invoice Posted Notification', 'trigger StiggInvoicePaidEvent']);
    expect(report.deleted).toEqual(['trigger StiggInvoicePaidEvent']);
    expect((await triggers()).find((trigger) => trigger.eventType.name === 'StiggInvoicePaidEvent')?.condition).toBe(TRIGGERS.StiggInvoicePaidEvent?.condition);
    expect(await notifications()).toHaveLength(7);
  });
});

describe('remove', () => {
  it("deletes every trigger, template and notification it created, and leaves the tenant's own and the administrator's", async () => {
    await connect(ctx, WEBHOOK, AUTH);
    await configureStandardNotifications(ctx, WEBHOOK, AUTH);
    const own = await zuora.post('/notifications/notification-definitions', { name: 'Finance team account changes', eventCategory: 1500, active: true });
    expect(own.status).toBe(200);

    const report = await remove(ctx);
    expect(report.deleted).toHaveLength(7 + 7 + 7);
    expect(await triggers()).toEqual([]);
    expect((await templates()).map((template) => template.name).sort()).toEqual(STANDARD_CALLOUTS.map((callout) => callout.callout).sort());
    expect((await notifications()).map((definition) => definition.name).sort()).toEqual(['Finance team account changes', ...STANDARD_CALLOUTS.map((callout) => callout.notification)].sort());
    // Removing again finds nothing to do.
    expect((await remove(ctx)).deleted).toEqual([]);
  });
});

describe('a connected tenant', () => {
  const START = '2026-01-15T10:00:00.000Z';
  let server: Server;
  let webhookUrl = '';
  const results: Array<CalloutResult & { status: number }> = [];

  // The webhook as the platform runs it: basic auth checked, the body handed to handleCallout.
  beforeAll(async () => {
    const expected = `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}`;
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        if (req.headers.authorization !== expected) {
          res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="webhooks"' }).end();
          return;
        }
        handleCallout(ctx, JSON.parse(text) as Record<string, string>).then(
          (result) => {
            results.push({ ...result, status: 200 });
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
          },
          (error: unknown) => {
            results.push({ applied: false, reason: String(error), status: 500 });
            res.writeHead(500).end();
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zuora`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Advancing by nothing returns once the tenant is quiet, callouts delivered. */
  const settle = () => admin.post('/clock/advance', { by: 'PT0S' });
  const applied = (event: string) => results.filter((result) => result.event === event && result.applied);

  it('delivers callouts the handlers apply: payment failure, payment, scheduled downgrade, new card, cancellation', async () => {
    await admin.post('/reset', { now: START });
    results.length = 0;
    const engine: SyncContext = { ...ctx, store: await FileSyncStore.open({ inMemory: true }), time: emulatorTime(emulator.url, emulator.credentials.clientId, emulator.adminToken) };
    ctx = engine;
    const catalog = await createTestCatalog(zuora);
    await connect(engine, webhookUrl, AUTH);
    await configureStandardNotifications(engine, webhookUrl, AUTH);

    // A customer with a card that declines, on Pro billed monthly from 1 February.
    const account = (await zuora.post('/v2/accounts', accountBody({ auto_pay: true, payment_method: { type: 'card', card: { card_number: '4000000000000002', expiry_month: 12, expiry_year: 2030, brand: 'visa' } } }))).body;
    const created = await zuora.post('/v1/orders?returnIds=true', {
      orderDate: '2026-01-15',
      existingAccountNumber: account.account_number,
      subscriptions: [{ orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.pro.planId }] } }] }],
    }, ORDERS_223);
    const { subscriptionNumber, subscriptionId } = created.body.subscriptions[0] as { subscriptionNumber: string; subscriptionId: string };
    await engine.store.putCustomer({ id: 'customer-1', name: 'Acme', metadata: {}, archived: false, billingId: account.id, createdAt: START });
    const platform: Subscription = {
      id: 'sub-1',
      customerId: 'customer-1',
      planId: 'plan-pro',
      billingPeriod: 'MONTHLY',
      addons: [],
      units: {},
      status: 'ACTIVE',
      paymentCollectionMethod: 'CHARGE',
      paymentCollection: 'NOT_REQUIRED',
      metadata: {},
      billingId: subscriptionId,
      billingSubscriptionNumber: subscriptionNumber,
      historicalBillingIds: [],
      scheduledUpdates: [],
      startDate: START,
      createdAt: START,
    };
    await engine.store.putSubscription(platform);
    await settle();

    // 1 February: the invoice posts and the card declines.
    await admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    let sub = engine.store.subscription('sub-1');
    expect(sub).toMatchObject({ status: 'PAYMENT_PENDING', latestInvoice: { status: 'OPEN', requiresAction: true } });
    expect(engine.store.events({ type: 'PAYMENT_FAILED' })[0]?.data).toMatchObject({ gatewayResponseCode: 'card_declined', gatewayResponse: 'Your card was declined.' });
    const invoiceId = sub?.latestInvoice?.id ?? '';

    // Paid by check in Zuora: active again.
    const balance = (await zuora.get(`/v1/object/invoice/${invoiceId}`)).body.Balance as number;
    await zuora.post('/v1/payments', { accountNumber: account.account_number, amount: balance, currency: 'USD', type: 'External', paymentMethodType: 'Check', effectiveDate: '2026-02-02', invoices: [{ invoiceId, amount: balance }] });
    await settle();
    expect(engine.store.subscription('sub-1')).toMatchObject({ status: 'ACTIVE', latestInvoice: { id: invoiceId, status: 'PAID', requiresAction: false } });

    // An add-on (Basic's product stands in for one) scheduled for 1 March, which the platform records
    // against the Zuora order. (A plan change provisions a new subscription instead: sync-e2e.)
    const scheduled = await zuora.post('/v1/orders', {
      orderDate: '2026-02-02',
      existingAccountNumber: account.account_number,
      status: 'Scheduled',
      schedulingOptions: { scheduledDate: '2026-03-01', scheduledDatePolicy: 'SpecificDate' },
      subscriptions: [{ subscriptionNumber, orderActions: [{ type: 'AddProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-03-01' }], addProduct: { productRatePlanId: catalog.basic.planId } }] }],
    }, ORDERS_223);
    sub = engine.store.subscription('sub-1');
    await engine.store.putSubscription({
      ...(sub as Subscription),
      scheduledUpdates: [{ id: 'update-1', type: 'ADDONS', target: { addons: [{ addonId: 'addon-basic', quantity: 1 }] }, effectiveAt: '2026-03-01T00:00:00.000Z', zuoraOrderNumber: scheduled.body.orderNumber, status: 'PENDING' }],
    });
    await admin.post('/clock/advance', { to: '2026-03-01T12:00:00Z' });
    sub = engine.store.subscription('sub-1');
    expect(sub).toMatchObject({ addons: [{ addonId: 'addon-basic', quantity: 1 }], scheduledUpdates: [{ id: 'update-1', status: 'DONE' }] });
    // The order wrote a new version: the billing id follows it, the first version goes to history.
    expect(sub?.billingId).not.toBe(subscriptionId);
    expect(sub?.historicalBillingIds).toContain(subscriptionId);
    expect((await zuora.get(`/v1/subscriptions/${subscriptionNumber}`)).body.id).toBe(sub?.billingId);

    // A new default card set in Zuora.
    const card = await zuora.post('/v2/payment_methods', { type: 'card', account_id: account.id, card: { card_number: '5555555555554444', expiry_month: 8, expiry_year: 2031, brand: 'mastercard' } });
    await zuora.patch(`/v2/accounts/${account.id}`, { default_payment_method_id: card.body.id });
    await settle();
    expect(engine.store.customer('customer-1')?.paymentMethod).toEqual({ type: 'card', billingId: card.body.id, brand: 'mastercard', last4: '4444', expMonth: 8, expYear: 2031 });

    // Cancelled in Zuora today.
    await zuora.post('/v1/orders', {
      orderDate: '2026-03-01',
      existingAccountNumber: account.account_number,
      subscriptions: [{ subscriptionNumber, orderActions: [{ type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-03-01' } }] }],
    }, ORDERS_223);
    await settle();
    expect(engine.store.subscription('sub-1')).toMatchObject({ status: 'CANCELED', cancellationDate: '2026-03-01T00:00:00.000Z' });
    // The standard and the custom cancellation events both came; the second was a replay.
    expect([...applied('Subscription'), ...applied('StiggSubscriptionCancelledEvent')]).toHaveLength(1);
    expect(engine.store.events({ type: 'SUBSCRIPTION_CANCELED' })).toHaveLength(1);
    expect(results.every((result) => result.status === 200)).toBe(true);
  });
});
