import type { Transaction } from '../../state/transaction.js';
import { stripeId } from './ids.js';
import { EVENTS, type StripeEvent } from './model.js';
import { nowOn } from './time.js';

/**
 * Records a Stripe event about `record` (as it is now). Events are the only thing webhooks are made
 * from: the dispatcher sees the event's insert on the change feed, as Zuora callouts see theirs.
 */
export function emit(
  tx: Transaction,
  type: string,
  collection: string,
  record: { id: string; test_clock?: string | null },
  previous: Readonly<Record<string, unknown>> | null = null,
): StripeEvent {
  return tx.insert<StripeEvent>(EVENTS, {
    id: stripeId(tx, 'evt'),
    created: nowOn(tx, record.test_clock ?? null),
    type,
    collection,
    record: record as StripeEvent['record'],
    previous_attributes: previous,
  });
}

/** The fields of `before` that `after` changed, as `previous_attributes` lists them. */
export function changedFields<T extends object>(before: T, after: T): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    if (JSON.stringify(value) !== JSON.stringify((after as Record<string, unknown>)[key])) previous[key] = value;
  }
  return previous;
}

/** Updates a record and emits `<type>` with what changed, when anything did. */
export function updateWithEvent<T extends { id: string; test_clock?: string | null }>(
  tx: Transaction,
  collection: string,
  type: string,
  before: T,
  patch: Partial<T>,
): T {
  const after = tx.update<T>(collection, before.id, patch);
  const previous = changedFields(before, after);
  if (Object.keys(previous).length > 0) emit(tx, type, collection, after, previous);
  return after;
}
