import { array, bool, date, dateTime, int, map, nullable, num, object, oneOf, ref, str, type SchemaMap } from '../schema.js';
import { settingsSchema } from '../../../emulator/admin/settings.js';

// The emulator's own control plane (/__emulator/*): no Zuora spec describes it; these are the
// shapes emulator/admin answers with.

const tenantAt = object({ name: str(), tenant: str(), now: dateTime() }, ['tenant', 'now']);

export const ADMIN_SCHEMAS: SchemaMap = {
  Health: object({ status: oneOf('ok'), version: str(), tenants: int(), stripeAccounts: int(), uptime: int() }, ['status', 'version', 'tenants', 'uptime']),
  OpenApiDocument: object({ openapi: str(), info: object({ title: str(), version: str() }, ['title', 'version']), paths: map(object({})) }, ['openapi', 'info', 'paths']),
  TenantReset: object({ tenant: str(), now: dateTime() }, ['tenant', 'now']),
  Clock: object({ now: dateTime() }, ['now']),
  ClockAdvance: object(
    {
      now: dateTime(),
      jobsRun: int(),
      ran: array(object({ id: str(), kind: str(), dueAt: dateTime(), payload: {}, outcome: oneOf('done', 'failed'), error: str() }, ['id', 'kind', 'dueAt', 'outcome'])),
    },
    ['now', 'jobsRun', 'ran'],
  ),
  ClockSubscriber: object({ url: str() }, ['url']),
  Jobs: object({ data: array(object({ id: str(), kind: str(), dueAt: dateTime(), payload: {} }, ['id', 'kind', 'dueAt'])) }, ['data']),
  Tenant: object({ clientId: str(), name: str(), now: dateTime() }, ['clientId']),
  // The settings in force are every setting, defaults filled in: the PATCH schema with all fields required.
  Settings: { ...(settingsSchema as object), required: ['zuoraVersion', 'billRunTime', 'timeZone', 'customFields', 'rateLimits', 'lockContention'] },
  Tenants: object({ data: array(object({ clientId: str(), name: str(), now: dateTime(), createdAt: dateTime() }, ['clientId'])) }, ['data']),
  SnapshotResult: tenantAt,
  SnapshotDocument: object(
    {
      format: oneOf('zuora-emulator-snapshot/1'),
      meta: object({ now: dateTime(), counters: map(int()) }, ['now', 'counters']),
      objects: map(map(object({ id: str() }, ['id']))),
    },
    ['meta', 'objects'],
  ),
  RequestJournal: object(
    {
      data: array(
        object(
          { requestId: str(), method: str(), path: str(), status: int(), at: dateTime(), durationMs: num(), trackId: str() },
          ['requestId', 'method', 'path', 'status'],
        ),
      ),
    },
    ['data'],
  ),
  CalloutDelivery: object(
    {
      id: str(),
      seq: int(),
      notificationId: str(),
      eventName: str(),
      eventCategory: nullable(num()),
      object: str(),
      objectId: str(),
      url: str(),
      method: oneOf('POST', 'GET', 'PUT', 'PATCH', 'DELETE'),
      headers: map(str()),
      body: nullable(str()),
      auth: nullable(object({ username: str(), password: str(), domain: str(), preemptive: bool() })),
      retry: bool(),
      maxAttempts: int(),
      status: oneOf('pending', 'waiting', 'delivered', 'failed', 'dropped'),
      attempts: array(
        object(
          {
            attempt: int(),
            requestId: str(),
            at: dateTime(),
            status: nullable(int()),
            durationMs: num(),
            error: str(),
            responseBody: str(),
          },
          ['attempt', 'requestId', 'at'],
        ),
      ),
      nextAttemptAt: nullable(dateTime()),
      createdAt: dateTime(),
    },
    ['id', 'seq', 'status', 'attempts'],
  ),
  Outbox: object(
    { emails: array(object({ to: array(str()), subject: str(), invoiceNumber: str(), sentAt: str() }, ['to', 'subject', 'invoiceNumber', 'sentAt'])) },
    ['emails'],
  ),
  CalloutJournal: object({ data: array(ref('CalloutDelivery')) }, ['data']),
  CalloutFlush: object({ delivered: int(), failed: int(), dropped: int() }, ['delivered', 'failed', 'dropped']),
  CalloutRedeliverFailed: object({ redelivered: int(), delivered: int(), failed: int(), dropped: int() }, ['redelivered', 'delivered', 'failed', 'dropped']),
  CalloutFault: object({ mode: str(), count: int(), seed: int() }, ['mode', 'count']),
  FaultsInForce: object(
    {
      callouts: nullable(object({ mode: str(), remaining: int(), seed: int() }, ['mode', 'remaining'])),
      payments: array(object({ accountId: str(), accountNumber: nullable(str()), remaining: int(), responseCode: str(), response: str() }, ['accountId', 'remaining'])),
    },
    ['callouts', 'payments'],
  ),
  OrderCancelled: object({ orderNumber: str(), status: str() }, ['orderNumber', 'status']),
  SyncEngineLink: object({ url: str() }, ['url']),
  InspectAccount: object(
    {
      id: str(),
      accountNumber: str(),
      name: str(),
      status: str(),
      currency: str(),
      balance: num(),
      creditBalance: num(),
      autoPay: bool(),
      billCycleDay: int(),
      defaultPaymentMethodId: nullable(str()),
      customFields: map(),
      paymentMethods: array(object({ id: str(), type: str(), status: str(), gatewayOutcome: str() }, ['id', 'type', 'status'])),
      subscriptions: array(object({ id: str(), subscriptionNumber: str(), version: int(), status: str() }, ['id', 'subscriptionNumber'])),
      timeline: array(object({ kind: oneOf('invoice', 'payment'), at: dateTime(), id: str(), number: str(), status: str(), amount: num() }, ['kind', 'at', 'id', 'number', 'status', 'amount'])),
    },
    ['id', 'accountNumber', 'status', 'balance', 'paymentMethods'],
  ),
  InspectAccounts: object({ data: array(object({ id: str(), accountNumber: str(), status: str(), balance: num(), paymentMethods: array(map()) }, ['id', 'accountNumber'])) }, ['data']),
  InspectSubscriptions: object({ data: array(object({ subscriptionNumber: str(), id: str(), version: int(), status: str(), accountId: str() }, ['subscriptionNumber', 'id', 'version'])) }, ['data']),
  InspectSubscription: object(
    {
      subscriptionNumber: str(),
      accountId: str(),
      accountNumber: nullable(str()),
      versions: array(
        object(
          {
            id: str(),
            version: int(),
            status: str(),
            isLatestVersion: bool(),
            previousSubscriptionId: nullable(str()),
            order: object({ id: str(), orderNumber: str(), status: nullable(str()), actions: array(str()) }, ['orderNumber', 'actions']),
            ratePlans: array(object({ id: str(), name: str(), lastChangeType: nullable(str()), charges: array(object({ id: str(), chargeNumber: str(), name: str() }, ['id', 'chargeNumber'])) }, ['id', 'charges'])),
            invoices: array(object({ id: str(), invoiceNumber: str(), amount: num() }, ['id', 'invoiceNumber'])),
          },
          ['id', 'version', 'isLatestVersion', 'order', 'ratePlans', 'invoices'],
        ),
      ),
    },
    ['subscriptionNumber', 'versions'],
  ),
  InspectOrders: object({ data: array(object({ id: str(), orderNumber: str(), status: str(), scheduledDate: nullable(date()), actions: array(str()) }, ['id', 'orderNumber', 'status'])) }, ['data']),
  InspectCallouts: object(
    { data: array(object({ id: str(), seq: int(), eventName: str(), object: str(), objectId: str(), accountId: nullable(str()), subscriptionNumber: nullable(str()), status: str(), attempts: array(map()) }, ['id', 'seq', 'status', 'attempts'])) },
    ['data'],
  ),
  InspectUsage: object({ data: array(object({ id: str(), subscriptionNumber: str(), quantity: num(), status: str(), invoiceId: nullable(str()) }, ['id', 'quantity', 'status'])) }, ['data']),
  InspectSyncEngine: object(
    { linked: bool(), url: str(), reachable: bool(), error: str(), customers: array(map()), subscriptions: array(map()), events: array(map()) },
    ['linked'],
  ),
  PaymentFault: object(
    { accountNumber: str(), count: int(), gatewayResponseCode: str(), gatewayResponse: str() },
    ['accountNumber', 'count'],
  ),
  StripeAccount: object({ id: str(), secretKey: str(), connectedTo: nullable(str()) }, ['id', 'secretKey', 'connectedTo']),
};
