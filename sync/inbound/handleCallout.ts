import type { SyncContext } from '../context.js';
import { param, type CalloutBody } from './handler.js';
import { HANDLERS } from './handlers/index.js';
import { isNotFound } from './notFound.js';
import { skipped, type CalloutResult, type Outcome } from './outcome.js';
import { serially } from '../serial.js';

/**
 * Applies one callout from Zuora. Replays (same key as a callout already applied) and callouts about
 * records nobody has answer `applied: false` with a reason rather than throwing. Other Zuora failures
 * (unreachable, 5xx) do throw: the webhook then answers an error and Zuora's callout retry tries again.
 */
export async function handleCallout(ctx: SyncContext, body: CalloutBody): Promise<CalloutResult> {
  const event = param(body, 'EventType');
  if (!event) return { applied: false, reason: 'the callout has no EventType' };
  const handler = Object.hasOwn(HANDLERS, event) ? HANDLERS[event] : undefined;
  if (!handler) return { applied: false, event, reason: `unknown EventType '${event}'` };
  return serially(ctx.store, async () => {
    const key = handler.key?.(body);
    if (key !== undefined && ctx.store.seen(key)) return { applied: false, event, reason: 'already applied: a replayed callout' };
    const outcome = await handler.handle(ctx, body).catch((error: unknown): Outcome => {
      if (isNotFound(error)) return skipped(`Zuora has no such record: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
    if (outcome.applied && key !== undefined) await ctx.store.markSeen(key);
    return { event, ...outcome };
  });
}
