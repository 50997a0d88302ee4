import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { StoreUnavailableError, type Store } from '../state/store.js';
import { extend } from '../state/paths.js';
import { JOBS, nextDueJob, type JobRecord, type JobRegistry } from './jobs.js';
import { announceTick, hasClockSubscribers, type TickReceiver } from './ticks.js';

/** Something that may still be working for a tenant after a commit (the callout dispatcher, say). */
export type QuiescenceHook = (tenant: string) => Promise<void>;

/** A job the clock ran on its way, and how it went. */
export interface JobRun {
  id: string;
  kind: string;
  dueAt: string;
  payload: unknown;
  outcome: 'done' | 'failed';
  error?: string;
}

export interface AdvanceResult {
  now: string;
  jobsRun: number;
  /** The jobs that ran, in the order they ran. */
  ran: JobRun[];
}

export class ClockError extends Error {}

/** How long an advance may keep the event loop before it lets other requests (other tenants') through. */
const SLICE_MS = 10;

/**
 * Jobs of one kind due at one instant (a thousand bill runs on the 1st) run in groups of this many:
 * a group's commits share one disk flush, then its callouts are delivered, then the next group runs.
 * A flush per job was most of an advance on a data directory. A count, not a time slice, so the
 * order in which jobs and a receiver's calls back interleave is the same in every run; 32 jobs hold
 * the event loop for some 8 ms.
 */
const GROUP_SIZE = 32;

/**
 * Each tenant's virtual clock. Time stands still until advanced; advancing runs every job that falls
 * due on the way, in time order, each at its own due time, and returns once the tenant is quiet.
 */
export class Clock {
  private readonly quiescenceHooks: QuiescenceHook[] = [];
  private readonly advancing = new Map<string, Promise<unknown>>();
  /** Clock subscribers in this process, by the URL they subscribed with. */
  private readonly tickReceivers = new Map<string, TickReceiver>();

  constructor(
    private readonly store: Store,
    private readonly jobs: JobRegistry,
  ) {}

  now(tenant: string): Date {
    return this.store.view(tenant).now();
  }

  onQuiescence(hook: QuiescenceHook): void {
    this.quiescenceHooks.push(hook);
  }

  /**
   * Steps announced to the subscriber at `url` go straight to `receiver` while it is registered (see
   * TickReceiver); the returned function ends that, and the URL is posted to again.
   */
  receiveTicksInProcess(url: string, receiver: TickReceiver): () => void {
    this.tickReceivers.set(url, receiver);
    return () => {
      if (this.tickReceivers.get(url) === receiver) this.tickReceivers.delete(url);
    };
  }

  /** Resolves when every registered background worker has nothing left to do for the tenant. */
  quiesce(tenant: string): Promise<void> {
    // One hook (the callout dispatcher), its answer taken as it is: most often settled already, as
    // before and after each job of an advance, where an async function around it cost a promise more.
    const hooks = this.quiescenceHooks;
    return hooks.length === 1 ? (hooks[0] as QuiescenceHook)(tenant) : this.quiesceEach(tenant);
  }

  private async quiesceEach(tenant: string): Promise<void> {
    for (const hook of this.quiescenceHooks) await hook(tenant);
  }

  /** Advances are serialised per tenant so two callers never run the same job twice. */
  advanceTo(tenant: string, target: Date): Promise<AdvanceResult> {
    const previous = this.advancing.get(tenant) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.runUntil(tenant, target));
    this.advancing.set(tenant, run);
    return run;
  }

  private async runUntil(tenant: string, target: Date): Promise<AdvanceResult> {
    // An advance through months of bill runs grows the journal fast: it is folded once, after.
    const foldNow = this.store.foldLater();
    try {
      return await this.runJobsUntil(tenant, target);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      // Jobs before the failure may be kept: the answer says where the clock stands now.
      throw new StoreUnavailableError(`a write failed during the advance (${error.message}); the clock stands at ${this.now(tenant).toISOString()}, as the data directory has it; advance again to go on`);
    } finally {
      foldNow();
    }
  }

  private async runJobsUntil(tenant: string, target: Date): Promise<AdvanceResult> {
    const start = this.now(tenant);
    if (target.getTime() < start.getTime()) {
      throw new ClockError(`cannot move the clock back from ${start.toISOString()} to ${target.toISOString()}`);
    }
    const targetIso = target.toISOString();
    const ran: JobRun[] = [];
    const kept = this.keptSince(this.store.rollbacks);
    await this.quiesce(tenant);
    let sliceStarted = performance.now();
    for (;;) {
      // Years of jobs are many transactions; in memory none of them waits on I/O, so yield now and
      // then. On disk each job's commit waits for its flush, which lets other requests through (a
      // yield here would also start the flush of the step's record alone, not shared with the job's).
      if (!this.store.onDisk && performance.now() - sliceStarted > SLICE_MS) {
        await nextTurn();
        sliceStarted = performance.now();
      }
      const view = this.store.view(tenant);
      const next = nextDueJob(view, targetIso);
      if (!next) break;
      // Jobs due at one instant (a thousand bill runs on the 1st) move the clock only for the first.
      if (next.dueAt > view.now().toISOString()) {
        await this.moveTo(tenant, next.dueAt, kept);
        kept();
      }
      // The group is one unit: one journal record and one flush for all its jobs, on disk before their
      // callouts leave (they would wait anyway); a failed write stops the advance here. Each job is
      // still a transaction of its own (one that fails changes nothing), and the jobs of a group never
      // wait on each other's locks (lock contention, when on, is between requests).
      await this.store.unit(() => this.runGroup(tenant, next, targetIso, ran));
      // Callouts from the group may make the platform call back and schedule work before `target`.
      await this.quiesce(tenant);
    }
    await this.moveTo(tenant, targetIso, kept);
    // The answer promises the advance's work: every commit of it, the ones that did not wait included, is on disk.
    await this.store.durable();
    kept();
    return { now: targetIso, jobsRun: ran.length, ran };
  }

  /**
   * Not every commit of an advance waits for the disk (the clock's steps, callout attempts: see
   * Store.transactSoon); one that failed rolled memory back, maybe to before earlier steps of this
   * advance. The returned check stops the advance with an error once that has happened, rather
   * than run the next job at a time the clock no longer shows; a retry goes on from what is durable.
   */
  private keptSince(rollbacks: number): () => void {
    return () => {
      if (this.store.rollbacks !== rollbacks) throw new StoreUnavailableError('memory was rolled back to what the data directory holds');
    };
  }

  /**
   * Sets the clock forward and lets subscribers do what that time calls for before anything else
   * runs. The step does not wait for the disk: until the advance answers, nobody has been promised
   * it (a crash before then leaves the clock where the journal has it, and the jobs still due), and
   * the next commit that waits, the group of jobs', shares its flush. A subscriber is told only a
   * time that is on disk.
   */
  private async moveTo(tenant: string, iso: string, kept: () => void): Promise<void> {
    if (iso <= this.now(tenant).toISOString()) return;
    this.store.transactSoon(tenant, (tx) => tx.setNow(iso));
    if (hasClockSubscribers(this.store, tenant)) {
      await this.store.durable();
      kept();
    }
    await announceTick(this.store, tenant, iso, this.tickReceivers);
    await this.quiesce(tenant);
  }

  /**
   * Runs `first` and the jobs due with it of its kind, up to GROUP_SIZE, each its own transaction,
   * taking them one by one as they come due (a job may cancel or schedule another).
   */
  private runGroup(tenant: string, first: JobRecord, until: string, ran: JobRun[]): void {
    ran.push(this.runJob(tenant, first));
    for (let count = 1; count < GROUP_SIZE; count += 1) {
      const next = nextDueJob(this.store.view(tenant), until);
      if (!next || next.dueAt !== first.dueAt || next.kind !== first.kind) return;
      ran.push(this.runJob(tenant, next));
    }
  }

  /** One job, a transaction in its group's unit (so it answers at once: the unit waits for the disk). */
  private runJob(tenant: string, job: JobRecord): JobRun {
    const handler = this.jobs.handler(job.kind);
    const run = { id: job.id, kind: job.kind, dueAt: job.dueAt, payload: job.payload };
    try {
      this.store.transactSoon(tenant, (tx) => {
        tx.remove(JOBS, job.id);
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        handler(tx, job.payload);
      });
      return extend(run, { outcome: 'done' as const });
    } catch (error) {
      // The failed job stays visible (status failed) instead of blocking every later job.
      const message = error instanceof Error ? error.message : String(error);
      this.store.transactSoon(tenant, (tx) => {
        tx.update<JobRecord>(JOBS, job.id, { status: 'failed', error: message });
      });
      return extend(run, { outcome: 'failed' as const, error: message });
    }
  }
}
