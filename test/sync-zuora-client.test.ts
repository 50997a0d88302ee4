import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZuoraClient } from '../sync/zuora/client.js';
import { ZuoraError } from '../sync/zuora/errors.js';
import type { RecordedCall } from '../sync/zuora/types.js';
import { useTenant } from './helpers/emulator.js';

interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

interface Scripted {
  status: number;
  body: unknown;
}

/**
 * A pass-through proxy in front of the emulator that records every request and, while `script` has
 * answers queued, answers API calls (not token requests) itself: the way to stage a revoked token, a
 * 503 or lock contention in front of a real emulator.
 */
class ScriptedProxy {
  readonly seen: SeenRequest[] = [];
  script: Scripted[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  tokenRequests(): number {
    return this.seen.filter((request) => request.path === '/oauth/token').length;
  }

  apiRequests(): SeenRequest[] {
    return this.seen.filter((request) => request.path !== '/oauth/token');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    this.seen.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const scripted = path === '/oauth/token' ? undefined : this.script.shift();
    if (scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(scripted.body));
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'idempotency-key']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const upstream = await fetch(this.target + path, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  }
}

const env = useTenant({ now: '2026-01-15T10:00:00.000Z' });
let proxy: ScriptedProxy;

beforeAll(async () => {
  proxy = new ScriptedProxy(env.url);
  await proxy.start();
});

afterAll(async () => {
  await proxy.close();
});

afterEach(() => {
  proxy.script = [];
  proxy.seen.length = 0;
});

/** A client whose traffic goes through the proxy, with every recorded call collected. */
function proxiedClient(): { client: ZuoraClient; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const client = new ZuoraClient({ baseUrl: proxy.url, ...env.credentials, onCall: (call) => calls.push(call) });
  return { client, calls };
}

const accountBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Acme Corp',
  currency: 'USD',
  bill_cycle_day: 1,
  payment_terms: 'Net 30',
  bill_to: { first_name: 'Ada', last_name: 'Lovelace', work_email: 'ada@example.com', address: { country: 'United States', state: 'CA' } },
  ...overrides,
});

const v1Failure = (code: number, message: string) => ({ success: false, processId: 'ABC', reasons: [{ code, message }] });

describe('ZuoraClient: OAuth', () => {
  it('fetches one token and reuses it across calls, concurrent ones included', async () => {
    const { client } = proxiedClient();
    await client.getPaymentTerms();
    await Promise.all([client.getHostedPages(), client.getPaymentTerms(), client.listEventTriggers()]);
    expect(proxy.tokenRequests()).toBe(1);
    const tokens = new Set(proxy.apiRequests().map((request) => request.headers.authorization));
    expect(tokens.size).toBe(1);
  });

  it('shares a single token fetch between calls that start together', async () => {
    const { client } = proxiedClient();
    await Promise.all([client.getPaymentTerms(), client.getHostedPages(), client.getPaymentTerms()]);
    expect(proxy.tokenRequests()).toBe(1);
  });

  it('on a 401 fetches a new token and retries the call once', async () => {
    const { client, calls } = proxiedClient();
    await client.getPaymentTerms();
    proxy.script = [{ status: 401, body: { message: 'Authentication error' } }];
    const terms = await client.getPaymentTerms();
    expect(terms.length).toBeGreaterThan(0);
    expect(proxy.tokenRequests()).toBe(2);
    expect(calls.map((call) => call.status)).toEqual([200, 401, 200]);
  });

  it('gives up after one refresh when Zuora keeps answering 401', async () => {
    const { client } = proxiedClient();
    proxy.script = [
      { status: 401, body: { message: 'Authentication error' } },
      { status: 401, body: { message: 'Authentication error' } },
    ];
    const error = await client.getPaymentTerms().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZuoraError);
    expect((error as ZuoraError).status).toBe(401);
    expect(proxy.tokenRequests()).toBe(2);
    expect(proxy.apiRequests()).toHaveLength(2);
  });

  it('reports bad credentials as a ZuoraError without retrying', async () => {
    const client = new ZuoraClient({ baseUrl: env.url, clientId: env.credentials.clientId, clientSecret: 'wrong' });
    const error = (await client.getPaymentTerms().catch((caught: unknown) => caught)) as ZuoraError;
    expect(error).toBeInstanceOf(ZuoraError);
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('POST /oauth/token');
  });
});

describe('ZuoraClient: errors', () => {
  it('turns a V1 success:false answered with HTTP 200 into a ZuoraError with code and category', async () => {
    const { client, calls } = proxiedClient();
    const error = (await client.getAccountV1('A-NO-SUCH-ACCOUNT').catch((caught: unknown) => caught)) as ZuoraError;
    expect(error).toBeInstanceOf(ZuoraError);
    expect(error.status).toBe(200);
    expect(error.code).toMatch(/^\d{8}$/);
    expect(error.category).toBe(40);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('GET /v1/accounts/A-NO-SUCH-ACCOUNT');
    expect(calls).toHaveLength(1);
  });

  it('puts the offending parameter of a Quickstart 400 in the message, and does not retry it', async () => {
    const { client } = proxiedClient();
    const error = (await client.createAccount(accountBody({ currency: 'DOLLARS' })).catch((caught: unknown) => caught)) as ZuoraError;
    expect(error).toBeInstanceOf(ZuoraError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_parameter');
    expect(error.category).toBeUndefined();
    expect(error.reasons[0]?.parameter).toBe('currency');
    expect(error.message).toContain('currency: ');
    expect(proxy.apiRequests()).toHaveLength(1);
  });

  it('reads the CRUD error shapes, capitalised or not', async () => {
    const { client } = proxiedClient();
    proxy.script = [{ status: 400, body: { Success: false, Errors: [{ Code: 'INVALID_VALUE', Message: 'ChargeModel is invalid' }] } }];
    const error = (await client.createCharge({}).catch((caught: unknown) => caught)) as ZuoraError;
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.message).toContain('ChargeModel is invalid');
    const real = (await client.createCharge({ Name: 'x' }).catch((caught: unknown) => caught)) as ZuoraError;
    expect(real).toBeInstanceOf(ZuoraError);
    expect(real.status).toBe(400);
    expect(real.reasons.length).toBeGreaterThan(0);
  });

  it('reads the events API error shape and a bare HTTP failure', async () => {
    const { client } = proxiedClient();
    const missing = (await client.deleteEventTrigger('no-such-trigger').catch((caught: unknown) => caught)) as ZuoraError;
    expect(missing.status).toBe(404);
    expect(missing.category).toBe(40);
    const crudMissing = (await client.getInvoice('0'.repeat(32)).catch((caught: unknown) => caught)) as ZuoraError;
    expect(crudMissing.status).toBe(404);
    expect(crudMissing.message).toContain('HTTP 404');
  });
});

describe('ZuoraClient: retries', () => {
  it('retries a 503 and returns the answer that follows, keeping the idempotency key', async () => {
    const { client, calls } = proxiedClient();
    proxy.script = [{ status: 503, body: { type: 'service_unavailable', errors: [], retryable: true } }];
    const product = await client.createProduct({ name: 'Retried product' });
    expect(product.name).toBe('Retried product');
    expect(calls.map((call) => call.status)).toEqual([503, 201]);
    const keys = proxy.apiRequests().map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toEqual(expect.any(String));
    expect(keys[1]).toBe(keys[0]);
  });

  it('retries V1 lock contention (category 50) with a fresh idempotency key', async () => {
    const { client } = proxiedClient();
    proxy.script = [{ status: 200, body: v1Failure(53100050, 'Operation failed due to a lock competition') }];
    const uom = await client.createUnitOfMeasure({ UomName: 'lock-test' });
    expect(uom.Success).toBe(true);
    const keys = proxy.apiRequests().map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('stops after a few attempts and throws the last failure', async () => {
    const { client } = proxiedClient();
    const unavailable = { status: 503, body: { reasons: [{ code: 50000060, message: 'down' }] } };
    proxy.script = Array.from({ length: 10 }, () => unavailable);
    const started = Date.now();
    const error = (await client.getPaymentTerms().catch((caught: unknown) => caught)) as ZuoraError;
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
    expect(proxy.apiRequests()).toHaveLength(4);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries when no answer arrives at all', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const { port } = dead.address() as AddressInfo;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const client = new ZuoraClient({ baseUrl: `http://127.0.0.1:${port}`, ...env.credentials, fetchTimeoutMs: 500 });
    const error = (await client.getPaymentTerms().catch((caught: unknown) => caught)) as ZuoraError;
    expect(error).toBeInstanceOf(ZuoraError);
    expect(error.status).toBe(0);
    expect(error.retryable).toBe(true);
  });
});

describe('ZuoraClient: round trips against the emulator', () => {
  it('creates a catalog and an account, places an order and reads the subscription back', async () => {
    const { client, calls } = proxiedClient();

    await client.putCustomFieldDefinition('Account', {
      properties: { stiggCustomerId__c: { type: 'string', label: 'Stigg customer id', maxLength: 255 } },
      filterable: ['stiggCustomerId__c'],
    });
    const uom = await client.createUnitOfMeasure({ UomName: 'seat' });
    expect(uom.Id).toMatch(/^[0-9a-f]{32}$/);
    const product = await client.createProduct({ name: 'Acme' });
    expect((await client.getProduct(product.id)).name).toBe('Acme');
    expect((await client.updateProduct(product.id, { description: 'Acme suite' })).description).toBe('Acme suite');
    const plan = await client.createPlan({ name: 'Pro', product_id: product.id });
    expect((await client.getPlan(plan.id)).product_id).toBe(product.id);
    const seats = await client.createCharge({
      ProductRatePlanId: plan.id,
      Name: 'Seats',
      ChargeType: 'Recurring',
      ChargeModel: 'Per Unit Pricing',
      BillingPeriod: 'Month',
      BillCycleType: 'DefaultFromCustomer',
      TriggerEvent: 'ContractEffective',
      UOM: 'seat',
      DefaultQuantity: 1,
      ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 10 }] },
    });
    expect(seats.Success).toBe(true);
    const charge = await client.getCharge(seats.Id);
    expect(charge).toMatchObject({ id: seats.Id, name: 'Seats', uom: 'seat' });
    expect((await client.getPrice(seats.Id)).unit_of_measure).toBe('seat');

    const account = await client.createAccount(accountBody({ custom_fields: { stiggCustomerId__c: 'customer-1' } }));
    expect(account.account_number).toEqual(expect.any(String));
    expect((await client.getAccount(account.id)).name).toBe('Acme Corp');
    expect((await client.updateAccount(account.id, { name: 'Acme Inc' })).name).toBe('Acme Inc');
    const v1 = await client.getAccountV1(account.account_number);
    expect(v1.basicInfo).toMatchObject({ id: account.id, accountNumber: account.account_number, name: 'Acme Inc' });

    const order = await client.createOrder(
      {
        orderDate: '2026-01-15',
        existingAccountNumber: account.account_number,
        subscriptions: [
          {
            orderActions: [
              {
                type: 'CreateSubscription',
                createSubscription: {
                  terms: { initialTerm: { termType: 'TERMED', period: 12, periodType: 'Month' }, autoRenew: true, renewalTerms: [{ period: 12, periodType: 'Month' }] },
                  subscribeToRatePlans: [
                    { productRatePlanId: plan.id, chargeOverrides: [{ productRatePlanChargeId: seats.Id, pricing: { recurringPerUnit: { quantity: 5 } } }] },
                  ],
                },
              },
            ],
          },
        ],
      },
      { returnIds: true },
    );
    expect(order.success).toBe(true);
    const subscriptionNumber = (order.subscriptionNumbers?.[0] ?? '');
    const subscriptionId = order.subscriptionIds?.[0] ?? '';
    expect(subscriptionId).toMatch(/^[0-9a-f]{32}$/);

    const subscription = await client.getSubscription(subscriptionId, { expand: ['subscription_plans.subscription_items'] });
    expect(subscription.subscription_number).toBe(subscriptionNumber);
    expect(subscription.subscription_plans?.data[0]?.subscription_items?.data[0]).toMatchObject({ price_id: seats.Id, quantity: 5 });
    const v1Subscription = await client.getSubscriptionV1(subscriptionNumber);
    expect(v1Subscription.ratePlans[0]?.ratePlanCharges[0]).toMatchObject({ productRatePlanChargeId: seats.Id, quantity: 5 });
    const orders = await client.listOrdersOfSubscription(subscriptionNumber, 'completed');
    expect(orders.orders.map((listed) => listed.orderNumber)).toContain(order.orderNumber);

    expect(calls.map((call) => `${call.method} ${call.path.split('?')[0]}`)).toEqual([
      'PUT /objects/definitions/Account',
      'POST /v1/object/unit-of-measure',
      'POST /v2/products',
      'GET /v2/products/' + product.id,
      'PATCH /v2/products/' + product.id,
      'POST /v2/plans',
      'GET /v2/plans/' + plan.id,
      'POST /v1/object/product-rate-plan-charge',
      'GET /v1/product-rate-plan-charges/' + seats.Id,
      'GET /v2/prices/' + seats.Id,
      'POST /v2/accounts',
      'GET /v2/accounts/' + account.id,
      'PATCH /v2/accounts/' + account.id,
      'GET /v1/accounts/' + account.account_number,
      'POST /v1/orders',
      'GET /v2/subscriptions/' + subscriptionId,
      'GET /v1/subscriptions/' + subscriptionNumber,
      'GET /v1/orders/subscription/' + subscriptionNumber,
    ]);
  });

  it('bills, previews, pays, meters usage, manages payment methods and scheduled orders', async () => {
    const { client } = proxiedClient();
    await client.createUnitOfMeasure({ UomName: 'api-call' });
    const product = await client.createProduct({ name: 'Metered suite' });
    const plan = await client.createPlan({ name: 'Metered', product_id: product.id });
    const base = { ProductRatePlanId: plan.id, BillingPeriod: 'Month', BillCycleType: 'DefaultFromCustomer', TriggerEvent: 'ContractEffective' };
    const fee = await client.createCharge({
      ...base,
      Name: 'Base fee',
      ChargeType: 'Recurring',
      ChargeModel: 'Flat Fee Pricing',
      ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 30 }] },
    });
    await client.createCharge({
      ...base,
      Name: 'Calls',
      ChargeType: 'Usage',
      ChargeModel: 'Per Unit Pricing',
      UOM: 'api-call',
      ProductRatePlanChargeTierData: { ProductRatePlanChargeTier: [{ Currency: 'USD', Price: 0.01 }] },
    });
    expect((await client.updatePrice(fee.Id, { name: 'Platform fee' })).name).toBe('Platform fee');

    const account = await client.createAccount(accountBody({ name: 'Metered Co' }));
    const card = await client.createPaymentMethod({
      type: 'card',
      account_id: account.id,
      card: { card_number: '4111111111111111', expiry_month: 12, expiry_year: 2030, security_code: '987' },
      billing_details: { name: 'Ada Lovelace' },
    });
    expect((await client.getPaymentMethod(card.id)).account_id).toBe(account.id);
    expect(await client.updatePaymentMethod(card.id, { card: { expiry_year: 2031 } })).toMatchObject({ id: card.id, card: { expiry_year: 2031 } });

    const subscribe = {
      orderDate: '2026-01-15',
      existingAccountNumber: account.account_number,
      subscriptions: [
        {
          orderActions: [
            {
              type: 'CreateSubscription',
              createSubscription: { terms: { initialTerm: { termType: 'EVERGREEN' } }, subscribeToRatePlans: [{ productRatePlanId: plan.id }] },
            },
          ],
        },
      ],
    };
    const preview = await client.previewOrder({
      ...subscribe,
      previewOptions: { previewThruType: 'NumberOfPeriods', previewNumberOfPeriods: 1, previewTypes: ['BillingDocs'] },
    });
    expect(preview.previewResult?.invoices?.[0]?.amount).toBeGreaterThan(0);

    const order = await client.createOrder(
      { ...subscribe, processingOptions: { runBilling: true, billingOptions: { targetDate: '2026-01-15' } } },
      { returnIds: true },
    );
    const invoiceId = order.invoiceIds?.[0] ?? '';
    const invoice = await client.getInvoice(invoiceId);
    expect(invoice).toMatchObject({ Id: invoiceId, Status: 'Posted' });
    const items = await client.getInvoiceItems(invoiceId);
    expect(items.invoiceItems[0]?.subscriptionName).toBe(order.subscriptionNumbers?.[0]);
    const payment = await client.createPayment({
      accountNumber: account.account_number,
      amount: invoice.Amount,
      currency: 'USD',
      type: 'External',
      paymentMethodType: 'Check',
      invoices: [{ invoiceId, amount: invoice.Amount }],
    });
    expect(payment.success).toBe(true);
    expect((await client.getInvoice(invoiceId)).Balance).toBe(0);

    const subscriptionNumber = (order.subscriptionNumbers?.[0] ?? '');
    const upcoming = await client.previewSubscription(subscriptionNumber, {});
    expect(upcoming.success).toBe(true);

    const usage = await client.createUsage({
      account_number: account.account_number,
      subscription_number: subscriptionNumber,
      unit_of_measure: 'api-call',
      quantity: 120,
      start_time: '2026-01-15T11:00:00Z',
      end_time: '2026-01-15T12:00:00Z',
    });
    expect(usage.state).toBe('pending');
    expect((await client.updateUsage(usage.id, { quantity: 200 })).quantity).toBe(200);
    const pending = await client.listUsage({ filter: [`subscription_number.EQ:${subscriptionNumber}`, 'state.EQ:pending'] });
    expect(pending.data.map((record) => record.id)).toEqual([usage.id]);

    const scheduled = await client.createOrder({
      orderDate: '2026-01-15',
      existingAccountNumber: account.account_number,
      status: 'Scheduled',
      schedulingOptions: { scheduledDate: '2026-02-01', scheduledDatePolicy: 'SpecificDate' },
      subscriptions: [
        {
          subscriptionNumber,
          orderActions: [{ type: 'CancelSubscription', cancelSubscription: { cancellationPolicy: 'SpecificDate', cancellationEffectiveDate: '2026-02-01' } }],
        },
      ],
    });
    expect(scheduled.status).toBe('Scheduled');
    const waiting = await client.listOrdersOfSubscription(subscriptionNumber, 'scheduled');
    expect(waiting.orders.map((listed) => listed.orderNumber)).toEqual([scheduled.orderNumber]);
    expect(await client.cancelOrder(scheduled.orderNumber, 'Customer stayed')).toMatchObject({ status: 'Cancelled', cancelReason: 'Customer stayed' });

    const pages = await client.getHostedPages();
    const pageId = pages.hostedpages[0]?.pageId ?? '';
    const signed = await client.createRsaSignature({ uri: 'https://sandbox.na.zuora.com/apps/PublicHostedPageLite.do', method: 'POST', pageId });
    expect(signed).toMatchObject({ success: true, signature: expect.any(String), token: expect.any(String), key: expect.any(String) });
    expect((await client.getPaymentTerms()).map((term) => term.name)).toContain('Net 30');
  });

  it('sets up and removes callout templates and notifications', async () => {
    const { client } = proxiedClient();
    const template = await client.createCalloutTemplate({
      name: 'Client test callout',
      eventTypeName: 'InvoicePaid',
      calloutBaseurl: 'https://hooks.example.com/zuora',
      httpMethod: 'POST',
    });
    expect((await client.updateCalloutTemplate(template.id, { active: false })).active).toBe(false);
    expect((await client.listCalloutTemplates({ name: 'Client test callout' })).data.map((item) => item.id)).toEqual([template.id]);
    const notification = await client.createNotification({
      name: 'Client test notification',
      eventTypeName: 'InvoicePaid',
      calloutActive: true,
      calloutTemplateIds: [template.id],
    });
    expect(notification.calloutTemplateIds).toEqual([template.id]);
    expect((await client.listNotifications({ eventTypeName: 'InvoicePaid' })).data.map((item) => item.id)).toContain(notification.id);
    await client.deleteNotification(notification.id);
    await client.deleteCalloutTemplate(template.id);
    expect((await client.listCalloutTemplates({ name: 'Client test callout' })).data).toEqual([]);
  });

  it('hands onCall the method, path with query, both bodies and the status of every call', async () => {
    const { client, calls } = proxiedClient();
    const page = await client.listUsage({ filter: ['state.EQ:pending'], pageSize: 5 });
    expect(page.data).toEqual(expect.any(Array));
    const trigger = await client.createEventTrigger({
      baseObject: 'Subscription',
      condition: "changeType == 'INSERT'",
      eventType: { name: 'client_test_created', displayName: 'Client test created' },
      active: true,
    });
    const listed = await client.listEventTriggers({ baseObject: 'Subscription' });
    expect(listed.data.map((item) => item.id)).toContain(trigger.id);
    expect(await client.deleteEventTrigger(trigger.id)).toBeUndefined();

    expect(calls[0]).toEqual({
      method: 'GET',
      path: '/v2/usage_records?filter%5B%5D=state.EQ%3Apending&page_size=5',
      requestBody: undefined,
      status: 200,
      responseBody: page,
    });
    expect(calls[1]).toMatchObject({ method: 'POST', path: '/v1/events/event-triggers', status: 200, responseBody: trigger });
    expect(calls[1]?.requestBody).toMatchObject({ baseObject: 'Subscription' });
    expect(calls[2]?.path).toBe('/v1/events/event-triggers?baseObject=Subscription');
    expect(calls[3]).toEqual({ method: 'DELETE', path: `/v1/events/event-triggers/${trigger.id}`, requestBody: undefined, status: 204, responseBody: undefined });
  });
});
