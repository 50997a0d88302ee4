import type { SyncContext } from '../context.js';
import type { EventType } from '../model/types.js';

/** Appends to the platform's event log at the platform's time. */
export async function logEvent(
  ctx: SyncContext,
  type: EventType,
  about: { customerId?: string; subscriptionId?: string },
  data: Record<string, unknown>,
): Promise<void> {
  const at = (await ctx.time.now()).toISOString();
  await ctx.store.appendEvent({ type, at, ...about, data });
}
