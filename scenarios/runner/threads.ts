import { Worker } from 'node:worker_threads';
import type { Lane, Queue } from './queue.js';
import type { ScenarioResult } from './types.js';
import type { WorkerAnswer, WorkerRequest } from './worker.js';

// More hands for a run: worker threads, each with an in-process emulator of its own, so a library
// of scenarios uses every core (one Node thread runs the emulator, the engine and the runner alike).

export interface ThreadLanes {
  lanes: Lane[];
  close(): Promise<void>;
}

// Beside this module: dist/scenarios/runner/worker.js, or in the CLI bundle (scripts/bundle-cli.mjs) dist/cli/worker.js.
const WORKER = new URL('./worker.js', import.meta.url);

/**
 * Worker threads run the compiled runner only (dist/, or the CLI bundle, main.bundle.cjs): from
 * TypeScript sources (tsx, vitest) there are none.
 */
export const threadsAvailable = (): boolean => !import.meta.url.endsWith('.ts');

/**
 * Starts `count` worker threads, each a lane running one scenario at a time. The lanes are there at
 * once; each waits for its thread to be ready (to have loaded the runner and started its emulator).
 */
export function startThreadLanes(count: number): ThreadLanes {
  const threads = Array.from({ length: count }, () => startThread());
  // A thread that failed to start takes no scenario: the other lanes run them all.
  for (const thread of threads) thread.catch(() => undefined);
  return {
    lanes: threads.map((starting) => async (queue, tell) => {
      const thread = await starting.catch(() => undefined);
      if (thread) await runOn(thread, queue, tell);
    }),
    // Each thread closes its emulator and ends itself (its exit work done, the CLI bundle's code cache
    // among it); one that already ended is not waited for again.
    close: async () => {
      await Promise.all(
        threads.map(async (starting) => {
          const thread = await starting.catch(() => undefined);
          if (!thread) return;
          // Waited for: the thread keeps the process alive until it has ended.
          thread.worker.ref();
          thread.worker.postMessage({ close: true } satisfies WorkerRequest);
          await thread.exited;
        }),
      );
    },
  };
}

interface Thread {
  worker: Worker;
  /** Settles when the thread has ended. */
  exited: Promise<void>;
}

async function startThread(): Promise<Thread> {
  const worker = new Worker(WORKER);
  // Finished workers must not keep the process alive past the run.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`it exited with code ${code} before it was ready`)));
  });
  return { worker, exited };
}

/**
 * The thread takes scenarios from the queue until none is left, posting each result as it goes.
 * Should it fail, the scenario it was running fails with it (it says which in shared memory before
 * starting one); the other lanes take the rest.
 */
function runOn({ worker }: Thread, queue: Queue, tell: (index: number, result: ScenarioResult) => Promise<void>): Promise<void> {
  const running = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)).fill(-1);
  const told: Array<Promise<void>> = [];
  // Awaited together once the thread is done; a telling that fails (a timeline not written) fails the run then.
  const telling = (index: number, result: ScenarioResult) => {
    const each = tell(index, result);
    each.catch(() => undefined);
    told.push(each);
  };
  return new Promise<void>((resolve) => {
    const settle = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(Promise.all(told).then(() => undefined));
    };
    const onMessage = (answer: WorkerAnswer) => {
      if ('result' in answer) telling(answer.index, answer.result);
      else if ('done' in answer) settle();
    };
    const fail = (message: string) => {
      const index = Atomics.load(running, 0);
      const scenario = queue.scenarios[index];
      if (scenario) {
        telling(index, { file: scenario.file, name: scenario.name, tags: scenario.tags, status: 'failed', durationMs: 0, timeline: [], error: `the worker thread running it failed: ${message}` });
      }
      settle();
    };
    const onError = (error: unknown) => fail(error instanceof Error ? error.message : String(error));
    const onExit = (code: number) => fail(`it exited with code ${code}`);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ run: { ...queue, running } } satisfies WorkerRequest);
  });
}
