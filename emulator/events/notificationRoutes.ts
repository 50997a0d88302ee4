import type { RouteTable } from '../http/routeTable.js';
import {
  calloutTemplateApi,
  calloutTemplateCreateSchema,
  calloutTemplateUpdateSchema,
  notificationDefinitionApi,
  notificationDefinitionCreateSchema,
  notificationDefinitionUpdateSchema,
} from './notificationApi.js';

const TEMPLATES = '/notifications/callout-templates';
const DEFINITIONS = '/notifications/notification-definitions';

/** Callout templates and notification definitions: errors as `{reasons:[{code, message}]}` with real HTTP statuses. */
export const notificationRoutes: RouteTable = {
  dialect: 'events',
  routes: [
    { method: 'POST', path: TEMPLATES, object: 'CalloutTemplate', body: calloutTemplateCreateSchema, handler: calloutTemplateApi.post },
    { method: 'GET', path: TEMPLATES, object: 'CalloutTemplate', handler: calloutTemplateApi.list },
    { method: 'GET', path: `${TEMPLATES}/:id`, object: 'CalloutTemplate', handler: calloutTemplateApi.get },
    { method: 'PUT', path: `${TEMPLATES}/:id`, object: 'CalloutTemplate', body: calloutTemplateUpdateSchema, handler: calloutTemplateApi.put },
    { method: 'DELETE', path: `${TEMPLATES}/:id`, object: 'CalloutTemplate', handler: calloutTemplateApi.delete },
    { method: 'POST', path: DEFINITIONS, object: 'NotificationDefinition', body: notificationDefinitionCreateSchema, handler: notificationDefinitionApi.post },
    { method: 'GET', path: DEFINITIONS, object: 'NotificationDefinition', handler: notificationDefinitionApi.list },
    { method: 'GET', path: `${DEFINITIONS}/:id`, object: 'NotificationDefinition', handler: notificationDefinitionApi.get },
    { method: 'PUT', path: `${DEFINITIONS}/:id`, object: 'NotificationDefinition', body: notificationDefinitionUpdateSchema, handler: notificationDefinitionApi.put },
    { method: 'DELETE', path: `${DEFINITIONS}/:id`, object: 'NotificationDefinition', handler: notificationDefinitionApi.delete },
  ],
};
