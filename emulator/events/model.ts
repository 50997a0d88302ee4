// Events and notifications: the records behind /events/event-triggers,
// /notifications/callout-templates and /notifications/notification-definitions, and the callout
// deliveries the dispatcher makes from them. Ids of these records are UUIDs, as Zuora shows them.

import type { DataSources } from './dataSources.js';

export const EVENT_TRIGGERS = 'EventTrigger';
export const CALLOUT_TEMPLATES = 'CalloutTemplate';
export const NOTIFICATION_DEFINITIONS = 'NotificationDefinition';
/** Every callout the dispatcher owes or made, with each attempt: internal, so changes to it raise no events. */
export const CALLOUTS = '_callouts';

export interface EventTypeSpec {
  name: string;
  displayName: string;
  description?: string;
  namespace?: string;
}

export type EventTrigger = {
  id: string;
  baseObject: string;
  condition: string;
  eventType: EventTypeSpec;
  active: boolean;
  description?: string;
  createdDate: string;
  updatedDate: string;
};

export interface CalloutAuth {
  username: string;
  password: string;
  domain?: string;
  /** Send the Authorization header on the first request instead of waiting for a 401 challenge. */
  preemptive?: boolean;
}

/** Everything needed to make one callout request; a template or a notification's inline callout. */
export interface CalloutSpec {
  name: string;
  calloutBaseurl: string;
  httpMethod: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
  /** Request parameters; values are merge-field templates. */
  calloutParams: Readonly<Record<string, string>>;
  calloutHeaders: Readonly<Record<string, string>>;
  calloutRetry: boolean;
  active: boolean;
  requiredAuth: boolean;
  calloutAuth?: CalloutAuth;
  useCustomRequestBody: boolean;
  customRequestBody?: string | null;
  hmacAlgorithm?: string | null;
  hmacKey?: string | null;
  hmacSecret?: string | null;
  hmacData?: string | null;
  hmacValue?: string | null;
  hmacOutputFormat?: string | null;
}

/** What an event is called: a custom event by type name, a standard one by category code. */
export interface EventName {
  eventTypeName?: string;
  eventCategory?: number;
}

/** One event to deliver: which event, which record it is about, and the data its merge fields read. */
export interface RaisedEvent extends EventName {
  /** The Zuora object the event is about (Invoice, Subscription...). */
  object: string;
  objectId: string;
  /** Data sources by object name, fields in Zuora's PascalCase (`Invoice.Balance`). */
  readonly sources: DataSources;
}

export type CalloutStatus = 'pending' | 'waiting' | 'delivered' | 'failed' | 'dropped';

export interface CalloutAttempt {
  attempt: number;
  /** Zuora-Request-Id sent with this attempt (a UUID without hyphens). */
  requestId: string;
  /** Tenant virtual time (ISO). */
  at: string;
  status: number | null;
  durationMs: number;
  error?: string;
  /** The receiver's answer, cut to 60 KB as Zuora keeps it. */
  responseBody?: string;
}

/** A callout owed to a receiver: rendered once when the event is raised, then attempted until done. */
export type CalloutDelivery = {
  id: string;
  /** Position in the tenant's delivery order (commit order of the changes that raised them). */
  seq: number;
  notificationId: string;
  eventName: string;
  eventCategory: number | null;
  object: string;
  objectId: string;
  url: string;
  method: CalloutSpec['httpMethod'];
  headers: Readonly<Record<string, string>>;
  body: string | null;
  auth: CalloutAuth | null;
  retry: boolean;
  maxAttempts: number;
  status: CalloutStatus;
  attempts: CalloutAttempt[];
  /** When a waiting delivery's next attempt is due (virtual time, ISO). */
  nextAttemptAt: string | null;
  createdAt: string;
  /** A Stripe webhook: signed afresh for each attempt with the endpoint's secret, and any 2xx counts as delivered. */
  stripe?: { secret: string };
  /** Minutes to wait before each retry, where the default doubling backoff does not apply. */
  retryMinutes?: readonly number[];
};
