import { parentPort, type MessagePort } from 'node:worker_threads';
import { InProcessHost } from './environment.js';
import { runFromQueue, type Queue } from './queue.js';
import { runScenario } from './run.js';

// A worker thread of a scenario run (threads.ts): an in-process emulator of its own, and each
// scenario it takes from the run's queue run on a fresh tenant there, its result posted back. Told to
// close, it closes its emulator and ends (the thread's exit work, such as the CLI bundle's code cache,
// runs then).

export type WorkerRequest = { run: Queue & { running: Int32Array } } | { close: true };
export type WorkerAnswer = { ready: true } | { index: number; result: Awaited<ReturnType<typeof runScenario>> } | { done: true };

async function serve(port: MessagePort): Promise<void> {
  const host = await InProcessHost.start();
  port.on('message', (request: WorkerRequest) => {
    void (async () => {
      if ('close' in request) {
        await host.close();
        process.exit(0);
      }
      const { running, ...queue } = request.run;
      await runFromQueue(
        queue,
        (scenario, index) => {
          // Where the main thread finds which scenario failed with this thread, should it fail.
          Atomics.store(running, 0, index);
          return runScenario(scenario, host);
        },
        (index, result) => {
          port.postMessage({ index, result } satisfies WorkerAnswer);
          Atomics.store(running, 0, -1);
        },
      );
      port.postMessage({ done: true } satisfies WorkerAnswer);
    })();
  });
  port.postMessage({ ready: true } satisfies WorkerAnswer);
}

if (!parentPort) throw new Error('scenarios/runner/worker.js runs as a worker thread');
// No top-level await: the CLI bundles this file as a script (scripts/bundle-cli.mjs).
void serve(parentPort);
