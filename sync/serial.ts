import type { SyncStore } from './context.js';

/**
 * The platform's writes for one store happen one at a time: callouts from Zuora and the platform's
 * own changes that reach Zuora (provisioning, updates, cancellations, trial conversions). Handlers
 * read a record, ask Zuora, then write: two callouts interleaved there (a duplicate delivered twice
 * at once, say) would both pass the replay check and both write. And Zuora sends the callouts an
 * order raises (invoice posted, payment failed) while the platform is still saving the order's
 * answer: queued here, a callout finds the subscription with its billing id in place.
 */
const tails = new WeakMap<SyncStore, Promise<unknown>>();

export function serially<T>(store: SyncStore, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(store) ?? Promise.resolve();
  // Run after the previous one whether it succeeded or failed: its failure is its caller's.
  const next = previous.then(work, work);
  tails.set(store, next.catch(() => undefined));
  return next;
}
