import type { Clock } from '../../clock/clock.js';
import type { JobRegistry } from '../../clock/jobs.js';
import type { Store } from '../../state/store.js';
import { CLOCK_JOBS, nextClockJob } from './jobs.js';
import type { StripeTestClock } from './model.js';
import { checkAdvance, clockReady, setFrozenTime } from './testClocks.js';

/**
 * Advances a test clock and returns when it is `ready`: each job of its objects runs at its own due
 * time, in order, and the webhooks each raises are delivered before the next one runs. Unlike
 * Stripe's, the advance completes within the call and has no two-interval limit.
 */
export async function advanceTestClock(store: Store, clock: Clock, jobs: JobRegistry, tenant: string, id: string, target: number): Promise<StripeTestClock> {
  checkAdvance(store.view(tenant), id, target);
  for (let job = nextClockJob(store.view(tenant), id, target); job; job = nextClockJob(store.view(tenant), id, target)) {
    const due = job;
    await store.transact(tenant, (tx) => {
      tx.remove(CLOCK_JOBS, due.id);
      setFrozenTime(tx, id, due.due);
      const handler = jobs.handler(due.kind);
      if (!handler) throw new Error(`no handler for job kind ${due.kind}`);
      handler(tx, due.payload);
    });
    await clock.quiesce(tenant);
  }
  const ready = await store.transact(tenant, (tx) => {
    setFrozenTime(tx, id, target);
    return clockReady(tx, id);
  });
  await clock.quiesce(tenant);
  // The webhook attempts' records did not each wait for the disk (see Dispatcher.attempt).
  await store.durable();
  return ready;
}
