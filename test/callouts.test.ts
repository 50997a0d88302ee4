import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import { createTestCatalog, type TestCatalog } from './helpers/catalog.js';
import { accountBody, adminClient, ORDERS_223, tenantClient, useEmulator } from './helpers/emulator.js';
import { useReceiver, type Received } from './helpers/receiver.js';
import { registerStiggEvents } from './helpers/stiggEvents.js';
import { renameCallout } from './helpers/renameCallout.js';

const START = '2026-01-15T10:00:00.000Z';
const env = useEmulator({ now: START });
const receiver = useReceiver();
let catalog: TestCatalog;

beforeEach(async () => {
  await env.admin.post('/reset', { now: START });
  receiver.reset();
  catalog = await createTestCatalog(env.zuora);
});

const hook = () => `${receiver.url}/webhooks/zuora`;
const events = (): string[] => receiver.at('/webhooks/zuora').map((request) => (request.body as { EventName: string }).EventName);
const bodies = (name: string): Array<Record<string, string>> =>
  receiver
    .at('/webhooks/zuora')
    .map((request) => request.body as Record<string, string>)
    .filter((body) => body.EventName === name);

async function settle(): Promise<void> {
  // Advancing by nothing returns once the tenant is quiet, deliveries included.
  await env.admin.post('/clock/advance', { by: 'PT0S' });
}

async function customer(card: string): Promise<{ id: string; number: string }> {
  const body = accountBody({ auto_pay: true, payment_method: { type: 'card', card: { card_number: card, expiry_month: 12, expiry_year: 2030, brand: 'visa' } } });
  const { body: account } = await env.zuora.post('/v2/accounts', body);
  return { id: account.id, number: account.account_number };
}

function order(accountNumber: string, subscriptions: unknown[], extra: Record<string, unknown> = {}) {
  return env.zuora.post('/v1/orders', { orderDate: '2026-01-15', existingAccountNumber: accountNumber, subscriptions, ...extra }, ORDERS_223);
}

describe('the seven custom events', () => {
  it('reach the receiver in commit order through a whole lifecycle, with their fields', async () => {
    await registerStiggEvents(env.zuora, hook());
    const account = await customer('4000000000000002');
    const created = await order(account.number, [
      {
        orderActions: [
          {
            type: 'CreateSubscription',
            createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.pro.planId }] },
          },
        ],
      },
    ]);
    const number = created.body.subscriptions[0].subscriptionNumber as string;
    await settle();
    expect(events()).toEqual(['StiggSubscriptionUpdatedEvent']);

    // 1 February: the invoice posts and the declining card fails.
    await env.admin.post('/clock/advance', { to: '2026-02-01T06:00:00Z' });
    expect(events().slice(1)).toEqual(['StiggInvoicePostedEvent', 'StiggPaymentFailedEvent']);
    const [posted] = bodies('StiggInvoicePostedEvent');
    const [failed] = bodies('StiggPaymentFailedEvent');
    expect(failed).toMatchObject({
      PaymentInvoiceId: posted?.InvoiceId,
      AccountId: account.id,
      PaymentGatewayResponse: 'Your card was declined.',
      PaymentGatewayResponseCode: 'card_declined',
      EntityID: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });

    // Paid from outside: the balance reaches 0.
    const balance = (await env.zuora.get(`/v1/object/invoice/${posted?.InvoiceId}`)).body.Balance as number;
    expect(balance).toBe(61.93); // (30 + 10) x 17/31 for January's end, then 40 for February
    await env.zuora.post('/v1/payments', { accountNumber: account.number, amount: balance, currency: 'USD', type: 'External', invoices: [{ invoiceId: posted?.InvoiceId, amount: balance }] });
    await settle();
    expect(events().slice(3)).toEqual(['StiggInvoicePaidEvent']);
    expect(bodies('StiggInvoicePaidEvent')[0]).toEqual({ EventName: 'StiggInvoicePaidEvent', InvoiceId: posted?.InvoiceId, AccountId: account.id });

    // An amendment writes version 2.
    await order(account.number, [{ subscriptionNumber: number, orderActions: [{ type: 'AddProduct', addProduct: { productRatePlanId: catalog.support.planId } }] }], { orderDate: '2026-02-02' });
    await settle();
    const updates = bodies('StiggSubscriptionUpdatedEvent');
    expect(updates).toHaveLength(2);
    expect(updates[1]?.SubscriptionOriginalId).toBe(updates[0]?.SubscriptionId);
    expect(updates[1]?.SubscriptionId).not.toBe(updates[0]?.SubscriptionId);

    // A scheduled order runs on 1 March, before that day's bill run.
    const scheduled = await order(
      account.number,
      [{ subscriptionNumber: number, orderActions: [{ type: 'RemoveProduct', triggerDates: [{ name: 'ContractEffective', triggerDate: '2026-03-01' }], removeProduct: { productRatePlanId: catalog.support.planId } }] }],
      { orderDate: '2026-02-02', status: 'Scheduled', schedulingOptions: { scheduledDate: '2026-03-01' } },
    );
    await env.admin.post('/clock/advance', { to: '2026-03-01T06:00:00Z' });
    expect(events().slice(5)).toEqual(['StiggSubscriptionUpdatedEvent', 'StiggScheduledOrderCompletedEvent', 'StiggInvoicePostedEvent', 'StiggPaymentFailedEvent']);
    const orderId = (await env.zuora.get(`/v1/orders/${scheduled.body.orderNumber}`)).body.order;
    expect(bodies('StiggScheduledOrderCompletedEvent')[0]).toMatchObject({ OrderStatus: 'Completed', OrderIsScheduled: 'true', AccountId: account.id });
    expect(orderId.status).toBe('Completed');

    // Cancelled: a Cancelled latest version raises both subscription events.
    await order(account.number, [{ subscriptionNumber: number, orderActions: [{ type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-03-15' } }] }], { orderDate: '2026-03-02' });
    await settle();
    expect(events().slice(9)).toEqual(['StiggSubscriptionCancelledEvent', 'StiggSubscriptionUpdatedEvent']);
    expect(bodies('StiggSubscriptionCancelledEvent')[0]).toMatchObject({ SubscriptionStatus: 'Cancelled', SubscriptionCancelledDate: '2026-03-15' });

    // The account is canceled.
    await env.zuora.patch(`/v2/accounts/${account.id}`, { status: 'Canceled' });
    await settle();
    expect(events().slice(11)).toEqual(['StiggCustomerCanceledEvent']);
    expect(bodies('StiggCustomerCanceledEvent')[0]).toEqual({ EventName: 'StiggCustomerCanceledEvent', AccountId: account.id, AccountStatus: 'Canceled' });

    // Every attempt carried its own Zuora-Request-Id (a UUID without hyphens).
    const ids = receiver.at('/webhooks/zuora').map((request) => request.headers['zuora-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('do not fire when their conditions do not hold', async () => {
    await registerStiggEvents(env.zuora, hook());
    const account = await customer('4242424242424242');
    await env.zuora.patch(`/v2/accounts/${account.id}`, { name: 'Renamed' });
    await env.zuora.post('/v2/products', { name: 'Not an event' });
    await settle();
    expect(events()).toEqual([]);
  });
});

describe('delivery', () => {
  async function oneCallout(extra: Record<string, unknown> = {}): Promise<void> {
    await renameCallout(env.zuora, receiver.url, 'AccountRenamed', { calloutRetry: true, ...extra });
  }

  async function rename(name = 'New name'): Promise<{ id: string }> {
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    await env.zuora.patch(`/v2/accounts/${account.id}`, { name });
    return account;
  }

  it('retries a failing receiver with backoff on the virtual clock, a fresh request id each time', async () => {
    await oneCallout();
    receiver.script = [500, 500];
    const account = await rename();
    await settle();
    expect(receiver.at('/renamed')).toHaveLength(1);
    await env.admin.post('/clock/advance', { by: 'PT30M' }); // second attempt 30 minutes later
    expect(receiver.at('/renamed')).toHaveLength(2);
    await env.admin.post('/clock/advance', { by: 'PT59M' }); // the third waits 60 minutes more
    expect(receiver.at('/renamed')).toHaveLength(2);
    await env.admin.post('/clock/advance', { by: 'PT1M' });
    const attempts = receiver.at('/renamed');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((request) => request.headers['zuora-request-id'])).size).toBe(3);
    expect(attempts[2]?.body).toEqual({ AccountId: account.id, Name: 'New name' });
    const journal = (await env.admin.get('/callouts?event=AccountRenamed')).body.data;
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ status: 'delivered', attempts: [{ status: 500 }, { status: 500 }, { status: 200 }] });
  });

  it('gives up after three attempts, flush spending one attempt per call without waiting for the clock', async () => {
    await oneCallout();
    receiver.script = [500, 503, 502, 200];
    await rename();
    const warnings = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await settle();
      expect(receiver.at('/renamed')).toHaveLength(1); // the first attempt, at once
      expect((await env.admin.post('/callouts/flush')).body).toMatchObject({ delivered: 0, failed: 0 });
      expect(receiver.at('/renamed')).toHaveLength(2); // the retry, without waiting 30 minutes
      expect((await env.admin.post('/callouts/flush')).body).toMatchObject({ delivered: 0, failed: 1 });
      expect(receiver.at('/renamed')).toHaveLength(3);
      // Giving up is said out loud, with what a developer needs to find it.
      const logged = warnings.mock.calls.map(([text]) => String(text)).join('');
      expect(logged).toMatch(/callout \w+ failed after 3 attempt\(s\).*event AccountRenamed, notification \S+.*HTTP 502/);
    } finally {
      warnings.mockRestore();
    }
  });

  it('keeps a failed delivery retryable: redeliver-failed gives it fresh attempts', async () => {
    await oneCallout({ calloutRetry: false });
    receiver.script = [500];
    const account = await rename();
    await env.admin.post('/callouts/flush');
    expect((await env.admin.get('/callouts?status=failed')).body.data).toHaveLength(1);
    const again = await env.admin.post('/callouts/redeliver-failed');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ redelivered: 1, delivered: 1, failed: 0 });
    const [delivery] = (await env.admin.get('/callouts')).body.data;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: [{ status: 500 }, { status: 200 }] });
    expect(receiver.at('/renamed').map((request) => request.body)).toEqual([
      { AccountId: account.id, Name: 'New name' },
      { AccountId: account.id, Name: 'New name' },
    ]);
  });

  it('fails an attempt at a receiver that never answers after the per-attempt timeout', async () => {
    const silent = await startEmulator({ inMemory: true, port: 0, calloutTimeoutMs: 200, now: START });
    const hung = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    try {
      const zuora = await tenantClient(silent.url, silent.credentials.clientId, silent.credentials.clientSecret);
      const admin = adminClient(silent.url, undefined, silent.adminToken);
      const template = await zuora.post('/notifications/callout-templates', {
        name: 'Hung',
        eventCategory: 1500,
        calloutBaseurl: `http://127.0.0.1:${(hung.address() as AddressInfo).port}/hook`,
        httpMethod: 'POST',
        calloutParams: { Id: '<Account.ID>' },
        calloutRetry: false,
        active: true,
      });
      await zuora.post('/notifications/notification-definitions', { name: 'Hung', eventCategory: 1500, active: true, calloutActive: true, calloutTemplateIds: [template.body.id] });
      expect((await zuora.post('/v2/accounts', accountBody())).status).toBe(201);
      await admin.post('/callouts/flush');
      const [delivery] = (await admin.get('/callouts')).body.data;
      expect(delivery).toMatchObject({ status: 'failed', attempts: [{ status: null, error: 'no answer within 200 ms' }] });
    } finally {
      hung.closeAllConnections();
      hung.close();
      await silent.close();
    }
  });

  it('sends no retries when calloutRetry is false', async () => {
    await oneCallout({ calloutRetry: false });
    receiver.script = [500];
    await rename();
    await env.admin.post('/callouts/flush');
    expect(receiver.at('/renamed')).toHaveLength(1);
    expect((await env.admin.get('/callouts?status=failed')).body.data).toHaveLength(1);
  });

  it('answers a basic-auth challenge, or sends credentials at once when preemptive', async () => {
    receiver.basicAuth = { username: 'zuora', password: 's3cret' };
    await oneCallout({ requiredAuth: true, calloutAuth: { username: 'zuora', password: 's3cret' } });
    await rename();
    await settle();
    const [challenged, authorised] = receiver.at('/renamed');
    expect(challenged?.headers.authorization).toBeUndefined();
    expect(authorised?.headers.authorization).toBe(`Basic ${Buffer.from('zuora:s3cret').toString('base64')}`);
    expect((await env.admin.get('/callouts')).body.data[0]).toMatchObject({ status: 'delivered', attempts: [{ attempt: 1, status: 200 }] });
  });

  it('hands a callout to a receiver in this process registered for its URL, and sends what it leaves over HTTP', async () => {
    await oneCallout({ calloutRetry: false, calloutHeaders: { 'X-Tag': ' blue ' } });
    const handed: Array<{ method: string; headers: Record<string, string>; body: string | null }> = [];
    let answer: { status: number; headers: Record<string, string>; text: string } | undefined = { status: 200, headers: {}, text: '{"taken":true}' };
    const stop = env.emulator.services.dispatcher.receiveCalloutsInProcess(`${receiver.url}/renamed`, async (request) => {
      handed.push(request);
      return answer;
    });
    try {
      const account = await rename('In process');
      await settle();
      // As a server reads the request: names in lower case, values without the spaces around them.
      expect(handed).toEqual([
        {
          method: 'POST',
          headers: { 'x-tag': 'blue', 'content-type': 'application/json', 'zuora-request-id': expect.stringMatching(/^[0-9a-f]{32}$/), 'user-agent': 'zuora-emulator-callout' },
          body: JSON.stringify({ AccountId: account.id, Name: 'In process' }),
        },
      ]);
      expect(receiver.at('/renamed')).toHaveLength(0);
      // Its answer is the attempt's, as an HTTP answer would be.
      expect((await env.admin.get('/callouts')).body.data[0]).toMatchObject({ status: 'delivered', attempts: [{ status: 200, responseBody: '{"taken":true}' }] });

      answer = undefined;
      await env.zuora.patch(`/v2/accounts/${account.id}`, { name: 'Over HTTP' });
      await settle();
      expect(handed).toHaveLength(2);
      expect(receiver.at('/renamed').map((request) => request.body)).toEqual([{ AccountId: account.id, Name: 'Over HTTP' }]);
    } finally {
      stop();
    }
    // Unregistered, the receiver is not asked again.
    await env.zuora.post('/v2/accounts', accountBody()).then(({ body }) => env.zuora.patch(`/v2/accounts/${body.id}`, { name: 'After' }));
    await settle();
    expect(handed).toHaveLength(2);
    expect(receiver.at('/renamed')).toHaveLength(2);
  });

  it('signs with HMAC when the template says so', async () => {
    await oneCallout({ hmacAlgorithm: 'SHA-256', hmacSecret: 'shh', hmacKey: 'X-Signature', hmacData: '<Account.Id>', hmacOutputFormat: 'HEX' });
    const account = await rename();
    await settle();
    const [request] = receiver.at('/renamed');
    expect(request?.headers['x-signature']).toBe(createHmac('sha256', 'shh').update(account.id).digest('hex'));
  });

  it('redelivers a past callout on request', async () => {
    await oneCallout();
    await rename();
    await settle();
    const [first] = (await env.admin.get('/callouts')).body.data;
    const again = await env.admin.post(`/callouts/${first.id}/redeliver`);
    expect(again.status).toBe(201);
    // The journal read from a delivery on lists only those raised after it.
    expect((await env.admin.get(`/callouts?after=${first.seq}`)).body.data).toEqual([expect.objectContaining({ id: again.body.id, seq: again.body.seq })]);
    expect(receiver.at('/renamed')).toHaveLength(2);
    expect(receiver.at('/renamed')[1]?.body).toEqual(receiver.at('/renamed')[0]?.body);
  });

  it('does not hold up the API request when the receiver is down', async () => {
    await oneCallout({ calloutBaseurl: 'http://127.0.0.1:9/nowhere' });
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    const patched = await env.zuora.patch(`/v2/accounts/${account.id}`, { name: 'Still answers' });
    expect(patched.status).toBe(200);
    await env.admin.post('/callouts/flush');
    const [delivery] = (await env.admin.get('/callouts')).body.data;
    expect(delivery.status).toBe('waiting');
    expect(delivery.attempts[0].error).toBeTruthy();
  });
});

describe('fault modes', () => {
  async function threeRenames(): Promise<Received[]> {
    await env.zuora.post('/events/event-triggers', {
      baseObject: 'Account',
      condition: "changeType == 'UPDATE'",
      active: true,
      eventType: { name: 'AccountTouched', displayName: 'Account touched' },
    });
    const template = await env.zuora.post('/notifications/callout-templates', {
      name: 'Touched',
      eventTypeName: 'AccountTouched',
      calloutBaseurl: `${receiver.url}/touched`,
      httpMethod: 'POST',
      calloutParams: { Name: '<Account.Name>' },
      active: true,
    });
    await env.zuora.post('/notifications/notification-definitions', { name: 'Touched', eventTypeName: 'AccountTouched', active: true, calloutActive: true, calloutTemplateIds: [template.body.id] });
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    for (const name of ['one', 'two', 'three']) await env.zuora.patch(`/v2/accounts/${account.id}`, { name });
    await env.admin.post('/callouts/flush');
    return receiver.at('/touched');
  }

  const names = (requests: Received[]) => requests.map((request) => (request.body as { Name: string }).Name);

  it('drop: the dropped callout never arrives', async () => {
    await env.admin.post('/faults/callouts', { mode: 'drop', count: 1 });
    expect(names(await threeRenames())).toEqual(['two', 'three']);
    expect((await env.admin.get('/callouts?status=dropped')).body.data).toHaveLength(1);
  });

  it('duplicate: the callout arrives twice, with different request ids', async () => {
    await env.admin.post('/faults/callouts', { mode: 'duplicate', count: 1 });
    const received = await threeRenames();
    expect(names(received)).toEqual(['one', 'one', 'two', 'three']);
    expect(received[0]?.headers['zuora-request-id']).not.toBe(received[1]?.headers['zuora-request-id']);
  });

  it('reorder: the next callout overtakes the first', async () => {
    await env.admin.post('/faults/callouts', { mode: 'reorder', count: 1 });
    expect(names(await threeRenames())).toEqual(['two', 'one', 'three']);
  });

  it('delay: the delayed callout arrives after the others, repeatably by seed', async () => {
    await env.admin.post('/faults/callouts', { mode: 'delay', count: 1, seed: 7 });
    expect(names(await threeRenames())).toEqual(['two', 'three', 'one']);
  });

  it('refuses an unknown mode', async () => {
    expect((await env.admin.post('/faults/callouts', { mode: 'explode' })).status).toBe(400);
  });
});

describe('standard notifications', () => {
  async function standard(category: number, path: string, params: Record<string, string>): Promise<void> {
    const template = await env.zuora.post('/notifications/callout-templates', {
      name: `Standard ${category}`,
      eventCategory: category,
      calloutBaseurl: `${receiver.url}${path}`,
      httpMethod: 'POST',
      calloutParams: params,
      active: true,
    });
    await env.zuora.post('/notifications/notification-definitions', {
      name: `Standard ${category}`,
      eventCategory: category,
      active: true,
      calloutActive: true,
      calloutTemplateIds: [template.body.id],
    });
  }

  it('sends account changes with the default payment method, without any trigger', async () => {
    await standard(1500, '/customer', {
      AccountId: '<Account.Id>',
      DefaultPaymentMethodId: '<DefaultPaymentMethod.Id>',
      DefaultPaymentMethodCreditCardType: '<DefaultPaymentMethod.CreditCardType>',
      DefaultPaymentMethodCreditCardMaskNumber: '<DefaultPaymentMethod.CreditCardMaskNumber>',
      DefaultPaymentMethodCreditCardExpirationMonth: '<DefaultPaymentMethod.CreditCardExpirationMonth>',
      DefaultPaymentMethodCreditCardExpirationYear: '<DefaultPaymentMethod.CreditCardExpirationYear>',
    });
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    const method = await env.zuora.post('/v2/payment_methods', {
      type: 'card',
      account_id: account.id,
      card: { card_number: '5555555555554444', expiry_month: 8, expiry_year: 2031, brand: 'mastercard' },
    });
    await env.zuora.patch(`/v2/accounts/${account.id}`, { default_payment_method_id: method.body.id });
    await settle();
    const received = receiver.at('/customer').map((request) => request.body);
    expect(received).toHaveLength(2); // created, then the default set
    expect(received[1]).toEqual({
      AccountId: account.id,
      DefaultPaymentMethodId: method.body.id,
      DefaultPaymentMethodCreditCardType: 'MasterCard',
      DefaultPaymentMethodCreditCardMaskNumber: '************4444',
      DefaultPaymentMethodCreditCardExpirationMonth: '8',
      DefaultPaymentMethodCreditCardExpirationYear: '2031',
    });
  });

  it('sends subscription changes with status, versions and cancelled date', async () => {
    await standard(1200, '/subscription', {
      SubscriptionId: '<Subscription.Id>',
      SubscriptionOriginalId: '<Subscription.OriginalId>',
      SubscriptionPreviousSubscriptionId: '<Subscription.PreviousSubscriptionId>',
      SubscriptionStatus: '<Subscription.Status>',
      SubscriptionCancelledDate: '<Subscription.CancelledDate>',
    });
    const { body: account } = await env.zuora.post('/v2/accounts', accountBody());
    const created = await order(account.account_number, [
      { orderActions: [{ type: 'CreateSubscription', createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: catalog.basic.planId }] } }] },
    ]);
    const number = created.body.subscriptions[0].subscriptionNumber;
    await order(account.account_number, [{ subscriptionNumber: number, orderActions: [{ type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-02-01' } }] }]);
    await settle();
    const received = receiver.at('/subscription').map((request) => request.body as Record<string, string>);
    // Created (a parent category hears its Subscription Created child), the old version stepping
    // down, and the Cancelled version.
    expect(received.map((body) => body.SubscriptionStatus)).toEqual(['Active', 'Active', 'Cancelled']);
    expect(received[2]).toMatchObject({
      SubscriptionOriginalId: received[0]?.SubscriptionId,
      SubscriptionPreviousSubscriptionId: received[0]?.SubscriptionId,
      SubscriptionCancelledDate: '2026-02-01',
    });
  });
});
