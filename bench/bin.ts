// The bin as a user runs it (`node bin/zuora-emulator.js ...`), for the rows that time or load it
// through its own start rather than through bench/server.ts.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/zuora-emulator.js', import.meta.url));
const COMPILED = fileURLToPath(new URL('../dist/cli/main.bundle.cjs', import.meta.url));

/** Whether the bin runs its compiled bundle (dist/), else the sources through tsx. */
export const binCompiled = (): boolean => existsSync(COMPILED);

export interface SpawnedBin {
  child: ChildProcessByStdio<null, Readable, null>;
  /** What the bin had printed on stdout when `ready` said it was. */
  printed: string;
}

/**
 * Spawns the bin with `args` (Node's own flags in `nodeFlags`) and resolves once what it printed
 * satisfies `ready`; rejects if it exits before that.
 */
export async function spawnBin(args: readonly string[], ready: (printed: string) => boolean, nodeFlags: readonly string[] = []): Promise<SpawnedBin> {
  const child = spawn(process.execPath, [...nodeFlags, BIN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (ready(printed)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`zuora-emulator ${args[0] ?? ''} exited (${code}) before it was ready: ${printed}`)));
  });
  return { child, printed };
}
