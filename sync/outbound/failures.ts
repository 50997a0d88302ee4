import type { SyncContext } from '../context.js';
import type { Subscription, SyncState } from '../model/types.js';
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

/**
 * A subscription change Zuora refused (or could not be told): logged, and the FAILED state answered.
 * Anything else thrown is a bug, not a sync outcome, and is thrown on.
 */
export async function subscriptionSyncFailed(ctx: SyncContext, subscription: Subscription, error: unknown, at: string): Promise<SyncState> {
  if (!isSyncFailure(error)) throw error;
  return recordFailure(ctx, { kind: 'subscription', id: subscription.id, customerId: subscription.customerId, subscriptionId: subscription.id }, error, at);
}
