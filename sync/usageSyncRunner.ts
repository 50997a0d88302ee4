import type { SyncContext } from './context.js';
import { convertEndedTrials, grantDueCredits, retryDueSyncs, syncUsage, type UsageSyncResult } from './outbound/index.js';
import { serially } from './serial.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Runs the usage sync one at a time: on demand (`POST /api/usage/sync`) and whenever the platform
 * clock enters a new hour. Against a real Zuora the wall clock is polled; wired to the emulator,
 * the emulator announces each step of the virtual clock (`tick`) and waits for the sync, so usage
 * reported before a bill run is in Zuora when the bill run happens.
 */
export class UsageSyncRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private hour: number | undefined;
  private lastFailure: string | undefined;

  constructor(private readonly ctx: SyncContext) {}

  /** Starts once any run under way has ended, so two runs never push the same usage; all subscriptions, or one. */
  run(subscriptionId?: string, ctx: SyncContext = this.ctx): Promise<UsageSyncResult> {
    const next = this.queue.then(() => syncUsage(ctx, subscriptionId));
    // The caller gets the failure; the queue only needs to know the run is over.
    this.queue = next.catch(() => undefined);
    return next;
  }

  followHours(pollMs: number): void {
    this.timer ??= setInterval(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, pollMs);
    // The engine's server keeps the process alive, not this timer.
    this.timer.unref();
  }

  async stopPolling(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  async stop(): Promise<void> {
    await this.stopPolling();
    await this.queue;
  }

  /**
   * The clock stands at `now`: retry FAILED syncs that are due, and sync usage if that is a new hour.
   * `held`: the clock stays at `now` until this returns (the emulator announced the step and waits for
   * the answer), so the work takes its time from the announcement instead of asking the clock again.
   */
  async tick(now: Date, held = false): Promise<void> {
    const ctx: SyncContext = held ? { ...this.ctx, time: { now: async () => new Date(now) } } : this.ctx;
    // Retries are due to the minute (seeds/000 backoff), so they are looked at on every step.
    await serially(ctx.store, () => retryDueSyncs(ctx));
    const hour = Math.floor(now.getTime() / HOUR_MS);
    // The first time seen counts as a new hour: the engine may have been down across hours.
    const entered = hour !== this.hour;
    // Moved on before running, so a failing run waits for the next hour instead of retrying every poll.
    this.hour = hour;
    if (!entered) return;
    // Trials that ended turn paid before usage is pushed, so their usage has a subscription to go to;
    // credit entitlements grant the cadences that began.
    await this.queue.then(() => serially(ctx.store, async () => {
      await convertEndedTrials(ctx);
      await grantDueCredits(ctx);
    }));
    await this.run(undefined, ctx);
  }

  private async poll(): Promise<void> {
    try {
      await this.tick(await this.ctx.time.now());
      this.lastFailure = undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A clock or Zuora that stays unreachable would otherwise log the same line every poll.
      if (message !== this.lastFailure) console.error(`sync engine: hourly usage sync failed: ${message}`);
      this.lastFailure = message;
    }
  }
}
