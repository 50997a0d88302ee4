import type { AnySchema } from 'ajv';
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
  type CalloutTemplateFilter,
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
  type NotificationDefinitionFilter,
  type NotificationDefinitionInput,
  type NotificationDefinitionUpdate,
} from './notifications.js';
import { numberParam, resourceApi, textParam } from './resourceApi.js';

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

// Handlers

export const calloutTemplateApi = resourceApi<CalloutTemplate, CalloutTemplateInput, CalloutTemplateInput, CalloutTemplateFilter>({
  path: '/notifications/callout-templates',
  filter: (query) => ({ eventCategory: numberParam(query, 'eventCategory'), eventTypeName: textParam(query, 'eventTypeName'), name: textParam(query, 'name') }),
  list: listCalloutTemplates,
  get: getCalloutTemplate,
  create: createCalloutTemplate,
  update: updateCalloutTemplate,
  remove: deleteCalloutTemplate,
  body: templateBody,
});

export const notificationDefinitionApi = resourceApi<NotificationDefinition, NotificationDefinitionInput, NotificationDefinitionUpdate, NotificationDefinitionFilter>({
  path: '/notifications/notification-definitions',
  filter: (query) => ({
    eventCategory: numberParam(query, 'eventCategory'),
    eventTypeName: textParam(query, 'eventTypeName'),
    emailTemplateId: textParam(query, 'emailTemplateId'),
    profileId: textParam(query, 'profileId'),
  }),
  list: listNotificationDefinitions,
  get: getNotificationDefinition,
  create: createNotificationDefinition,
  update: updateNotificationDefinition,
  remove: deleteNotificationDefinition,
  body: definitionBody,
});
