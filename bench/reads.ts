import type autocannon from 'autocannon';
import { isAccount } from './accounts.js';
import { seedAccounts, startBenchEmulator, type BenchEmulator } from './emulator.js';
import { load } from './load.js';
import type { Row } from './report.js';

/** A GET that walks through `paths` so the load reads many records rather than one hot one. */
function rotatingGet(bench: BenchEmulator, paths: readonly string[]): autocannon.Request {
  let next = 0;
  return {
    method: 'GET',
    path: paths[0],
    headers: { authorization: `Bearer ${bench.token}` },
    setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
  };
}

/** V1 reports business errors (such as an unknown account) as HTTP 200 with `success: false`. */
const v1Succeeded = (body: string): boolean => body.includes('"success":true');

/** GET /v2/accounts/{id} and GET /v1/accounts/{number} over `accountCount` accounts created beforehand. */
export async function benchReads(accountCount: number, levels: readonly number[], seconds: number, emit: (row: Row) => void): Promise<void> {
  const bench = await startBenchEmulator('durable');
  try {
    const accounts = await seedAccounts(bench, accountCount);
    const note = `over ${accounts.length} accounts`;
    const v2 = accounts.map((account) => `/v2/accounts/${account.id}`);
    const v1 = accounts.map((account) => `/v1/accounts/${account.accountNumber}`);
    for (const connections of levels) {
      const result = await load({ url: bench.url, connections, duration: seconds, request: rotatingGet(bench, v2), verifyBody: isAccount });
      emit({ scenario: 'GET /v2/accounts/{id}', store: bench.kind, connections, ...result, note });
    }
    for (const connections of levels) {
      const result = await load({ url: bench.url, connections, duration: seconds, request: rotatingGet(bench, v1), verifyBody: v1Succeeded });
      emit({ scenario: 'GET /v1/accounts/{number}', store: bench.kind, connections, ...result, note });
    }
  } finally {
    await bench.close();
  }
}
