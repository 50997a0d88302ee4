import type { Scenario, ScenarioResult } from './types.js';

// The scenarios of a run as its lanes take them: each lane, on whichever thread it runs, takes the
// next one itself from a count shared between the threads, so a worker thread that finished a
// scenario starts the next at once instead of waiting for the main thread, busy with a scenario of
// its own, to hand one over.

export interface Queue {
  scenarios: readonly Scenario[];
  /** Indexes into `scenarios`, in the order they are taken. */
  order: readonly number[];
  /** Stop taking scenarios after the first failing one (--bail). */
  bail: boolean;
  /** [0]: how many of `order` were taken, on memory shared with the worker threads. */
  taken: Int32Array;
}

export function newQueue(scenarios: readonly Scenario[], order: readonly number[], bail: boolean): Queue {
  return { scenarios, order, bail, taken: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
}

/** The index of the next scenario to run, or undefined when all are taken (or --bail stopped the run). */
function takeNext(queue: Queue): number | undefined {
  const position = Atomics.add(queue.taken, 0, 1);
  return position < queue.order.length ? queue.order[position] : undefined;
}

/** What a lane does with a scenario's result: with --bail, a failure leaves the rest untaken. */
function finished(queue: Queue, result: ScenarioResult): void {
  if (queue.bail && result.status === 'failed') Atomics.store(queue.taken, 0, queue.order.length);
}

/**
 * A lane's work on whichever thread it runs: takes scenarios from the queue one at a time, runs each
 * (`run` is told its index too) and tells its result before taking the next, until none is left.
 */
export async function runFromQueue(queue: Queue, run: (scenario: Scenario, index: number) => Promise<ScenarioResult>, tell: (index: number, result: ScenarioResult) => Promise<void> | void): Promise<void> {
  for (let index = takeNext(queue); index !== undefined; index = takeNext(queue)) {
    const result = await run(queue.scenarios[index] as Scenario, index);
    finished(queue, result);
    await tell(index, result);
  }
}

/**
 * Runs scenarios it takes from the queue, one at a time, and tells each result (the promise settles
 * once it has been told); resolves when none is left to take.
 */
export type Lane = (queue: Queue, tell: (index: number, result: ScenarioResult) => Promise<void>) => Promise<void>;
