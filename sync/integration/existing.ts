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

/** The tenant's triggers, templates and notifications as they stood when read, each event's picked out by the filters Zuora's lists take. */
export interface ExistingSetup {
  /** The event triggers that raise the event (a standard event has none). */
  triggersOf(event: PlatformEvent): EventTrigger[];
  /** The callout templates with the event's callout name (Zuora keeps template names unique, but a listing may say otherwise). */
  templatesOf(event: PlatformEvent): CalloutTemplate[];
  /** The notification definitions of the event that carry its notification name; others on the same event are the tenant's own. */
  notificationsOf(event: PlatformEvent): NotificationDefinition[];
}

/**
 * Reads what exists for `events` with one listing per kind of object, rather than one filtered
 * listing per event and kind: each event's objects are then picked out here with the same filters
 * (event trigger by event name, template by name, notification by event and name). One event's
 * setup never touches another's objects, so reading once up front sees what reading before each
 * event would. The listings run one after another, so Zuora's request log reads the same every time.
 */
export async function readSetup(ctx: SyncContext, events: readonly PlatformEvent[]): Promise<ExistingSetup> {
  const triggers = events.some((event) => event.kind === 'custom') ? await everyPage(0, (start, limit) => ctx.zuora.listEventTriggers({ start, limit })) : [];
  const templates = await everyPage(1, (start, limit) => ctx.zuora.listCalloutTemplates({ start, limit }));
  const notifications = await everyPage(1, (start, limit) => ctx.zuora.listNotifications({ start, limit }));
  return {
    triggersOf: (event) => (event.kind === 'custom' ? triggers.filter((trigger) => trigger.eventType.name === event.eventType) : []),
    templatesOf: (event) => templates.filter((template) => template.name === event.calloutName),
    notificationsOf: (event) =>
      notifications.filter(
        (definition) =>
          (event.kind === 'custom' ? definition.eventTypeName === event.eventType : definition.eventCategory === event.eventCategory) &&
          definition.name === event.notificationName,
      ),
  };
}
