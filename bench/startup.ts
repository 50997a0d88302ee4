// Ready time and memory of the bin as a user starts it: `zuora-emulator start --port 0 --in-memory`,
// timed from spawn to its ready lines (the sync engine beside it included).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rssBytes } from './servers.js';

const BIN = fileURLToPath(new URL('../bin/zuora-emulator.js', import.meta.url));
const COMPILED = fileURLToPath(new URL('../dist/cli/main.bundle.cjs', import.meta.url));

export interface Startup {
  /** Whether the bin ran compiled JavaScript (dist/) or the sources through tsx. */
  compiled: boolean;
  readyMs: number;
  rssBytes: number;
}

async function startOnce(): Promise<Startup> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--in-memory'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('sync engine listening') || seen.includes('state:')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`zuora-emulator start exited (${code}) before it was ready: ${seen}`)));
    });
    return { compiled: existsSync(COMPILED), readyMs: performance.now() - started, rssBytes: rssBytes(child.pid ?? 0) };
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
