import { randomUUID } from 'node:crypto';
import { errorFromAnswer, LOCK_CONTENTION, ZuoraError } from './errors.js';
import { withRetries } from './retry.js';
import { TokenCache } from './token.js';
import { send, type HttpMethod } from './transport.js';
import type {
  CalloutTemplate,
  CalloutTemplateQuery,
  CancelOrderResult,
  CreateOrderResult,
  CrudCreateResult,
  CrudInvoice,
  CustomFieldDefinition,
  EventTrigger,
  EventTriggerQuery,
  HostedPagesList,
  InvoiceItemsPage,
  JsonObject,
  NotificationDefinition,
  NotificationQuery,
  OffsetPage,
  OrderPreviewResult,
  OrdersPage,
  PaymentTerm,
  RecordedCall,
  RsaSignature,
  SubscriptionPreviewResult,
  UsageQuery,
  V1Account,
  V1Payment,
  V1ProductRatePlanCharge,
  V1Subscription,
  V2Account,
  V2Page,
  V2PaymentMethod,
  V2Plan,
  V2Price,
  V2Product,
  V2Subscription,
  V2UsageRecord,
  ZuoraClientOptions,
} from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;

type QueryValue = string | number | boolean | string[] | undefined;

/** `path?a=1&b=2`, skipping absent values; a list repeats its key (`filter[]=x&filter[]=y`). */
function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const segment = encodeURIComponent;

/** 429 and lock contention prove the request was not applied, so its idempotency key may be replaced. */
const notApplied = (error: unknown): boolean =>
  error instanceof ZuoraError && (error.status === 429 || error.category === LOCK_CONTENTION);

/**
 * Zuora as the platform sees it: one method per endpoint the platform calls (seeds/001), each
 * returning the parsed answer or throwing ZuoraError. Base URL and credentials are all it knows of
 * its target, so the same client runs against the emulator and a real Zuora tenant.
 */
export class ZuoraClient {
  /** The Zuora API base URL, without a trailing slash. */
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly onCall: ((call: RecordedCall) => void) | undefined;
  private readonly tokens: TokenCache;

  constructor(options: ZuoraClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.onCall = options.onCall;
    this.tokens = new TokenCache({
      baseUrl: this.baseUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      timeoutMs: this.timeoutMs,
    });
  }

  // ---- Orders ----

  createOrder(body: JsonObject, opts: { returnIds?: boolean } = {}): Promise<CreateOrderResult> {
    return this.call('POST', withQuery('/v1/orders', { returnIds: opts.returnIds }), body);
  }

  listOrdersOfSubscription(subscriptionNumber: string, status?: string): Promise<OrdersPage> {
    return this.call('GET', withQuery(`/v1/orders/subscription/${segment(subscriptionNumber)}`, { status }));
  }

  cancelOrder(orderNumber: string, cancelReason?: string): Promise<CancelOrderResult> {
    return this.call('PUT', `/v1/orders/${segment(orderNumber)}/cancel`, cancelReason === undefined ? {} : { cancelReason });
  }

  previewOrder(body: JsonObject): Promise<OrderPreviewResult> {
    return this.call('POST', '/v1/orders/preview', body);
  }

  previewSubscription(subscriptionKey: string, body: JsonObject): Promise<SubscriptionPreviewResult> {
    return this.call('POST', `/v1/subscriptions/${segment(subscriptionKey)}/preview`, body);
  }

  // ---- Accounts ----

  createAccount(body: JsonObject): Promise<V2Account> {
    return this.call('POST', '/v2/accounts', body);
  }

  getAccount(accountId: string): Promise<V2Account> {
    return this.call('GET', `/v2/accounts/${segment(accountId)}`);
  }

  updateAccount(accountId: string, body: JsonObject): Promise<V2Account> {
    return this.call('PATCH', `/v2/accounts/${segment(accountId)}`, body);
  }

  /** By id or account number; the V1 read is the one that shows `basicInfo.accountNumber`. */
  getAccountV1(accountKey: string): Promise<V1Account> {
    return this.call('GET', `/v1/accounts/${segment(accountKey)}`);
  }

  // ---- Catalog ----

  createProduct(body: JsonObject): Promise<V2Product> {
    return this.call('POST', '/v2/products', body);
  }

  getProduct(productId: string): Promise<V2Product> {
    return this.call('GET', `/v2/products/${segment(productId)}`);
  }

  updateProduct(productId: string, body: JsonObject): Promise<V2Product> {
    return this.call('PATCH', `/v2/products/${segment(productId)}`, body);
  }

  createPlan(body: JsonObject): Promise<V2Plan> {
    return this.call('POST', '/v2/plans', body);
  }

  getPlan(planId: string): Promise<V2Plan> {
    return this.call('GET', `/v2/plans/${segment(planId)}`);
  }

  /** CRUD API, capitalised fields (`ProductRatePlanId`, `ChargeModel`...): it takes every charge option. */
  createCharge(body: JsonObject): Promise<CrudCreateResult> {
    return this.call('POST', '/v1/object/product-rate-plan-charge', body);
  }

  getCharge(chargeKey: string): Promise<V1ProductRatePlanCharge> {
    return this.call('GET', `/v1/product-rate-plan-charges/${segment(chargeKey)}`);
  }

  getPrice(priceId: string): Promise<V2Price> {
    return this.call('GET', `/v2/prices/${segment(priceId)}`);
  }

  updatePrice(priceId: string, body: JsonObject): Promise<V2Price> {
    return this.call('PATCH', `/v2/prices/${segment(priceId)}`, body);
  }

  createUnitOfMeasure(body: JsonObject): Promise<CrudCreateResult> {
    return this.call('POST', '/v1/object/unit-of-measure', body);
  }

  // ---- Subscriptions ----

  /** `expand` e.g. `['subscription_plans.subscription_items']`, sent as repeated `expand[]`. */
  getSubscription(subscriptionId: string, opts: { expand?: string[] } = {}): Promise<V2Subscription> {
    return this.call('GET', withQuery(`/v2/subscriptions/${segment(subscriptionId)}`, { 'expand[]': opts.expand }));
  }

  getSubscriptionV1(subscriptionKey: string): Promise<V1Subscription> {
    return this.call('GET', `/v1/subscriptions/${segment(subscriptionKey)}`);
  }

  // ---- Payment methods ----

  getPaymentMethod(paymentMethodId: string): Promise<V2PaymentMethod> {
    return this.call('GET', `/v2/payment_methods/${segment(paymentMethodId)}`);
  }

  createPaymentMethod(body: JsonObject): Promise<V2PaymentMethod> {
    return this.call('POST', '/v2/payment_methods', body);
  }

  updatePaymentMethod(paymentMethodId: string, body: JsonObject): Promise<V2PaymentMethod> {
    return this.call('PATCH', `/v2/payment_methods/${segment(paymentMethodId)}`, body);
  }

  // ---- Usage ----

  createUsage(body: JsonObject): Promise<V2UsageRecord> {
    return this.call('POST', '/v2/usage_records', body);
  }

  updateUsage(usageId: string, body: JsonObject): Promise<V2UsageRecord> {
    return this.call('PATCH', `/v2/usage_records/${segment(usageId)}`, body);
  }

  listUsage(query: UsageQuery = {}): Promise<V2Page<V2UsageRecord>> {
    return this.call('GET', withQuery('/v2/usage_records', { 'filter[]': query.filter, cursor: query.cursor, page_size: query.pageSize }));
  }

  // ---- Invoices and payments ----

  getInvoice(invoiceId: string): Promise<CrudInvoice> {
    return this.call('GET', `/v1/object/invoice/${segment(invoiceId)}`);
  }

  getInvoiceItems(invoiceKey: string): Promise<InvoiceItemsPage> {
    return this.call('GET', `/v1/invoices/${segment(invoiceKey)}/items`);
  }

  createPayment(body: JsonObject): Promise<V1Payment> {
    return this.call('POST', '/v1/payments', body);
  }

  // ---- Hosted payment pages ----

  getHostedPages(): Promise<HostedPagesList> {
    return this.call('GET', '/v1/hostedpages');
  }

  createRsaSignature(body: JsonObject): Promise<RsaSignature> {
    return this.call('POST', '/v1/rsa-signatures', body);
  }

  // ---- Integration setup ----

  /** `objectType` e.g. `Account`, `Product`, `Subscription`. */
  putCustomFieldDefinition(objectType: string, body: JsonObject): Promise<CustomFieldDefinition> {
    return this.call('PUT', `/objects/definitions/${segment(objectType)}`, body);
  }

  createEventTrigger(body: JsonObject): Promise<EventTrigger> {
    return this.call('POST', '/v1/events/event-triggers', body);
  }

  listEventTriggers(query: EventTriggerQuery = {}): Promise<OffsetPage<EventTrigger>> {
    return this.call('GET', withQuery('/v1/events/event-triggers', { ...query }));
  }

  deleteEventTrigger(triggerId: string): Promise<void> {
    return this.call('DELETE', `/v1/events/event-triggers/${segment(triggerId)}`);
  }

  createCalloutTemplate(body: JsonObject): Promise<CalloutTemplate> {
    return this.call('POST', '/v1/notifications/callout-templates', body);
  }

  updateCalloutTemplate(templateId: string, body: JsonObject): Promise<CalloutTemplate> {
    return this.call('PUT', `/v1/notifications/callout-templates/${segment(templateId)}`, body);
  }

  listCalloutTemplates(query: CalloutTemplateQuery = {}): Promise<OffsetPage<CalloutTemplate>> {
    return this.call('GET', withQuery('/v1/notifications/callout-templates', { ...query }));
  }

  deleteCalloutTemplate(templateId: string): Promise<void> {
    return this.call('DELETE', `/v1/notifications/callout-templates/${segment(templateId)}`);
  }

  createNotification(body: JsonObject): Promise<NotificationDefinition> {
    return this.call('POST', '/v1/notifications/notification-definitions', body);
  }

  listNotifications(query: NotificationQuery = {}): Promise<OffsetPage<NotificationDefinition>> {
    return this.call('GET', withQuery('/v1/notifications/notification-definitions', { ...query }));
  }

  deleteNotification(notificationId: string): Promise<void> {
    return this.call('DELETE', `/v1/notifications/notification-definitions/${segment(notificationId)}`);
  }

  // ---- Settings ----

  getPaymentTerms(): Promise<PaymentTerm[]> {
    return this.call('GET', '/v1/settings/payment-terms');
  }

  // ---- Transport ----

  /**
   * One logical call: retried on transient failures, re-authorised once on 401. POST and PATCH carry
   * an idempotency key shared by all attempts, so a retry after a lost answer cannot apply twice.
   */
  private call<T>(method: HttpMethod, path: string, body?: JsonObject): Promise<T> {
    let idempotencyKey = method === 'POST' || method === 'PATCH' ? randomUUID() : undefined;
    return withRetries(async () => {
      try {
        return await this.authorized((token) => this.exchange<T>(method, path, body, token, idempotencyKey));
      } catch (error) {
        // Zuora may keep the refusal under the key and replay it; a refused request needs a fresh one.
        if (idempotencyKey && notApplied(error)) idempotencyKey = randomUUID();
        throw error;
      }
    });
  }

  /** A 401 means the token was revoked or expired early: fetch a new one and try exactly once more. */
  private async authorized<T>(attempt: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.get();
    try {
      return await attempt(token);
    } catch (error) {
      if (!(error instanceof ZuoraError) || error.status !== 401) throw error;
      this.tokens.invalidate(token);
      return attempt(await this.tokens.get());
    }
  }

  private async exchange<T>(method: HttpMethod, path: string, body: JsonObject | undefined, token: string, idempotencyKey: string | undefined): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const answer = await send(this.baseUrl, { method, path, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }, this.timeoutMs);
    this.onCall?.({ method, path, requestBody: body, status: answer.status, responseBody: answer.body });
    const failure = errorFromAnswer(`${method} ${path}`, answer.status, answer.body);
    if (failure) throw failure;
    // The body is Zuora's JSON; the declared type describes the fields callers read, not a checked schema.
    return answer.body as T;
  }
}
