import type { SyncContext } from '../context.js';
import { PLATFORM_EVENTS } from './events.js';
import { readSetup } from './existing.js';
import { emptyReport, type SetupReport } from './report.js';

/**
 * Deletes every notification, template and trigger of the platform's names, in that order so nothing
 * is left pointing at what is gone. Custom fields stay: records in Zuora still hold their values.
 */
export async function remove(ctx: SyncContext): Promise<SetupReport> {
  const report = emptyReport();
  const setup = await readSetup(ctx, PLATFORM_EVENTS);
  for (const event of PLATFORM_EVENTS) {
    for (const definition of setup.notificationsOf(event)) {
      await ctx.zuora.deleteNotification(definition.id);
      report.deleted.push(`notification ${event.notificationName}`);
    }
    for (const template of setup.templatesOf(event)) {
      await ctx.zuora.deleteCalloutTemplate(template.id);
      report.deleted.push(`template ${event.calloutName}`);
    }
    for (const trigger of setup.triggersOf(event)) {
      await ctx.zuora.deleteEventTrigger(trigger.id);
      report.deleted.push(`trigger ${event.eventType}`);
    }
  }
  return report;
}
