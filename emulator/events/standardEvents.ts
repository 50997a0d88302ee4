import type { PendingChange } from '../state/transaction.js';

/**
 * Zuora's standard events the emulator raises, by category code, without any trigger. Data, not
 * code: each row says which change of which object raises it. A change raises at most one of them,
 * so a notification on a parent category (1200 Subscription) never hears one change twice.
 */
interface StandardEvent {
  category: number;
  name: string;
  object: string;
  raisedBy: (change: PendingChange) => boolean;
}

const field = (record: PendingChange['after'], name: string): unknown => (record ? record[name] : undefined);

export const STANDARD_EVENTS: readonly StandardEvent[] = [
  {
    category: 1210,
    name: 'SubscriptionCreated',
    object: 'Subscription',
    raisedBy: (change) => change.changeType === 'INSERT' && field(change.after, 'version') === 1,
  },
  {
    category: 1200,
    name: 'SubscriptionChanged',
    object: 'Subscription',
    raisedBy: (change) => change.changeType !== 'DELETE',
  },
  {
    category: 1110,
    name: 'InvoicePosted',
    object: 'Invoice',
    raisedBy: (change) => field(change.after, 'status') === 'Posted' && field(change.before, 'status') !== 'Posted',
  },
  {
    category: 1500,
    name: 'AccountChanged',
    object: 'Account',
    raisedBy: (change) => change.changeType !== 'DELETE',
  },
];

/** The one standard event a change raises, if any: the first row that claims it. */
export function standardEventOf(change: PendingChange): StandardEvent | undefined {
  return STANDARD_EVENTS.find((event) => event.object === change.object && event.raisedBy(change));
}
