import { performance } from 'node:perf_hooks';

/** One attempt's deadline: `expire` runs if the attempt is still going at `at` (performance.now() time). */
interface Deadline {
  readonly at: number;
  readonly expire: () => void;
}

/**
 * The deadlines of attempts that all take at most the same time, so they run out in the order they
 * were set: one timer, for the first still running, serves them all. A timer of its own for every
 * attempt (made, handed to the async hooks, cancelled) showed in what each callout cost.
 */
class Deadlines {
  /** In the order they were set, which is the order they run out. */
  private readonly running = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ms: number) {}

  /** Runs `expire` in `ms` unless the returned function (the attempt's end) is called first. */
  start(expire: () => void): () => void {
    const deadline = { at: performance.now() + this.ms, expire };
    this.running.add(deadline);
    if (!this.timer) this.arm(this.ms);
    return () => {
      this.running.delete(deadline);
    };
  }

  /** A timer that keeps no process alive: an attempt's own request does, while it runs. */
  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms);
    this.timer.unref();
  }

  /** Expires what has run out; the timer goes on for the first deadline left, if any. */
  private check(): void {
    this.timer = undefined;
    const now = performance.now();
    for (const deadline of this.running) {
      if (deadline.at > now) {
        this.arm(Math.ceil(deadline.at - now));
        return;
      }
      this.running.delete(deadline);
      deadline.expire();
    }
  }
}

const byLength = new Map<number, Deadlines>();

/** Runs `expire` in `ms` unless the returned function is called first. */
export function startDeadline(ms: number, expire: () => void): () => void {
  let deadlines = byLength.get(ms);
  if (!deadlines) byLength.set(ms, (deadlines = new Deadlines(ms)));
  return deadlines.start(expire);
}
