import type { SyncContext } from '../context.js';
import type { CalloutTemplate, JsonObject } from '../zuora/types.js';
import { defineCustomFields } from './customFields.js';
import { PLATFORM_EVENTS, type PlatformEvent } from './events.js';
import { readSetup, type ExistingSetup } from './existing.js';
import { emptyReport, type SetupReport } from './report.js';

/** The credentials Zuora sends with each callout, and the webhook checks. */
export interface CalloutCredentials {
  username: string;
  password: string;
}

/** Whose event a template or notification hangs on: a custom event by name, a standard one by category. */
const eventFields = (event: PlatformEvent): JsonObject =>
  event.kind === 'custom' ? { eventTypeName: event.eventType } : { eventCategory: event.eventCategory };

function calloutSettings(event: PlatformEvent, webhookUrl: string, auth: CalloutCredentials | undefined): JsonObject {
  return {
    name: event.calloutName,
    calloutBaseurl: webhookUrl,
    httpMethod: 'POST',
    calloutParams: { EventType: event.eventType, ...event.params },
    calloutRetry: true,
    active: true,
    requiredAuth: auth !== undefined,
    // Preemptive: the webhook need not answer a challenge first, saving a round trip per callout.
    calloutAuth: auth ? { username: auth.username, password: auth.password, preemptive: true } : null,
  };
}

/** One trigger with the seed's exact condition, active; any other trigger of the event's name is a stale copy of the platform's own. */
async function ensureTrigger(ctx: SyncContext, event: PlatformEvent, setup: ExistingSetup, report: SetupReport): Promise<void> {
  if (event.kind !== 'custom') return;
  const existing = setup.triggersOf(event);
  const keep = existing.find((trigger) => trigger.condition === event.condition && trigger.baseObject === event.baseObject && trigger.active);
  for (const stale of existing.filter((trigger) => trigger !== keep)) {
    await ctx.zuora.deleteEventTrigger(stale.id);
    report.deleted.push(`trigger ${event.eventType}`);
  }
  if (keep) return;
  await ctx.zuora.createEventTrigger({
    baseObject: event.baseObject,
    condition: event.condition,
    eventType: { name: event.eventType, displayName: event.eventType },
    active: true,
    description: `Raises ${event.eventType} for the subscription platform`,
  });
  report.created.push(`trigger ${event.eventType}`);
}

/**
 * The event's template, pointed at the webhook. An existing one is rewritten in place, since its URL or
 * credentials may have changed and Zuora never shows a stored password to compare with.
 */
export async function ensureTemplate(
  ctx: SyncContext,
  event: PlatformEvent,
  webhookUrl: string,
  auth: CalloutCredentials | undefined,
  setup: ExistingSetup,
  report: SetupReport,
): Promise<string> {
  const settings = calloutSettings(event, webhookUrl, auth);
  const existing = setup.templatesOf(event);
  const sameEvent = (template: CalloutTemplate) =>
    event.kind === 'custom' ? template.eventTypeName === event.eventType : template.eventCategory === event.eventCategory;
  const keep = existing.find(sameEvent);
  // A template's event cannot be changed, so one of the platform's names on another event goes.
  for (const stale of existing.filter((template) => template !== keep)) {
    await ctx.zuora.deleteCalloutTemplate(stale.id);
    report.deleted.push(`template ${event.calloutName}`);
  }
  if (keep) {
    await ctx.zuora.updateCalloutTemplate(keep.id, settings);
    report.updated.push(`template ${event.calloutName}`);
    return keep.id;
  }
  const created = await ctx.zuora.createCalloutTemplate({ ...settings, ...eventFields(event) });
  report.created.push(`template ${event.calloutName}`);
  return created.id;
}

/** One active notification sending the template; others of the platform's name (say, linking a template since replaced) go. */
export async function ensureNotification(ctx: SyncContext, event: PlatformEvent, templateId: string, setup: ExistingSetup, report: SetupReport): Promise<void> {
  const existing = setup.notificationsOf(event);
  const keep = existing.find((definition) => definition.active !== false && definition.calloutActive === true && definition.calloutTemplateIds?.includes(templateId));
  for (const stale of existing.filter((definition) => definition !== keep)) {
    await ctx.zuora.deleteNotification(stale.id);
    report.deleted.push(`notification ${event.notificationName}`);
  }
  if (keep) return;
  await ctx.zuora.createNotification({
    name: event.notificationName,
    ...eventFields(event),
    active: true,
    calloutActive: true,
    calloutTemplateIds: [templateId],
  });
  report.created.push(`notification ${event.notificationName}`);
}

/**
 * Sets Zuora up to tell the platform about billing events (seeds/000 custom fields, seeds/002's seven
 * custom events) at `webhookUrl`. Safe to repeat: what exists is found by name and kept or repaired, never duplicated.
 */
export async function connect(ctx: SyncContext, webhookUrl: string, auth?: CalloutCredentials): Promise<SetupReport> {
  const report = emptyReport();
  await defineCustomFields(ctx);
  const setup = await readSetup(ctx, PLATFORM_EVENTS);
  for (const event of PLATFORM_EVENTS) {
    await ensureTrigger(ctx, event, setup, report);
    const templateId = await ensureTemplate(ctx, event, webhookUrl, auth, setup, report);
    await ensureNotification(ctx, event, templateId, setup, report);
  }
  return report;
}
