// Starts bench/server.ts in a child process and reads what it costs: CPU seconds of its process tree
// (from /proc, so the reading costs the server nothing) and resident memory.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Answer, FromServer, ServerKind, ToServer } from './server.js';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const HAS_PROC = existsSync('/proc/self/task');

export interface BenchServer {
  kind: ServerKind;
  url: string;
  pid: number;
  /** Time from spawn to the ready message (Node start and module loading included). */
  readyMs: number;
  /** Time the server itself took to start (the emulator's startEmulator, state loading included). */
  startMs: number;
  /** The emulator only: whether it ran the compiled dist/ (else the sources through tsx). */
  compiled?: boolean;
  clientId?: string;
  clientSecret?: string;
  adminToken?: string;
  /** CPU seconds the server's process tree has used so far. */
  cpuSeconds(): number;
  /** CPU seconds the server's main thread has used so far. */
  mainThreadCpuSeconds(): number;
  stats(): Promise<{ objects: number; rssBytes: number }>;
  /** Ceilings only: what to answer from now on. */
  answer(answer: Answer): Promise<void>;
  /** A clean stop (the emulator folds its journal); resolves when the process has exited. */
  stop(): Promise<void>;
}

export async function startServer(kind: ServerKind, env: Record<string, string> = {}): Promise<BenchServer> {
  const spawned = performance.now();
  // BENCH_SERVER_ARGS adds Node flags to the servers, such as `--cpu-prof --cpu-prof-dir=DIR` to profile them.
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = fork(SERVER, [kind], { execArgv: ['--import', 'tsx', ...extra], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextMessage(child, 'ready');
  const readyMs = performance.now() - spawned;
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    kind,
    url: ready.url,
    pid,
    readyMs,
    startMs: ready.startMs,
    ...(ready.compiled !== undefined ? { compiled: ready.compiled } : {}),
    ...(ready.clientId ? { clientId: ready.clientId, clientSecret: ready.clientSecret, adminToken: ready.adminToken } : {}),
    cpuSeconds: () => treeCpuSeconds(pid),
    mainThreadCpuSeconds: () => mainThreadCpuSeconds(pid),
    stats: async () => {
      const stats = await ask(child, { type: 'stats' }, 'stats');
      return { objects: stats.objects, rssBytes: stats.rssBytes };
    },
    answer: async (answer) => {
      await ask(child, { type: 'answer', answer }, 'answered');
    },
    stop: async () => {
      child.send({ type: 'stop' } satisfies ToServer);
      await exited;
    },
  };
}

function ask<T extends FromServer['type']>(child: ChildProcess, message: ToServer, reply: T): Promise<Extract<FromServer, { type: T }>> {
  const answered = nextMessage(child, reply);
  child.send(message);
  return answered;
}

function nextMessage<T extends FromServer['type']>(child: ChildProcess, type: T): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromServer): void => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<FromServer, { type: T }>);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`the bench server exited (${code}) before it answered ${type}`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * CPU time of a process and every descendant still running, summed over their threads from
 * /proc/<pid>/task/<tid>/schedstat (nanoseconds on the CPU: finer than stat's 10 ms ticks, which
 * would round a short load to nothing).
 */
export function treeCpuSeconds(pid: number): number {
  if (!HAS_PROC) throw new Error('reading CPU time needs /proc (Linux)');
  let nanoseconds = 0;
  for (const each of [pid, ...descendants(pid)]) {
    for (const task of tasksOf(each)) nanoseconds += taskCpuNanoseconds(each, task);
  }
  return nanoseconds / 1e9;
}

/**
 * CPU time of a process's main thread alone (where its JavaScript runs), apart from its other
 * threads: V8's compiler and garbage collector, libuv's I/O threads.
 */
export function mainThreadCpuSeconds(pid: number): number {
  if (!HAS_PROC) throw new Error('reading CPU time needs /proc (Linux)');
  return taskCpuNanoseconds(pid, String(pid)) / 1e9;
}

function taskCpuNanoseconds(pid: number, task: string): number {
  return Number(readOr(`/proc/${pid}/task/${task}/schedstat`).split(' ')[0] || 0);
}

/** Resident set size of a process, from /proc (bytes). */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readOr(`/proc/${pid}/status`));
  return match ? Number(match[1]) * 1024 : 0;
}

function tasksOf(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  for (const task of tasksOf(pid)) {
    for (const child of readOr(`/proc/${pid}/task/${task}/children`).split(' ').filter(Boolean).map(Number)) {
      found.push(child, ...descendants(child));
    }
  }
  return found;
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
