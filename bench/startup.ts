// Ready time and memory of the bin as a user starts it: `zuora-emulator start --port 0 --in-memory`,
// timed from spawn to its ready lines (the sync engine beside it included).
import { binCompiled, spawnBin } from './bin.js';
import { rssBytes } from './servers.js';

export interface Startup {
  /** Whether the bin ran compiled JavaScript (dist/) or the sources through tsx. */
  compiled: boolean;
  readyMs: number;
  rssBytes: number;
}

async function startOnce(): Promise<Startup> {
  const started = performance.now();
  const { child } = await spawnBin(['start', '--port', '0', '--in-memory'], (printed) => printed.includes('sync engine listening') || printed.includes('state:'));
  try {
    return { compiled: binCompiled(), readyMs: performance.now() - started, rssBytes: rssBytes(child.pid ?? 0) };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/** The best of `runs` starts: the first one also pays for a cold file cache. */
export async function benchStartup(runs: number): Promise<Startup> {
  const all: Startup[] = [];
  for (let run = 0; run < runs; run += 1) all.push(await startOnce());
  return all.reduce((best, each) => (each.readyMs < best.readyMs ? each : best));
}
