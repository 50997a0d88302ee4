import { array, bool, dateTime, int, map, nullable, num, object, oneOf, ref, str, type SchemaMap } from '../schema.js';
import { settingsSchema } from '../../../emulator/admin/settings.js';

// The emulator's own control plane (/__emulator/*): no Zuora spec describes it; these are the
// shapes emulator/admin answers with.

const tenantAt = object({ name: str(), tenant: str(), now: dateTime() }, ['tenant', 'now']);

export const ADMIN_SCHEMAS: SchemaMap = {
  Health: object({ status: oneOf('ok') }, ['status']),
  TenantReset: object({ tenant: str(), now: dateTime() }, ['tenant', 'now']),
  Clock: object({ now: dateTime() }, ['now']),
  ClockAdvance: object({ now: dateTime(), jobsRun: int() }, ['now', 'jobsRun']),
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
  CalloutFault: object({ mode: str(), count: int(), seed: int() }, ['mode', 'count']),
  PaymentFault: object(
    { accountNumber: str(), count: int(), gatewayResponseCode: str(), gatewayResponse: str() },
    ['accountNumber', 'count'],
  ),
};
