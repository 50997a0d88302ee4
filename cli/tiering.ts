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
 * Tunes V8 for serving until the process exits. V8's flags are the process's, and the code cache
 * the bin writes as it exits carries them (bin/zuora-emulator.js): they are put back first, so the
 * cache suits the next run of any command.
 */
export function tuneForServing(): void {
  for (const flag of SERVING_FLAGS) setFlagsFromString(`--${flag.name}=${flag.serving}`);
  process.prependOnceListener('exit', () => {
    for (const flag of SERVING_FLAGS) setFlagsFromString(`--${flag.name}=${flag.v8Default}`);
  });
}
