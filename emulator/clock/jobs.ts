import { keptAnswers } from '../keptAnswers.js';
import { numberKey, type RecordOrder } from '../state/indexes.js';
import type { ReadView, Transaction } from '../state/transaction.js';

export const JOBS = '_jobs';

/** Work due at a virtual time: scheduled orders, term ends, bill runs, payment runs, callout retries... */
export interface JobRecord {
  readonly id: string;
  readonly kind: string;
  /** Virtual time the job is due (ISO). */
  readonly dueAt: string;
  /** Tie-breaker: jobs due at the same instant run in the order they were scheduled. */
  readonly seq: number;
  readonly payload: unknown;
  readonly status: 'pending' | 'failed';
  readonly error?: string;
}

/** A job handler runs inside the transaction that removes the job, so its writes and the removal commit together. */
export type JobHandler = (tx: Transaction, payload: unknown) => void;

export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} is already registered`);
    this.handlers.set(kind, handler);
  }

  handler(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }
}

export function scheduleJob(tx: Transaction, kind: string, dueAt: Date, payload: unknown): JobRecord {
  const id = tx.newId();
  const seq = Number(tx.meta().counters.id ?? 0);
  return tx.insert<JobRecord>(JOBS, { id, kind, dueAt: dueAt.toISOString(), seq, payload, status: 'pending' });
}

/**
 * Cancels the pending jobs whose payload `field` (say `orderId`) is `value` and that `matches`,
 * found through an index on that payload field.
 */
export function cancelJobs(tx: Transaction, field: string, value: unknown, matches: (job: JobRecord) => boolean): number {
  const doomed = jobsBy(tx, field, value).filter(matches);
  for (const job of doomed) tx.remove(JOBS, job.id);
  return doomed.length;
}

/** Pending jobs whose payload `field` is `value`, through an index. */
export function jobsBy(view: ReadView, field: string, value: unknown): JobRecord[] {
  return view.filterBy<JobRecord>(JOBS, `payload.${field}`, value).filter((job) => job.status === 'pending');
}

/**
 * Jobs due at one instant run stage by stage in this order (by the start of their kind), then in the
 * order they were scheduled: a scheduled order changes a subscription before its term ends or
 * renews, both before the bill run invoices the day, and the payment run collects what the bill run
 * posted. Callout retries come last. The clock runs jobs of one kind due together in groups, and
 * the callouts a group raises are delivered before the next group runs (clock.ts GROUP_SIZE).
 * Kinds not listed (tests' own) run after these.
 */
export const JOB_STAGES: readonly string[] = ['order.', 'subscription.', 'billing.billRun', 'billing.paymentRun', 'callout.'];

/** A kind's stage, kept: every job scheduled or run works out its place in the due-time index. */
const stageOf = keptAnswers((kind): number => {
  const stage = JOB_STAGES.findIndex((prefix) => kind.startsWith(prefix));
  return stage === -1 ? JOB_STAGES.length : stage;
}, 1000);

/** Pending jobs by due time, then stage, then the order they were scheduled: the order the clock runs them in. */
const DUE_ORDER: RecordOrder = {
  name: 'jobs by due time',
  keyOf: (record) => {
    const job = record as unknown as JobRecord;
    return job.status === 'pending' ? `${job.dueAt}|${stageOf(job.kind)}|${numberKey(job.seq)}` : undefined;
  },
};

/** The pending jobs in the order they will run (read lazily from the due-time index). */
export function pendingJobs(view: ReadView): Generator<JobRecord> {
  return view.inOrder<JobRecord>(JOBS, DUE_ORDER);
}

/** The next job to run, if one is due by `until` (ISO). */
export function nextDueJob(view: ReadView, until: string): JobRecord | undefined {
  const next = pendingJobs(view).next();
  return !next.done && next.value.dueAt <= until ? next.value : undefined;
}
