import { conflict, DomainError, invalidValue, missingField, notFound } from '../domain/errors.js';
import { apiUserId } from '../state/ids.js';
import type { ReadView, Transaction } from '../state/transaction.js';
import { CALLOUT_TEMPLATES, NOTIFICATION_DEFINITIONS, type CalloutAuth, type CalloutSpec, type EventName } from './model.js';
import type { NotificationDefinition } from './notifications.js';

const TEMPLATE = 'CalloutTemplate';

export const HTTP_METHODS = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'] as const;
/** `None` is how a client says "no HMAC signature"; it is stored (and answered) as null. */
export const HMAC_ALGORITHMS = ['MD5', 'SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'None'] as const;
export const HMAC_OUTPUT_FORMATS = ['BASE64', 'HEX', 'None'] as const;
export const EVENT_TYPE_NAMESPACES = ['user.notification', 'com.zuora.notification'] as const;

export type EventTypeNamespace = (typeof EVENT_TYPE_NAMESPACES)[number];

/** The event a template or notification hangs on: a custom event by name, or a standard one by category. */
export type EventKey = { eventTypeName: string; eventTypeNamespace: EventTypeNamespace } | { eventCategory: number };

/**
 * A callout as stored, on a template or inline on a notification. OAuth 2.0 settings are kept and
 * answered, but the emulator never fetches an OAuth 2.0 token for a callout: there is no provider to
 * ask, so such callouts go out without an Authorization header.
 */
export type CalloutSettings = CalloutSpec & { requiredOauth2: boolean; oauth2ProviderId: string | null };

export interface Audit {
  createdBy: string;
  createdOn: string;
  updatedBy: string;
  updatedOn: string;
}

export type CalloutTemplate = CalloutSettings &
  EventName &
  Audit & {
    id: string;
    eventTypeNamespace?: EventTypeNamespace;
    description: string | null;
    confirmSuccessFromResponseContent: boolean;
    certificate: string | null;
  };

/** What a request may say about a callout. null clears an optional setting. */
export interface CalloutInput {
  name?: string;
  calloutBaseurl?: string;
  httpMethod?: CalloutSpec['httpMethod'];
  active?: boolean;
  calloutParams?: Record<string, string> | null;
  calloutHeaders?: Record<string, string> | null;
  calloutRetry?: boolean;
  requiredAuth?: boolean;
  calloutAuth?: Partial<CalloutAuth> | null;
  requiredOauth2?: boolean;
  oauth2ProviderId?: string | null;
  useCustomRequestBody?: boolean;
  customRequestBody?: string | null;
  hmacAlgorithm?: (typeof HMAC_ALGORITHMS)[number] | null;
  hmacKey?: string | null;
  hmacSecret?: string | null;
  hmacData?: string | null;
  hmacValue?: string | null;
  hmacOutputFormat?: (typeof HMAC_OUTPUT_FORMATS)[number] | null;
}

/** The event fields a PUT may repeat (a client echoing what it read) but not change. */
export interface EventInput extends EventName {
  eventTypeNamespace?: EventTypeNamespace;
}

export interface CalloutTemplateInput extends CalloutInput, EventInput {
  description?: string | null;
  confirmSuccessFromResponseContent?: boolean;
  certificate?: string | null;
}

export interface CalloutTemplateFilter {
  eventCategory?: number;
  eventTypeName?: string;
  name?: string;
}

/** Zuora shows these ids as UUIDs; the emulator's ids are 32 hex digits, so they are hyphenated. */
export function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const newUuid = (tx: Transaction): string => asUuid(tx.newId());

/** Ids are accepted with or without hyphens and in any case, as clients copy them from either form. */
export function recordKey(key: string): string {
  const lower = key.toLowerCase();
  return /^[0-9a-f]{32}$/.test(lower) ? asUuid(lower) : lower;
}

export function created(tx: Transaction): Audit {
  const by = asUuid(apiUserId(tx.tenant));
  const on = tx.now().toISOString();
  return { createdBy: by, createdOn: on, updatedBy: by, updatedOn: on };
}

export function touched(tx: Transaction): Pick<Audit, 'updatedBy' | 'updatedOn'> {
  return { updatedBy: asUuid(apiUserId(tx.tenant)), updatedOn: tx.now().toISOString() };
}

/** Both events name the same one: same custom event name, or same standard category. */
export const sameEvent = (a: EventName, b: EventName): boolean => a.eventTypeName === b.eventTypeName && a.eventCategory === b.eventCategory;

export const describeEvent = (event: EventName): string =>
  event.eventTypeName !== undefined ? `event '${event.eventTypeName}'` : `event category ${event.eventCategory}`;

/** Zuora asks for exactly one of eventTypeName (custom events) and eventCategory (standard events). */
export function eventOf(object: string, input: EventInput): EventKey {
  if (input.eventTypeName !== undefined && input.eventCategory !== undefined) {
    throw invalidValue(object, 'eventCategory', 'Give eventTypeName (a custom event) or eventCategory (a standard event), not both');
  }
  if (input.eventCategory !== undefined) {
    if (!Number.isInteger(input.eventCategory) || input.eventCategory <= 0) {
      throw invalidValue(object, 'eventCategory', "'eventCategory' must be a standard event category code, such as 1210");
    }
    // eventTypeNamespace qualifies a custom event's name; a standard event has no name to qualify.
    return { eventCategory: input.eventCategory };
  }
  if (!input.eventTypeName) {
    throw new DomainError('MissingField', 'Give eventTypeName (a custom event) or eventCategory (a standard event)', object, 'eventTypeName');
  }
  return { eventTypeName: input.eventTypeName, eventTypeNamespace: input.eventTypeNamespace ?? 'user.notification' };
}

/** A record's event is fixed once created (Zuora's PUT bodies have no event fields); repeating it unchanged is fine. */
export function keepEvent(object: string, record: EventName & { eventTypeNamespace?: EventTypeNamespace }, input: EventInput): void {
  const changed =
    (input.eventTypeName !== undefined && input.eventTypeName !== record.eventTypeName) ||
    (input.eventCategory !== undefined && input.eventCategory !== record.eventCategory) ||
    (input.eventTypeNamespace !== undefined && input.eventTypeNamespace !== record.eventTypeNamespace);
  if (changed) {
    const field = input.eventCategory !== undefined ? 'eventCategory' : 'eventTypeName';
    throw invalidValue(object, field, `The event of a ${object} cannot be changed; it is for ${describeEvent(record)}`);
  }
}

// Merge fields may sit anywhere in the URL, host included, so they are swapped for a plain word before parsing.
const MERGE_FIELDS = /\{\{[^}]*\}\}|<[A-Za-z][\w.]*>/g;

function checkCalloutUrl(object: string, field: string, url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url.replace(MERGE_FIELDS, 'merge')).protocol;
  } catch {
    throw invalidValue(object, field, `'${field}' must be an absolute http or https URL`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw invalidValue(object, field, `'${field}' must be an absolute http or https URL`);
}

/** `given` when the request set it, the default when it cleared it with null, else what was there before. */
function choose<T>(given: T | null | undefined, before: T | undefined, fallback: T): T {
  if (given === undefined) return before ?? fallback;
  return given ?? fallback;
}

/**
 * Answers never show the password, so a client that echoes what it read sends calloutAuth without one:
 * the stored password is kept unless a new one is given.
 */
function mergeAuth(object: string, prefix: string, before: CalloutAuth | undefined, given: Partial<CalloutAuth> | null | undefined): CalloutAuth | undefined {
  if (given === null) return undefined;
  if (given === undefined) return before;
  const username = given.username ?? before?.username;
  const password = given.password ?? before?.password;
  if (!username) throw missingField(object, `${prefix}calloutAuth.username`);
  if (password === undefined) throw missingField(object, `${prefix}calloutAuth.password`);
  const domain = given.domain ?? before?.domain;
  return { username, password, ...(domain !== undefined ? { domain } : {}), preemptive: given.preemptive ?? before?.preemptive ?? false };
}

const noneAsNull = <T extends string>(value: T | null): Exclude<T, 'None'> | null => (value === 'None' ? null : (value as Exclude<T, 'None'> | null));

/**
 * Applies a request to a callout (new when `before` is undefined) and checks the result. `prefix` is
 * where the callout sits in the request body, for error fields (`callout.` for a notification's own).
 */
export function buildCallout(object: string, prefix: string, before: CalloutSettings | undefined, input: CalloutInput): CalloutSettings {
  const name = input.name ?? before?.name;
  const calloutBaseurl = input.calloutBaseurl ?? before?.calloutBaseurl;
  const httpMethod = input.httpMethod ?? before?.httpMethod;
  if (!name) throw missingField(object, `${prefix}name`);
  if (!calloutBaseurl) throw missingField(object, `${prefix}calloutBaseurl`);
  if (!httpMethod) throw missingField(object, `${prefix}httpMethod`);
  checkCalloutUrl(object, `${prefix}calloutBaseurl`, calloutBaseurl);

  const requiredAuth = input.requiredAuth ?? before?.requiredAuth ?? false;
  const calloutAuth = mergeAuth(object, prefix, before?.calloutAuth, input.calloutAuth);
  if (requiredAuth && !calloutAuth) throw missingField(object, `${prefix}calloutAuth`);
  const requiredOauth2 = input.requiredOauth2 ?? before?.requiredOauth2 ?? false;
  if (requiredAuth && requiredOauth2) {
    throw invalidValue(object, `${prefix}requiredOauth2`, 'A callout authenticates with basic authentication or OAuth 2.0, not both');
  }
  const useCustomRequestBody = input.useCustomRequestBody ?? before?.useCustomRequestBody ?? false;
  const customRequestBody = choose(input.customRequestBody, before?.customRequestBody ?? undefined, null);
  if (useCustomRequestBody && !customRequestBody) throw missingField(object, `${prefix}customRequestBody`);

  return {
    name,
    calloutBaseurl,
    httpMethod,
    active: input.active ?? before?.active ?? true,
    calloutParams: choose(input.calloutParams, before?.calloutParams, {}),
    calloutHeaders: choose(input.calloutHeaders, before?.calloutHeaders, {}),
    calloutRetry: input.calloutRetry ?? before?.calloutRetry ?? true,
    requiredAuth,
    // Explicitly undefined so that an update which clears the credentials removes them from the record.
    calloutAuth,
    requiredOauth2,
    oauth2ProviderId: choose(input.oauth2ProviderId, before?.oauth2ProviderId ?? undefined, null),
    useCustomRequestBody,
    customRequestBody,
    hmacAlgorithm: noneAsNull(choose(input.hmacAlgorithm, before?.hmacAlgorithm ?? undefined, null)),
    hmacKey: choose(input.hmacKey, before?.hmacKey ?? undefined, null),
    hmacSecret: choose(input.hmacSecret, before?.hmacSecret ?? undefined, null),
    hmacData: choose(input.hmacData, before?.hmacData ?? undefined, null),
    hmacValue: choose(input.hmacValue, before?.hmacValue ?? undefined, null),
    hmacOutputFormat: noneAsNull(choose(input.hmacOutputFormat, before?.hmacOutputFormat ?? undefined, null)),
  };
}

/** The part of a stored callout the dispatcher needs to make the request. */
export function calloutSpecOf(callout: CalloutSettings): CalloutSpec {
  return {
    name: callout.name,
    calloutBaseurl: callout.calloutBaseurl,
    httpMethod: callout.httpMethod,
    calloutParams: callout.calloutParams,
    calloutHeaders: callout.calloutHeaders,
    calloutRetry: callout.calloutRetry,
    active: callout.active,
    requiredAuth: callout.requiredAuth,
    ...(callout.calloutAuth ? { calloutAuth: callout.calloutAuth } : {}),
    useCustomRequestBody: callout.useCustomRequestBody,
    customRequestBody: callout.customRequestBody ?? null,
    hmacAlgorithm: callout.hmacAlgorithm ?? null,
    hmacKey: callout.hmacKey ?? null,
    hmacSecret: callout.hmacSecret ?? null,
    hmacData: callout.hmacData ?? null,
    hmacValue: callout.hmacValue ?? null,
    hmacOutputFormat: callout.hmacOutputFormat ?? null,
  };
}

/** Zuora asks that a callout template's name be unique among the tenant's templates. */
function checkNameFree(view: ReadView, name: string, self?: string): void {
  if (view.filterBy<CalloutTemplate>(CALLOUT_TEMPLATES, 'name', name).some((template) => template.id !== self)) {
    throw conflict(TEMPLATE, `A callout template named '${name}' already exists`, 'name');
  }
}

function templateExtras(input: CalloutTemplateInput, before?: CalloutTemplate): Pick<CalloutTemplate, 'description' | 'confirmSuccessFromResponseContent' | 'certificate'> {
  return {
    description: choose(input.description, before?.description ?? undefined, null),
    confirmSuccessFromResponseContent: input.confirmSuccessFromResponseContent ?? before?.confirmSuccessFromResponseContent ?? false,
    certificate: choose(input.certificate, before?.certificate ?? undefined, null),
  };
}

export function createCalloutTemplate(tx: Transaction, input: CalloutTemplateInput): CalloutTemplate {
  const event = eventOf(TEMPLATE, input);
  const callout = buildCallout(TEMPLATE, '', undefined, input);
  checkNameFree(tx, callout.name);
  return tx.insert<CalloutTemplate>(CALLOUT_TEMPLATES, { id: newUuid(tx), ...event, ...callout, ...templateExtras(input), ...created(tx) });
}

export function getCalloutTemplate(view: ReadView, key: string): CalloutTemplate {
  const template = view.get<CalloutTemplate>(CALLOUT_TEMPLATES, recordKey(key));
  if (!template) throw notFound(TEMPLATE, key);
  return template;
}

export function listCalloutTemplates(view: ReadView, filter: CalloutTemplateFilter): CalloutTemplate[] {
  return view
    .all<CalloutTemplate>(CALLOUT_TEMPLATES)
    .filter(
      (template) =>
        (filter.eventCategory === undefined || template.eventCategory === filter.eventCategory) &&
        (filter.eventTypeName === undefined || template.eventTypeName === filter.eventTypeName) &&
        (filter.name === undefined || template.name === filter.name),
    );
}

export function updateCalloutTemplate(tx: Transaction, key: string, input: CalloutTemplateInput): CalloutTemplate {
  const before = getCalloutTemplate(tx, key);
  keepEvent(TEMPLATE, before, input);
  const callout = buildCallout(TEMPLATE, '', before, input);
  if (callout.name !== before.name) checkNameFree(tx, callout.name, before.id);
  return tx.update<CalloutTemplate>(CALLOUT_TEMPLATES, before.id, { ...callout, ...templateExtras(input, before), ...touched(tx) });
}

/**
 * Notifications that link the template let go of it in the same transaction, so none points at a
 * template that is gone. (Refusing instead would break a platform that removes its callouts before
 * its notifications, as the seeds' integration removal does.)
 */
export function deleteCalloutTemplate(tx: Transaction, key: string): void {
  const template = getCalloutTemplate(tx, key);
  for (const definition of tx.all<NotificationDefinition>(NOTIFICATION_DEFINITIONS)) {
    if (!definition.calloutTemplateIds.includes(template.id)) continue;
    tx.update<NotificationDefinition>(NOTIFICATION_DEFINITIONS, definition.id, {
      calloutTemplateIds: definition.calloutTemplateIds.filter((id) => id !== template.id),
      ...touched(tx),
    });
  }
  tx.remove(CALLOUT_TEMPLATES, template.id);
}
