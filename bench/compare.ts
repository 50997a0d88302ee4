// One request against the emulator and its ceilings (a bare express app and a bare node:http server
// answering the bytes the emulator answered), each measured as requests per CPU-second of its own
// process tree: on a small machine the load generator competes with the server, so wall-clock
// throughput would flatter the slower server.
import type autocannon from 'autocannon';
import { load, type LoadResult } from './load.js';
import type { Loadable } from './prism.js';
import type { BenchServer } from './servers.js';

export interface Measured extends LoadResult {
  target: string;
  cpuSeconds: number;
  /** Of `cpuSeconds`, the server's main thread's (where the server knows it). */
  mainThreadCpuSeconds?: number;
  /** Requests answered per CPU-second of the server's process tree. */
  perCpuSecond: number;
}

export interface Comparison {
  name: string;
  connections: number;
  emulator: Measured;
  ceilings: Measured[];
  /** Other mocks on the same request (`--peer prism`); their answers are their own, not checked. */
  peers: Measured[];
}

export interface Load {
  request: autocannon.Request;
  verifyBody: (body: string) => boolean;
  connections: number;
  /** Seconds, or an exact number of requests. */
  bound: { duration: number } | { amount: number };
}

/** One load against one server, with the CPU time its process tree spent meanwhile. */
export async function measure(server: Loadable, spec: Load, target: string = server.kind): Promise<Measured> {
  const before = server.cpuSeconds();
  const mainBefore = server.mainThreadCpuSeconds?.();
  const result = await load({ url: server.url, connections: spec.connections, ...spec.bound, request: spec.request, verifyBody: spec.verifyBody });
  const cpuSeconds = server.cpuSeconds() - before;
  const main = mainBefore === undefined ? {} : { mainThreadCpuSeconds: (server.mainThreadCpuSeconds?.() ?? mainBefore) - mainBefore };
  return { target, ...result, cpuSeconds, ...main, perCpuSecond: cpuSeconds > 0 ? result.requests / cpuSeconds : 0 };
}

/**
 * A request's CPU on the server's main thread and on its others (V8's compiler and garbage collector,
 * I/O), as `; N µs main thread, M µs other threads a request` for a bench line; empty where the main
 * thread's share is not known. While code is still being compiled optimized, the other threads take
 * nearly as much as the main one.
 */
export function threadsText(measured: Measured): string {
  if (measured.mainThreadCpuSeconds === undefined || measured.requests === 0) return '';
  const microseconds = (seconds: number): string => ((seconds / measured.requests) * 1e6).toFixed(0);
  return `; ${microseconds(measured.mainThreadCpuSeconds)} µs main thread, ${microseconds(measured.cpuSeconds - measured.mainThreadCpuSeconds)} µs other threads a request`;
}

/** The emulator's answer to the request, so the ceilings can answer the very same bytes. */
async function answerOf(server: BenchServer, request: autocannon.Request): Promise<{ status: number; contentType: string; body: string }> {
  const response = await fetch(server.url + (request.path ?? '/'), {
    method: request.method ?? 'GET',
    headers: request.headers as Record<string, string>,
    ...(request.body !== undefined ? { body: String(request.body) } : {}),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? 'application/json', body: await response.text() };
}

export async function compare(name: string, emulator: BenchServer, ceilings: readonly BenchServer[], spec: Load, peers: readonly Loadable[] = []): Promise<Comparison> {
  const answer = await answerOf(emulator, spec.request);
  const measured: Measured[] = [];
  for (const ceiling of ceilings) {
    await ceiling.answer(answer);
    measured.push(await measure(ceiling, spec));
  }
  const peered: Measured[] = [];
  for (const peer of peers) peered.push(await measure(peer, { ...spec, verifyBody: () => true }));
  return { name, connections: spec.connections, emulator: await measure(emulator, spec), ceilings: measured, peers: peered };
}
