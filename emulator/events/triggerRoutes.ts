import type { RouteTable } from '../http/routeTable.js';
import {
  deleteEventTrigger,
  eventTriggerCreateSchema,
  eventTriggerUpdateSchema,
  getEventTrigger,
  listEventTriggers,
  postEventTrigger,
  putEventTrigger,
} from './triggerApi.js';

/** Custom event triggers: errors as `{reasons:[{code, message}]}` with real HTTP statuses. */
export const triggerRoutes: RouteTable = {
  dialect: 'events',
  routes: [
    { method: 'POST', path: '/events/event-triggers', object: 'EventTrigger', body: eventTriggerCreateSchema, handler: postEventTrigger },
    { method: 'GET', path: '/events/event-triggers', object: 'EventTrigger', handler: listEventTriggers },
    { method: 'GET', path: '/events/event-triggers/:id', object: 'EventTrigger', handler: getEventTrigger },
    { method: 'PUT', path: '/events/event-triggers/:id', object: 'EventTrigger', body: eventTriggerUpdateSchema, handler: putEventTrigger },
    { method: 'DELETE', path: '/events/event-triggers/:id', object: 'EventTrigger', handler: deleteEventTrigger },
  ],
};
