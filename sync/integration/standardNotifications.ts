import type { SyncContext } from '../context.js';
import { ensureNotification, ensureTemplate, type CalloutCredentials } from './connect.js';
import { STANDARD_EVENTS } from './events.js';
import { readSetup } from './existing.js';
import { emptyReport, type SetupReport } from './report.js';

/**
 * What a Zuora administrator sets up by hand so the platform's webhook also hears Zuora's standard
 * Account (1500) and Subscription (1200) change notifications: a callout template per event, with
 * the fields seeds/002 lists, and a notification definition sending it. seeds/002: the platform
 * handles these when Zuora sends them but "does not automatically create or manage their callout
 * configuration", so connect and remove never touch them. `zuora-emulator start` and the scenario
 * runner call this as that administrator would; against a real Zuora it is the administrator's job.
 * Safe to repeat, like connect.
 */
export async function configureStandardNotifications(ctx: SyncContext, webhookUrl: string, auth?: CalloutCredentials): Promise<SetupReport> {
  const report = emptyReport();
  const setup = await readSetup(ctx, STANDARD_EVENTS);
  for (const event of STANDARD_EVENTS) {
    const templateId = await ensureTemplate(ctx, event, webhookUrl, auth, setup, report);
    await ensureNotification(ctx, event, templateId, setup, report);
  }
  return report;
}
