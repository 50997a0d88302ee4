import type { SyncContext } from '../context.js';
import type { RetryAction, Subscription, SyncState } from '../model/types.js';
import { ZuoraError } from '../zuora/errors.js';
import { isSyncFailure, type SyncPreconditionError } from './errors.js';

/** Which platform record a failed sync belongs to, for the event log. */
export interface FailedEntity {
  kind: 'customer' | 'subscription' | 'package' | 'usage';
  id: string;
  customerId?: string;
  subscriptionId?: string;
}

/** Logs SYNC_FAILED with what Zuora (or the platform) said, and answers the FAILED state to store. */
export async function recordFailure(
  ctx: SyncContext,
  entity: FailedEntity,
  error: ZuoraError | SyncPreconditionError,
  at: string,
): Promise<SyncState> {
  const zuora = error instanceof ZuoraError ? { status: error.status, code: error.code, retryable: error.retryable } : {};
  await ctx.store.appendEvent({
    type: 'SYNC_FAILED',
    at,
    ...(entity.customerId ? { customerId: entity.customerId } : {}),
    ...(entity.subscriptionId ? { subscriptionId: entity.subscriptionId } : {}),
    data: { entity: entity.kind, id: entity.id, message: error.message, ...zuora },
  });
  return { status: 'FAILED', reason: error.message, at };
}

/** Minutes to wait after the 1st, 2nd, 3rd and 4th failure in a row; then every 6 hours (seeds/000 retries). */
const BACKOFF_MINUTES = [1, 5, 30, 120];
const THEN_EVERY_MINUTES = 6 * 60;

/**
 * A FAILED state that will be tried again on the platform clock (retries.ts): the count of failures
 * in a row goes on from `previous` while that was FAILED too, and sets when the next attempt is due.
 */
export function retried(failed: SyncState, previous: SyncState | undefined, retry: RetryAction = 'SYNC'): SyncState {
  const attempts = previous?.status === 'FAILED' ? (previous.attempts ?? 1) + 1 : 1;
  const minutes = BACKOFF_MINUTES[attempts - 1] ?? THEN_EVERY_MINUTES;
  return { ...failed, attempts, nextRetryAt: new Date(Date.parse(failed.at) + minutes * 60_000).toISOString(), ...(retry !== 'SYNC' ? { retry } : {}) };
}

/**
 * A subscription change Zuora refused (or could not be told): logged, and the FAILED state answered,
 * with its next attempt (`retry` says what that attempt does). Anything else thrown is a bug, not a
 * sync outcome, and is thrown on.
 */
export async function subscriptionSyncFailed(ctx: SyncContext, subscription: Subscription, error: unknown, at: string, retry?: RetryAction): Promise<SyncState> {
  if (!isSyncFailure(error)) throw error;
  const failed = await recordFailure(ctx, { kind: 'subscription', id: subscription.id, customerId: subscription.customerId, subscriptionId: subscription.id }, error, at);
  return retried(failed, subscription.sync, retry);
}
