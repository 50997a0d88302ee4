import { measureCreates } from './accounts.js';
import { startBenchEmulator } from './emulator.js';
import type { Row } from './report.js';

/**
 * Creates accounts in equal batches on the durable store and reports each batch, so a write cost that
 * grows with state (scans, snapshot rewrites on compaction) shows up as falling req/s down the rows.
 */
export async function benchGrowth(total: number, batch: number, connections: number, emit: (row: Row) => void): Promise<void> {
  const bench = await startBenchEmulator('durable');
  try {
    for (let existing = 0; existing < total; existing += batch) {
      const amount = Math.min(batch, total - existing);
      const result = await measureCreates(bench, connections, { amount });
      const kb = (result.storeStats.journalBytes / 1024).toFixed(0);
      emit({
        scenario: `create ${existing}->${existing + amount}`,
        store: bench.kind,
        connections,
        ...result,
        note: `journal ${kb} KiB after`,
      });
    }
  } finally {
    await bench.close();
  }
}
