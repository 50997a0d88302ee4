import type { RouteTable } from '../http/routeTable.js';
import {
  calloutTemplateCreateSchema,
  calloutTemplateUpdateSchema,
  deleteCalloutTemplateApi,
  deleteNotificationDefinitionApi,
  getCalloutTemplateApi,
  getNotificationDefinitionApi,
  listCalloutTemplatesApi,
  listNotificationDefinitionsApi,
  notificationDefinitionCreateSchema,
  notificationDefinitionUpdateSchema,
  postCalloutTemplate,
  postNotificationDefinition,
  putCalloutTemplate,
  putNotificationDefinition,
} from './notificationApi.js';

const TEMPLATES = '/notifications/callout-templates';
const DEFINITIONS = '/notifications/notification-definitions';

/** Callout templates and notification definitions: errors as `{reasons:[{code, message}]}` with real HTTP statuses. */
export const notificationRoutes: RouteTable = {
  dialect: 'events',
  routes: [
    { method: 'POST', path: TEMPLATES, object: 'CalloutTemplate', body: calloutTemplateCreateSchema, handler: postCalloutTemplate },
    { method: 'GET', path: TEMPLATES, object: 'CalloutTemplate', handler: listCalloutTemplatesApi },
    { method: 'GET', path: `${TEMPLATES}/:id`, object: 'CalloutTemplate', handler: getCalloutTemplateApi },
    { method: 'PUT', path: `${TEMPLATES}/:id`, object: 'CalloutTemplate', body: calloutTemplateUpdateSchema, handler: putCalloutTemplate },
    { method: 'DELETE', path: `${TEMPLATES}/:id`, object: 'CalloutTemplate', handler: deleteCalloutTemplateApi },
    { method: 'POST', path: DEFINITIONS, object: 'NotificationDefinition', body: notificationDefinitionCreateSchema, handler: postNotificationDefinition },
    { method: 'GET', path: DEFINITIONS, object: 'NotificationDefinition', handler: listNotificationDefinitionsApi },
    { method: 'GET', path: `${DEFINITIONS}/:id`, object: 'NotificationDefinition', handler: getNotificationDefinitionApi },
    { method: 'PUT', path: `${DEFINITIONS}/:id`, object: 'NotificationDefinition', body: notificationDefinitionUpdateSchema, handler: putNotificationDefinition },
    { method: 'DELETE', path: `${DEFINITIONS}/:id`, object: 'NotificationDefinition', handler: deleteNotificationDefinitionApi },
  ],
};
