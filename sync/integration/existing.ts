import type { SyncContext } from '../context.js';
import type { CalloutTemplate, EventTrigger, NotificationDefinition, OffsetPage } from '../zuora/types.js';
import type { PlatformEvent } from './events.js';

// What the platform finds of its own setup in Zuora. It keeps no ids of what it created: Zuora is
// the record, and the names of seeds/002 are how the platform recognises its objects there.

const PAGE_SIZE = 100;

/**
 * Every item of an offset-paged list. The events API counts `start` from 0 and the notifications API
 * from 1, so the caller says where counting starts.
 */
async function everyPage<T>(firstIndex: number, fetch: (start: number, limit: number) => Promise<OffsetPage<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let start = firstIndex; ; start += PAGE_SIZE) {
    const page = await fetch(start, PAGE_SIZE);
    items.push(...page.data);
    if (!page.next || page.data.length === 0) return items;
  }
}

/** The event triggers that raise the event (a standard event has none). */
export function triggersOf(ctx: SyncContext, event: PlatformEvent): Promise<EventTrigger[]> {
  if (event.kind === 'standard') return Promise.resolve([]);
  return everyPage(0, (start, limit) => ctx.zuora.listEventTriggers({ eventTypeName: event.eventType, start, limit }));
}

/** The callout templates with the event's callout name (Zuora keeps template names unique, but a listing may say otherwise). */
export function templatesOf(ctx: SyncContext, event: PlatformEvent): Promise<CalloutTemplate[]> {
  return everyPage(1, (start, limit) => ctx.zuora.listCalloutTemplates({ name: event.calloutName, start, limit }));
}

/** The notification definitions of the event that carry its notification name; others on the same event are the tenant's own. */
export async function notificationsOf(ctx: SyncContext, event: PlatformEvent): Promise<NotificationDefinition[]> {
  const filter = event.kind === 'custom' ? { eventTypeName: event.eventType } : { eventCategory: event.eventCategory };
  const all = await everyPage(1, (start, limit) => ctx.zuora.listNotifications({ ...filter, start, limit }));
  return all.filter((definition) => definition.name === event.notificationName);
}
