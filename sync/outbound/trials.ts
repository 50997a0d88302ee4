import type { SyncContext } from '../context.js';
import { platformNow } from './dates.js';
import { logChange, save, syncNewSubscription } from './subscriptions.js';

/**
 * Trials whose end has come become paid: ACTIVE on the platform, and synced to Zuora now that the
 * "trial subscription" rule no longer holds (a trial synced anyway is already there). Part of the
 * platform's hourly work, so it follows the emulator's virtual clock.
 */
export async function convertEndedTrials(ctx: SyncContext): Promise<string[]> {
  const { at } = await platformNow(ctx);
  const ended = ctx.store.subscriptions().filter((subscription) => subscription.status === 'IN_TRIAL' && subscription.trialEndsAt && subscription.trialEndsAt <= at);
  for (const trial of ended) {
    const active = await save(ctx, { ...trial, status: 'ACTIVE' });
    const synced = active.billingId ? active : await syncNewSubscription(ctx, active.id);
    await logChange(ctx, synced, 'SUBSCRIPTION_UPDATED', at, { reason: 'TRIAL_ENDED' });
  }
  return ended.map((trial) => trial.id);
}
