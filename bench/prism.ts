// The optional peer: Stoplight Prism mocking the project's own OpenAPI subset, the stateless mock a
// user would otherwise pick. `npm run bench -- --peer prism` adds it when @stoplight/prism-cli is
// installed (it is not a dependency: `npm install --no-save @stoplight/prism-cli`), or when
// PRISM_BIN names a prism executable.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeCpuSeconds } from './servers.js';

/** A server the bench can load and read the CPU time of: the emulator, a ceiling or a peer. */
export interface Loadable {
  kind: string;
  url: string;
  cpuSeconds(): number;
  /** Where known: the CPU seconds of the process's main thread alone. */
  mainThreadCpuSeconds?(): number;
}

export interface Peer extends Loadable {
  /** From spawn until it said it listens. */
  readyMs: number;
  stop(): Promise<void>;
}

const SPECS = fileURLToPath(new URL('../contracts/openapi/', import.meta.url));

/** The prism executable, or undefined when neither PRISM_BIN nor an installed prism-cli gives one. */
export function findPrism(): string | undefined {
  if (process.env.PRISM_BIN) return process.env.PRISM_BIN;
  try {
    const manifest = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { prism: string } };
    return path.join(path.dirname(manifest), bin.prism);
  } catch {
    return undefined;
  }
}

/** Prism takes no port 0: ask the kernel for a free one and hand it over. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `prism mock` on one of contracts/openapi/*.yaml, ready when it says it listens. */
export async function startPrism(executable: string, spec: 'v1' | 'quickstart'): Promise<Peer> {
  const port = await freePort();
  const started = performance.now();
  const args = ['mock', '--host', '127.0.0.1', '--port', String(port), path.join(SPECS, `${spec}.yaml`)];
  const child = executable.endsWith('.js') ? spawn(process.execPath, [executable, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let said = '';
  await new Promise<void>((resolve, reject) => {
    const listen = (chunk: Buffer): void => {
      said += chunk.toString();
      if (said.includes('Prism is listening')) resolve();
    };
    child.stdout.on('data', listen);
    child.stderr.on('data', listen);
    child.once('exit', (code) => reject(new Error(`prism exited (${code}) before it listened: ${said.slice(-500)}`)));
  });
  // Prism logs every request; drain its output so a full pipe never stalls it.
  child.stdout.resume();
  child.stderr.resume();
  const pid = child.pid ?? 0;
  return {
    kind: `prism (${spec}.yaml)`,
    url: `http://127.0.0.1:${port}`,
    readyMs: performance.now() - started,
    cpuSeconds: () => treeCpuSeconds(pid),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
