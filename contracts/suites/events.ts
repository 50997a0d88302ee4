import type { Step, Suite } from './types.js';

const TRIGGERS = '/v1/events/event-triggers';
const TEMPLATES = '/v1/notifications/callout-templates';
const DEFINITIONS = '/v1/notifications/notification-definitions';

const remove = (name: string, path: string, id: string): Step => ({ name, method: 'DELETE', path: `${path}/:id`, params: { id }, status: 204 });

/**
 * What connecting the platform sets up (a custom event trigger, a callout template, a notification
 * linking them) and removing it tears down. Everything is created inactive, so a run against a real
 * tenant never fires callouts, and deleted at the end of the suite. Paths are the seeds' `/v1/...` ones.
 */
export const eventsSuite: Suite = {
  name: 'events',
  description: 'event triggers, callout templates and notification definitions: create, list, update, delete',
  steps: [
    {
      name: 'create event trigger',
      method: 'POST',
      path: TRIGGERS,
      body: {
        baseObject: 'Subscription',
        condition: "changeType == 'UPDATE' && Subscription.Status == 'Cancelled' && Subscription.Status_old != 'Cancelled'",
        active: false,
        description: 'zuora-emulator contract run ${runId}',
        eventType: { name: '${eventName}', displayName: '${prefix} subscription cancelled', namespace: 'user.notification' },
      },
      as: 'trigger',
    },
    { name: 'list event triggers', method: 'GET', path: TRIGGERS, query: { baseObject: 'Subscription' } },
    {
      name: 'create callout template',
      method: 'POST',
      path: TEMPLATES,
      body: {
        name: '${prefix} callout',
        active: false,
        eventTypeName: '${eventName}',
        eventTypeNamespace: 'user.notification',
        calloutBaseurl: 'https://example.invalid/zemu-contract/${runId}',
        httpMethod: 'POST',
        calloutParams: { SubscriptionId: '<Subscription.Id>', AccountId: '{{DataSource.Account.Id}}' },
        calloutRetry: true,
      },
      as: 'template',
    },
    {
      name: 'update callout template',
      method: 'PUT',
      path: `${TEMPLATES}/:id`,
      params: { id: '${template.id}' },
      // The V1 spec's PUT body has no `description`; a rename is what the platform's update amounts to.
      body: { name: '${prefix} callout (updated)', calloutRetry: true },
    },
    { name: 'list callout templates', method: 'GET', path: TEMPLATES },
    {
      name: 'create notification definition',
      method: 'POST',
      path: DEFINITIONS,
      body: {
        name: '${prefix} notification',
        active: false,
        eventTypeName: '${eventName}',
        eventTypeNamespace: 'user.notification',
        calloutActive: true,
        calloutTemplateIds: ['${template.id}'],
      },
      as: 'definition',
    },
    { name: 'list notification definitions', method: 'GET', path: DEFINITIONS },
    // Cleanup, definitions first: they point at the template.
    remove('delete notification definition', DEFINITIONS, '${definition.id}'),
    remove('delete callout template', TEMPLATES, '${template.id}'),
    remove('delete event trigger', TRIGGERS, '${trigger.id}'),
  ],
};
