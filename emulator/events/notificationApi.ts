import type { AnySchema } from 'ajv';
import { invalidValue } from '../domain/errors.js';
import type { Reply, RequestContext } from '../http/routeTable.js';
import {
  createCalloutTemplate,
  deleteCalloutTemplate,
  EVENT_TYPE_NAMESPACES,
  getCalloutTemplate,
  HMAC_ALGORITHMS,
  HMAC_OUTPUT_FORMATS,
  HTTP_METHODS,
  listCalloutTemplates,
  updateCalloutTemplate,
  type CalloutTemplate,
  type CalloutTemplateInput,
} from './calloutTemplates.js';
import type { CalloutAuth } from './model.js';
import {
  createNotificationDefinition,
  deleteNotificationDefinition,
  FILTER_VALUE_TYPES,
  getNotificationDefinition,
  listNotificationDefinitions,
  updateNotificationDefinition,
  type InlineCallout,
  type NotificationDefinition,
  type NotificationDefinitionInput,
  type NotificationDefinitionUpdate,
} from './notifications.js';

// Request bodies: types and enums are checked here, the rules between fields by the domain.
// Unknown fields are refused, so a misspelt field (or a `calloutId`, which Zuora does not have)
// fails loudly instead of being ignored.

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const stringMap = { type: ['object', 'null'], additionalProperties: str } as const;
const name = { type: 'string', minLength: 1, maxLength: 255 } as const;
const eventFields = {
  eventCategory: { type: 'number' },
  eventTypeName: { type: 'string', minLength: 1 },
  eventTypeNamespace: { enum: [...EVENT_TYPE_NAMESPACES] },
} as const;

const calloutAuth = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { username: str, password: str, domain: nullableStr, preemptive: bool },
} as const;

/** The fields every callout takes, on a template or inline on a notification. */
const calloutFields = {
  name,
  calloutBaseurl: str,
  httpMethod: { enum: [...HTTP_METHODS] },
  active: bool,
  calloutParams: stringMap,
  calloutRetry: bool,
  requiredAuth: bool,
  calloutAuth,
  requiredOauth2: bool,
  oauth2ProviderId: nullableStr,
} as const;

const templateFields = {
  ...calloutFields,
  ...eventFields,
  description: { type: ['string', 'null'], maxLength: 255 },
  calloutHeaders: stringMap,
  useCustomRequestBody: bool,
  customRequestBody: nullableStr,
  confirmSuccessFromResponseContent: bool,
  certificate: nullableStr,
  hmacAlgorithm: { enum: [...HMAC_ALGORITHMS, null] },
  hmacKey: nullableStr,
  hmacSecret: nullableStr,
  hmacData: nullableStr,
  hmacValue: nullableStr,
  hmacOutputFormat: { enum: [...HMAC_OUTPUT_FORMATS, null] },
} as const;

const CALLOUT_REQUIRED = ['name', 'calloutBaseurl', 'httpMethod'];

export const calloutTemplateCreateSchema: AnySchema = { type: 'object', additionalProperties: false, required: CALLOUT_REQUIRED, properties: templateFields };
export const calloutTemplateUpdateSchema: AnySchema = { type: 'object', additionalProperties: false, properties: templateFields };

const inlineCallout = (required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: { ...calloutFields, eventTypeName: eventFields.eventTypeName },
});

const filterRule = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['condition', 'parameters'],
  properties: {
    condition: { type: 'string', minLength: 1 },
    // Zuora's PUT schema lists the event name in a filter rule; a rule always belongs to its notification's event.
    eventTypeName: str,
    parameters: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { displayName: str, valueType: { enum: [...FILTER_VALUE_TYPES] }, options: { type: ['array', 'null'], items: str } },
      },
    },
  },
} as const;

const definitionFields = (calloutRequired: string[]) => ({
  ...eventFields,
  name,
  description: { type: ['string', 'null'], maxLength: 255 },
  active: bool,
  calloutActive: bool,
  calloutTemplateIds: { type: 'array', items: str },
  callout: inlineCallout(calloutRequired),
  emailActive: bool,
  emailTemplateId: nullableStr,
  communicationProfileId: nullableStr,
  communicationProfileIds: { type: ['array', 'null'], items: str },
  associatedAccount: nullableStr,
  filterRule,
  filterRuleParams: stringMap,
});

export const notificationDefinitionCreateSchema: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: definitionFields(CALLOUT_REQUIRED),
};
// A PUT may change part of an inline callout; the domain asks for the rest when the callout is new.
export const notificationDefinitionUpdateSchema: AnySchema = { type: 'object', additionalProperties: false, properties: definitionFields([]) };

// Answers. The password of a callout's credentials is never shown.

const authBody = (auth: CalloutAuth | undefined) =>
  auth ? { username: auth.username, ...(auth.domain !== undefined ? { domain: auth.domain } : {}), preemptive: auth.preemptive ?? false } : null;

const eventBody = (record: CalloutTemplate | NotificationDefinition) =>
  record.eventTypeName !== undefined
    ? { eventTypeName: record.eventTypeName, eventTypeNamespace: record.eventTypeNamespace }
    : { eventCategory: record.eventCategory };

function templateBody(template: CalloutTemplate): Record<string, unknown> {
  return {
    id: template.id,
    name: template.name,
    description: template.description,
    ...eventBody(template),
    active: template.active,
    calloutBaseurl: template.calloutBaseurl,
    httpMethod: template.httpMethod,
    contentType: 'application/json',
    calloutParams: template.calloutParams,
    calloutHeaders: template.calloutHeaders,
    calloutRetry: template.calloutRetry,
    requiredAuth: template.requiredAuth,
    calloutAuth: authBody(template.calloutAuth),
    requiredOauth2: template.requiredOauth2,
    oauth2ProviderId: template.oauth2ProviderId,
    useCustomRequestBody: template.useCustomRequestBody,
    customRequestBody: template.customRequestBody ?? null,
    confirmSuccessFromResponseContent: template.confirmSuccessFromResponseContent,
    certificate: template.certificate,
    hmacAlgorithm: template.hmacAlgorithm ?? null,
    hmacKey: template.hmacKey ?? null,
    hmacSecret: template.hmacSecret ?? null,
    hmacData: template.hmacData ?? null,
    hmacValue: template.hmacValue ?? null,
    hmacOutputFormat: template.hmacOutputFormat ?? null,
    createdBy: template.createdBy,
    createdOn: template.createdOn,
    updatedBy: template.updatedBy,
    updatedOn: template.updatedOn,
  };
}

function inlineCalloutBody(callout: InlineCallout, definition: NotificationDefinition): Record<string, unknown> {
  return {
    id: callout.id,
    name: callout.name,
    active: callout.active,
    ...(definition.eventTypeName !== undefined ? { eventTypeName: definition.eventTypeName } : {}),
    calloutBaseurl: callout.calloutBaseurl,
    httpMethod: callout.httpMethod,
    calloutParams: callout.calloutParams,
    calloutRetry: callout.calloutRetry,
    requiredAuth: callout.requiredAuth,
    calloutAuth: authBody(callout.calloutAuth),
    requiredOauth2: callout.requiredOauth2,
    ...(callout.oauth2ProviderId !== null ? { oauth2ProviderId: callout.oauth2ProviderId } : {}),
  };
}

/** Fields Zuora's answer types as plain strings or lists are left out rather than answered as null. */
const present = <K extends string, V>(key: K, value: V | null) => (value !== null ? ({ [key]: value } as Record<K, V>) : {});

function definitionBody(definition: NotificationDefinition): Record<string, unknown> {
  const rule = definition.filterRule;
  return {
    id: definition.id,
    name: definition.name,
    description: definition.description,
    active: definition.active,
    ...eventBody(definition),
    eventId: definition.eventId,
    calloutActive: definition.calloutActive,
    calloutTemplateIds: definition.calloutTemplateIds,
    ...(definition.callout ? { callout: inlineCalloutBody(definition.callout, definition) } : {}),
    emailActive: definition.emailActive,
    ...present('emailTemplateId', definition.emailTemplateId),
    ...present('communicationProfileId', definition.communicationProfileId),
    ...present('communicationProfileIds', definition.communicationProfileIds),
    ...present('associatedAccount', definition.associatedAccount),
    ...(rule
      ? {
          filterRule: {
            id: rule.id,
            condition: rule.condition,
            ...(definition.eventTypeName !== undefined ? { eventTypeName: definition.eventTypeName } : {}),
            parameters: rule.parameters,
          },
        }
      : {}),
    ...present('filterRuleParams', definition.filterRuleParams),
    createdBy: definition.createdBy,
    createdOn: definition.createdOn,
    updatedBy: definition.updatedBy,
    updatedOn: definition.updatedOn,
  };
}

// Query parameters. Zuora allows them empty, which means "not given".

function textParam(query: Record<string, unknown>, key: string): string | undefined {
  const raw = Array.isArray(query[key]) ? (query[key] as unknown[])[0] : query[key];
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

function numberParam(query: Record<string, unknown>, key: string): number | undefined {
  const text = textParam(query, key);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw invalidValue('Unknown', key, `'${key}' must be a number`);
  return value;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/**
 * Offset paging as the notifications API does it: `start` is the 1-based position of the first item,
 * `limit` at most 100, and `next` the path of the following page (start + limit), absent on the last.
 */
function offsetPage<T>(items: readonly T[], query: Record<string, unknown>, path: string): { data: T[]; next?: string } {
  const start = numberParam(query, 'start') ?? 1;
  const limit = numberParam(query, 'limit') ?? DEFAULT_LIMIT;
  if (!Number.isInteger(start) || start < 1) throw invalidValue('Unknown', 'start', "'start' must be a whole number from 1");
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalidValue('Unknown', 'limit', `'limit' must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  const data = items.slice(start - 1, start - 1 + limit);
  if (start - 1 + limit >= items.length) return { data };
  const rest = Object.keys(query)
    .filter((key) => key !== 'start' && key !== 'limit' && textParam(query, key) !== undefined)
    .map((key) => `&${encodeURIComponent(key)}=${encodeURIComponent(textParam(query, key) ?? '')}`)
    .join('');
  return { data, next: `${path}?start=${start + limit}&limit=${limit}${rest}` };
}

const id = (ctx: RequestContext): string => ctx.params.id ?? '';

// Callout templates

export async function postCalloutTemplate(ctx: RequestContext): Promise<Reply> {
  const template = await ctx.services.store.transact(ctx.tenant, (tx) => createCalloutTemplate(tx, ctx.body as CalloutTemplateInput));
  return { body: templateBody(template) };
}

export function listCalloutTemplatesApi(ctx: RequestContext): Reply {
  const templates = listCalloutTemplates(ctx.services.store.view(ctx.tenant), {
    eventCategory: numberParam(ctx.query, 'eventCategory'),
    eventTypeName: textParam(ctx.query, 'eventTypeName'),
    name: textParam(ctx.query, 'name'),
  });
  const page = offsetPage(templates, ctx.query, '/notifications/callout-templates');
  return { body: { data: page.data.map(templateBody), ...(page.next ? { next: page.next } : {}) } };
}

export function getCalloutTemplateApi(ctx: RequestContext): Reply {
  return { body: templateBody(getCalloutTemplate(ctx.services.store.view(ctx.tenant), id(ctx))) };
}

export async function putCalloutTemplate(ctx: RequestContext): Promise<Reply> {
  const template = await ctx.services.store.transact(ctx.tenant, (tx) => updateCalloutTemplate(tx, id(ctx), ctx.body as CalloutTemplateInput));
  return { body: templateBody(template) };
}

export async function deleteCalloutTemplateApi(ctx: RequestContext): Promise<Reply> {
  await ctx.services.store.transact(ctx.tenant, (tx) => deleteCalloutTemplate(tx, id(ctx)));
  return { status: 204 };
}

// Notification definitions

export async function postNotificationDefinition(ctx: RequestContext): Promise<Reply> {
  const definition = await ctx.services.store.transact(ctx.tenant, (tx) => createNotificationDefinition(tx, ctx.body as NotificationDefinitionInput));
  return { body: definitionBody(definition) };
}

export function listNotificationDefinitionsApi(ctx: RequestContext): Reply {
  const definitions = listNotificationDefinitions(ctx.services.store.view(ctx.tenant), {
    eventCategory: numberParam(ctx.query, 'eventCategory'),
    eventTypeName: textParam(ctx.query, 'eventTypeName'),
    emailTemplateId: textParam(ctx.query, 'emailTemplateId'),
    profileId: textParam(ctx.query, 'profileId'),
  });
  const page = offsetPage(definitions, ctx.query, '/notifications/notification-definitions');
  return { body: { data: page.data.map(definitionBody), ...(page.next ? { next: page.next } : {}) } };
}

export function getNotificationDefinitionApi(ctx: RequestContext): Reply {
  return { body: definitionBody(getNotificationDefinition(ctx.services.store.view(ctx.tenant), id(ctx))) };
}

export async function putNotificationDefinition(ctx: RequestContext): Promise<Reply> {
  const definition = await ctx.services.store.transact(ctx.tenant, (tx) =>
    updateNotificationDefinition(tx, id(ctx), ctx.body as NotificationDefinitionUpdate),
  );
  return { body: definitionBody(definition) };
}

export async function deleteNotificationDefinitionApi(ctx: RequestContext): Promise<Reply> {
  await ctx.services.store.transact(ctx.tenant, (tx) => deleteNotificationDefinition(tx, id(ctx)));
  return { status: 204 };
}
