import { Worker } from 'node:worker_threads';
import type { Scenario, ScenarioResult } from './types.js';
import type { WorkerAnswer, WorkerRequest } from './worker.js';

// More hands for a run: worker threads, each with an in-process emulator of its own, so a library
// of scenarios uses every core (one Node thread runs the emulator, the engine and the runner alike).

/** Runs a scenario elsewhere and answers its result. */
export type Lane = (scenario: Scenario) => Promise<ScenarioResult>;

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
  // A thread that failed to start fails the scenarios it takes, not the run.
  for (const thread of threads) thread.catch(() => undefined);
  return {
    lanes: threads.map((starting) => async (scenario) => {
      try {
        return ((await ask((await starting).worker, { run: scenario })) as { result: ScenarioResult }).result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { file: scenario.file, name: scenario.name, tags: scenario.tags, status: 'failed', durationMs: 0, timeline: [], error: `the worker thread running it failed: ${message}` };
      }
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

/** One request and its answer: a lane sends the next request only once the last was answered. */
function ask(worker: Worker, request: WorkerRequest): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (answer: WorkerAnswer) => {
      settle();
      resolve(answer);
    };
    const onError = (error: unknown) => {
      settle();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`it exited with code ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}
