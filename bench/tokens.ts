import { startBenchEmulator, tokenForm } from './emulator.js';
import { load } from './load.js';
import type { Row } from './report.js';

const issuedToken = (body: string): boolean => body.includes('"access_token"');

/** POST /oauth/token: tokens are signed claims, not rows, so the store kind does not matter here. */
export async function benchTokens(levels: readonly number[], seconds: number, emit: (row: Row) => void): Promise<void> {
  const bench = await startBenchEmulator('memory');
  try {
    const request = {
      method: 'POST' as const,
      path: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tokenForm(bench.emulator),
    };
    for (const connections of levels) {
      const result = await load({ url: bench.url, connections, duration: seconds, request, verifyBody: issuedToken });
      emit({ scenario: 'POST /oauth/token', store: bench.kind, connections, ...result });
    }
  } finally {
    await bench.close();
  }
}
