import { parentPort } from 'node:worker_threads';
import { InProcessHost } from './environment.js';
import { runScenario } from './run.js';
import type { Scenario } from './types.js';

// A worker thread of a scenario run (threads.ts): an in-process emulator of its own, and each
// scenario it is handed run on a fresh tenant there, its result posted back.

export type WorkerRequest = { run: Scenario } | { close: true };
export type WorkerAnswer = { ready: true } | { result: Awaited<ReturnType<typeof runScenario>> } | { closed: true };

const port = parentPort;
if (!port) throw new Error('scenarios/runner/worker.js runs as a worker thread');
const host = await InProcessHost.start();
port.on('message', (request: WorkerRequest) => {
  void (async () => {
    if ('close' in request) {
      await host.close();
      port.postMessage({ closed: true } satisfies WorkerAnswer);
      port.close();
      return;
    }
    port.postMessage({ result: await runScenario(request.run, host) } satisfies WorkerAnswer);
  })();
});
port.postMessage({ ready: true } satisfies WorkerAnswer);
