import { setFlagsFromString } from 'node:v8';

/** V8's own interrupt budget in the Node 20 this package pins (V8 11.3). */
const V8_INTERRUPT_BUDGET = 67_584;

/**
 * How much a function runs before V8 compiles it with its optimizing compiler while the emulator
 * serves: a quarter of V8's default. A server runs the same request paths for as long as it lives,
 * and with the default many of them stay in V8's baseline code for thousands of requests: sign-up
 * orders at 10 connections ran 20-40% faster from the second thousand on with this (bench/), the
 * first thousand as fast as before (the extra compiling runs on V8's background threads).
 */
const SERVING_INTERRUPT_BUDGET = 16_384;

/**
 * Tunes V8 for a long-lived server, until the process exits. V8's flags are the process's, and the
 * code cache the bin writes as it exits carries them (bin/zuora-emulator.js): they are put back first,
 * so the cache suits the next run of any command.
 */
export function tuneForServing(): void {
  setFlagsFromString(`--interrupt-budget=${SERVING_INTERRUPT_BUDGET}`);
  process.prependOnceListener('exit', () => setFlagsFromString(`--interrupt-budget=${V8_INTERRUPT_BUDGET}`));
}
