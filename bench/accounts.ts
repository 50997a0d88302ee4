import { ACCOUNT_BODY, startBenchEmulator, statsDelta, type BenchEmulator, type StoreKind, type StoreStats } from './emulator.js';
import { load, type LoadResult } from './load.js';
import type { Row } from './report.js';

/** Both the create and the V2 read answer with the account; an error body has no account number. */
export const isAccount = (body: string): boolean => body.includes('"account_number"');

export function createRequest(bench: BenchEmulator) {
  return {
    method: 'POST' as const,
    path: '/v2/accounts',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bench.token}` },
    body: ACCOUNT_BODY,
  };
}

/** One create load with the store counters it caused, so group commit shows as commits > flushes. */
export async function measureCreates(
  bench: BenchEmulator,
  connections: number,
  bound: { duration: number } | { amount: number },
): Promise<LoadResult & { storeStats: StoreStats }> {
  const before = bench.stats();
  const result = await load({ url: bench.url, connections, ...bound, request: createRequest(bench), verifyBody: isAccount });
  return { ...result, storeStats: statsDelta(before, bench.stats()) };
}

/**
 * POST /v2/accounts throughput. Each level gets a fresh emulator so a row does not depend on how
 * much state the rows before it left behind (that is what the growth benchmark is for).
 */
export async function benchCreates(kind: StoreKind, levels: readonly number[], seconds: number, emit: (row: Row) => void): Promise<void> {
  for (const connections of levels) {
    const bench = await startBenchEmulator(kind);
    try {
      const result = await measureCreates(bench, connections, { duration: seconds });
      emit({ scenario: 'POST /v2/accounts', store: kind, connections, ...result });
    } finally {
      await bench.close();
    }
  }
}
