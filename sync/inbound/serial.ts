import type { SyncStore } from '../context.js';

/**
 * Callouts for one store are applied one at a time. Handlers read a record, ask Zuora, then write:
 * two callouts interleaved there (a duplicate delivered twice at once, say) would both pass the replay
 * check and both write.
 */
const tails = new WeakMap<SyncStore, Promise<unknown>>();

export function serially<T>(store: SyncStore, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(store) ?? Promise.resolve();
  // Run after the previous one whether it succeeded or failed: its failure is its caller's.
  const next = previous.then(work, work);
  tails.set(store, next.catch(() => undefined));
  return next;
}
