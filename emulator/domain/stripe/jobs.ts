import { scheduleJob, type JobHandler } from '../../clock/jobs.js';
import type { ReadView, Transaction } from '../../state/transaction.js';

/**
 * Timed Stripe work (renewals, finalization, payment retries). Objects on no test clock follow the
 * account's virtual clock through the shared job queue; objects on a test clock wait in their
 * clock's own queue until that clock is advanced.
 */
export const CLOCK_JOBS = '_stripeTestClockJobs';

export interface TestClockJob {
  id: string;
  clock: string;
  kind: string;
  /** Unix seconds. */
  due: number;
  seq: number;
  payload: unknown;
}

export function scheduleStripeJob(tx: Transaction, testClock: string | null, kind: string, due: number, payload: unknown): void {
  if (!testClock) {
    scheduleJob(tx, kind, new Date(due * 1000), payload);
    return;
  }
  const id = tx.newId();
  tx.insert<TestClockJob>(CLOCK_JOBS, { id, clock: testClock, kind, due, seq: Number(tx.meta().counters.id ?? 0), payload });
}

/** The test clock's next job due by `until`, earliest first. */
export function nextClockJob(view: ReadView, clock: string, until: number): TestClockJob | undefined {
  return view
    .filterBy<TestClockJob>(CLOCK_JOBS, 'clock', clock)
    .filter((job) => job.due <= until)
    .sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
}

export type StripeJobs = Readonly<Record<string, JobHandler>>;
