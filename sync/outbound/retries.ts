import type { SyncContext } from '../context.js';
import type { Subscription, SyncState } from '../model/types.js';
import { cancelSubscription } from './cancellations.js';
import { syncCustomer } from './customers.js';
import { platformNow } from './dates.js';
import { unplacedUpdate } from './scheduling.js';
import { syncNewSubscription } from './subscriptions.js';
import { updateSubscription } from './updates.js';

// seeds/000 "Retry behavior": a FAILED sync is tried again on the platform clock, 1 min, 5 min,
// 30 min and 2 h after the failures in a row, then every 6 h (failures.ts sets `nextRetryAt`), until
// it succeeds or the record changes (a new attempt then starts the count again). During retries a
// subscription keeps its last confirmed status: a cancellation Zuora has not confirmed leaves it as
// it was, and its retry cancels again. An end-of-period change (downgrade, plan change, cancellation
// or migration at the period end) whose Scheduled order Zuora refused stays pending and is placed again.

const due = (sync: SyncState | undefined, at: string): boolean => sync?.status === 'FAILED' && sync.nextRetryAt !== undefined && sync.nextRetryAt <= at;

/**
 * Places again the Scheduled order Zuora refused: the pending cancellation at the period end, or
 * the pending change (asking for no change at the period end folds what is pending into one order).
 */
async function scheduleAgain(ctx: SyncContext, subscription: Subscription): Promise<void> {
  const unplaced = unplacedUpdate(subscription);
  if (unplaced?.type === 'CANCELLATION') {
    await cancelSubscription(ctx, subscription.id, 'END_OF_BILLING_PERIOD', { writeOffOpenBalance: unplaced.writeOffOpenBalance === true });
  } else {
    await updateSubscription(ctx, subscription.id, { scheduleStrategy: 'END_OF_BILLING_PERIOD' });
  }
}

/** Tries every due FAILED customer and subscription again; answers the ids tried. */
export async function retryDueSyncs(ctx: SyncContext): Promise<string[]> {
  const { at } = await platformNow(ctx);
  const tried: string[] = [];
  for (const customer of ctx.store.customers().filter((each) => due(each.sync, at))) {
    await syncCustomer(ctx, customer.id);
    tried.push(customer.id);
  }
  for (const subscription of ctx.store.subscriptions().filter((each) => due(each.sync, at))) {
    const live = subscription.status !== 'CANCELED' && subscription.status !== 'EXPIRED';
    if (subscription.sync?.retry === 'CANCEL') {
      if (live) await cancelSubscription(ctx, subscription.id, 'IMMEDIATE');
    } else if (subscription.sync?.retry === 'SCHEDULE') {
      if (live) await scheduleAgain(ctx, subscription);
    } else if (!subscription.billingSubscriptionNumber) {
      await syncNewSubscription(ctx, subscription.id);
    } else if (live) {
      // In Zuora already: bring it to what the platform holds (the change Zuora refused).
      await updateSubscription(ctx, subscription.id, { scheduleStrategy: 'IMMEDIATE' });
    }
    tried.push(subscription.id);
  }
  return tried;
}
