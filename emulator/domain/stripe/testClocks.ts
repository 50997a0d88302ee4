import type { ReadView, Transaction } from '../../state/transaction.js';
import { invalidParam, missingParam, noSuch } from './errors.js';
import { emit } from './events.js';
import { stripeId } from './ids.js';
import { CUSTOMERS, SUBSCRIPTIONS, TEST_CLOCKS, type StripeCustomer, type StripeSubscription, type StripeTestClock } from './model.js';
import { nowOn } from './time.js';

/** Stripe deletes a test clock seven days after creating it; here the date is shown, not acted on. */
const LIFETIME = 7 * 86_400;

export function getTestClock(view: ReadView, id: string): StripeTestClock {
  const clock = view.get<StripeTestClock>(TEST_CLOCKS, id);
  if (!clock) throw noSuch('test_helpers.test_clock', id);
  return clock;
}

export function createTestClock(tx: Transaction, input: { frozen_time?: number; name?: string }): StripeTestClock {
  if (input.frozen_time === undefined) throw missingParam('frozen_time');
  const created = nowOn(tx, null);
  const clock = tx.insert<StripeTestClock>(TEST_CLOCKS, {
    id: stripeId(tx, 'clock'),
    created,
    frozen_time: input.frozen_time,
    name: input.name ?? null,
    deletes_after: created + LIFETIME,
  });
  emit(tx, 'test_helpers.test_clock.created', TEST_CLOCKS, clock);
  return clock;
}

/** Checks an advance before it runs: forward only. (Stripe's two-interval limit is not imposed.) */
export function checkAdvance(view: ReadView, id: string, target: number | undefined): StripeTestClock {
  if (target === undefined) throw missingParam('frozen_time');
  const clock = getTestClock(view, id);
  if (target < clock.frozen_time) {
    throw invalidParam('frozen_time', `The test clock cannot go back in time: ${target} is before its frozen time ${clock.frozen_time}.`, 'test_clock_advance_backward');
  }
  return clock;
}

export function setFrozenTime(tx: Transaction, id: string, frozenTime: number): void {
  const clock = getTestClock(tx, id);
  if (frozenTime > clock.frozen_time) tx.update<StripeTestClock>(TEST_CLOCKS, id, { frozen_time: frozenTime });
}

export function clockReady(tx: Transaction, id: string): StripeTestClock {
  const clock = getTestClock(tx, id);
  emit(tx, 'test_helpers.test_clock.ready', TEST_CLOCKS, clock);
  return clock;
}

/** Deleting a clock removes its customers and ends their subscriptions, as finishing a simulation does. */
export function deleteTestClock(tx: Transaction, id: string): StripeTestClock {
  const clock = getTestClock(tx, id);
  for (const customer of tx.filterBy<StripeCustomer>(CUSTOMERS, 'test_clock', id)) {
    for (const subscription of tx.filterBy<StripeSubscription>(SUBSCRIPTIONS, 'customer', customer.id)) {
      if (subscription.status !== 'canceled') tx.update<StripeSubscription>(SUBSCRIPTIONS, subscription.id, { status: 'canceled', ended_at: clock.frozen_time });
    }
    tx.update<StripeCustomer>(CUSTOMERS, customer.id, { deleted: true });
  }
  tx.remove(TEST_CLOCKS, id);
  emit(tx, 'test_helpers.test_clock.deleted', TEST_CLOCKS, clock);
  return clock;
}
