import { parentPort, type MessagePort } from 'node:worker_threads';
import { InProcessHost } from './environment.js';
import { runScenario } from './run.js';
import type { Scenario } from './types.js';

// A worker thread of a scenario run (threads.ts): an in-process emulator of its own, and each
// scenario it is handed run on a fresh tenant there, its result posted back. Told to close, it closes
// its emulator and ends (the thread's exit work, such as the CLI bundle's code cache, runs then).

export type WorkerRequest = { run: Scenario } | { close: true };
export type WorkerAnswer = { ready: true } | { result: Awaited<ReturnType<typeof runScenario>> };

async function serve(port: MessagePort): Promise<void> {
  const host = await InProcessHost.start();
  port.on('message', (request: WorkerRequest) => {
    void (async () => {
      if ('close' in request) {
        await host.close();
        process.exit(0);
      }
      port.postMessage({ result: await runScenario(request.run, host) } satisfies WorkerAnswer);
    })();
  });
  port.postMessage({ ready: true } satisfies WorkerAnswer);
}

if (!parentPort) throw new Error('scenarios/runner/worker.js runs as a worker thread');
// No top-level await: the CLI bundles this file as a script (scripts/bundle-cli.mjs).
void serve(parentPort);
