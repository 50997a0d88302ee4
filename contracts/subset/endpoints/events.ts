import { oneOf, str } from '../schema.js';
import { EVENT_CATEGORY, EVENT_TYPE_NAME, OFFSET_PAGING, param } from './parameters.js';
import type { EndpointDoc, EndpointDocs } from './types.js';

// Event triggers and notifications, without a prefix as Zuora serves them. The same operations
// answer under /v1 too (see endpointDoc in index.ts), because the seeds call them that way.

const TRIGGERS = '/events/event-triggers';
const TEMPLATES = '/notifications/callout-templates';
const DEFINITIONS = '/notifications/notification-definitions';

/** The five operations of one resource, all with their official counterpart at the same path. */
function resource(path: string, noun: string, schema: string, listSchema: string, listQuery: EndpointDoc['query']): EndpointDocs {
  const official = (template: string) => ({ spec: 'v1' as const, path: template });
  return {
    [`POST ${path}`]: { summary: `Create a ${noun}`, official: official(path), success: { status: 200, schema } },
    [`GET ${path}`]: { summary: `List ${noun}s`, official: official(path), query: listQuery, success: { status: 200, schema: listSchema } },
    [`GET ${path}/:id`]: { summary: `Read a ${noun}`, official: official(`${path}/{id}`), success: { status: 200, schema } },
    [`PUT ${path}/:id`]: { summary: `Update a ${noun}`, official: official(`${path}/{id}`), success: { status: 200, schema } },
    [`DELETE ${path}/:id`]: { summary: `Delete a ${noun}`, official: official(`${path}/{id}`), success: { status: 204, schema: null } },
  };
}

export const EVENTS_ENDPOINTS: EndpointDocs = {
  ...resource(TRIGGERS, 'custom event trigger', 'EventTrigger', 'EventTriggerList', [
    ...OFFSET_PAGING,
    param('baseObject', 'Only triggers on this object.', str()),
    EVENT_TYPE_NAME,
    param('active', 'Only active (or inactive) triggers.', oneOf('true', 'false')),
  ]),
  ...resource(TEMPLATES, 'callout template', 'CalloutTemplate', 'CalloutTemplateList', [
    ...OFFSET_PAGING,
    EVENT_CATEGORY,
    EVENT_TYPE_NAME,
    param('name', 'Only templates of this name.', str()),
  ]),
  ...resource(DEFINITIONS, 'notification definition', 'NotificationDefinition', 'NotificationDefinitionList', [
    ...OFFSET_PAGING,
    EVENT_CATEGORY,
    EVENT_TYPE_NAME,
    param('emailTemplateId', 'Only definitions using this email template.', str()),
    param('profileId', 'Only definitions of this communication profile.', str()),
  ]),
};
