import { ZuoraError } from '../zuora/errors.js';

/**
 * A request the platform cannot act on at all (unknown customer, a plan not sold in that billing
 * period): the caller's mistake, answered before anything is stored or sent to Zuora.
 */
export class OutboundInputError extends Error {
  override readonly name = 'OutboundInputError';

  constructor(
    /** `CUSTOMER_NOT_FOUND`, `PLAN_NOT_FOUND`, `INVALID_SUBSCRIPTION`...: for the API to map to a status. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Something on the platform side keeps an entity from syncing (a plan whose prices never reached
 * Zuora, say). Like a ZuoraError it becomes the entity's FAILED sync state, not a crash.
 */
export class SyncPreconditionError extends Error {
  override readonly name = 'SyncPreconditionError';
}

/** The failures that end as a FAILED sync state; anything else is a bug and is left to surface. */
export function isSyncFailure(error: unknown): error is ZuoraError | SyncPreconditionError {
  return error instanceof ZuoraError || error instanceof SyncPreconditionError;
}
