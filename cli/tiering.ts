import { readdirSync } from 'node:fs';
import { availableParallelism, constants, setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags tuned for a long-lived server, each with its own default in the Node 20 this package
 * pins (V8 11.3), to put back. A server runs the same broad request paths for as long as it lives:
 * - `interrupt-budget`, how much a function runs before V8 compiles it optimized: a quarter of the
 *   default. With the default many request paths stayed in baseline code for thousands of requests.
 * - `max-inlined-bytecode-size-cumulative`, how much V8 inlines into one optimized function: a third
 *   of the default. The request paths are wide rather than deep, and inlining whole call trees made
 *   each compile long (tens of ms for an order's steps) for code no faster to run.
 * Measured on sign-up orders at 10 connections (bench/growth.ts, per CPU-second of the server, 2 cores,
 * alternated with the defaults): the first thousand about the same (what is compiled sooner is paid
 * for on V8's background threads), the second thousand +50%, the third +16% (a compaction runs in
 * it); `clock.advance` of a year unchanged.
 */
const SERVING_FLAGS = [
  { name: 'interrupt-budget', serving: 16_384, v8Default: 67_584 },
  { name: 'max-inlined-bytecode-size-cumulative', serving: 300, v8Default: 920 },
] as const;

/**
 * Tunes V8 for serving until the process exits: its flags, and the priority of its background
 * threads. V8's flags are the process's, and the code cache the bin writes as it exits carries them
 * (bin/zuora-emulator.js): they are put back first, so the cache suits the next run of any command.
 */
export function tuneForServing(): void {
  for (const flag of SERVING_FLAGS) setFlagsFromString(`--${flag.name}=${flag.serving}`);
  process.prependOnceListener('exit', () => {
    for (const flag of SERVING_FLAGS) setFlagsFromString(`--${flag.name}=${flag.v8Default}`);
  });
  lowerV8ThreadPriority();
}

/**
 * V8 compiles optimized code, and does part of its garbage collection, on a pool of threads. On a
 * small machine those threads compete for the cores with the thread that answers requests: in the
 * first thousand sign-ups after a start, the answering thread waited for a core about 160 ms of the
 * 600 they took, while V8 compiled. At the lowest priority (nice 19) they take the time the answering
 * thread leaves; measured through the bin on 2 cores (6 alternated pairs, the first 1,000 sign-ups)
 * that was +8% to +23% sign-ups/s, with `clock.advance` of a year unchanged. The price: on a machine
 * whose cores are all busy with other work, V8 gets to its compiling later. Linux only (threads are
 * found under /proc, and elsewhere a thread's priority cannot be set apart); a system that refuses
 * the change just serves as before.
 */
function lowerV8ThreadPriority(): void {
  for (const thread of v8PoolThreads()) {
    try {
      setPriority(thread, constants.priority.PRIORITY_LOW);
    } catch {
      // Refused (a sandbox, a thread gone): the priority stays, which is only slower.
    }
  }
}

/**
 * The threads of V8's pool. Node starts them before any JavaScript runs, right after the main
 * thread: first the one that schedules delayed tasks, then the workers. Thread ids grow in the
 * order threads start (until the system's ids wrap round), so they are the lowest after the main
 * thread's; libuv's I/O threads, which write the journal and so must keep their priority, start
 * later.
 */
function v8PoolThreads(): number[] {
  let threads: number[];
  try {
    threads = readdirSync('/proc/self/task').map(Number);
  } catch {
    return [];
  }
  const afterMain = threads.filter((thread) => thread > process.pid).sort((a, b) => a - b);
  return afterMain.slice(0, 1 + v8PoolSize());
}

/** V8's pool size as Node sets it: `--v8-pool-size`, where 0 means one fewer than the cores, else 4. */
function v8PoolSize(): number {
  const options = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  const given = /--v8-pool-size[= ](\d+)/.exec(options)?.[1];
  if (given === undefined) return 4;
  return Number(given) > 0 ? Number(given) : Math.max(1, availableParallelism() - 1);
}
