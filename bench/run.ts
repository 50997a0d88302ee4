// Entry for `npm run bench`: every scenario against an in-process emulator on 127.0.0.1.
import pc from 'picocolors';
import { benchCreates, measureCreates } from './accounts.js';
import { startBenchEmulator } from './emulator.js';
import { benchGrowth } from './growth.js';
import { benchReads } from './reads.js';
import { printHeader, printRow, printSection, writeResults, type Row } from './report.js';
import { benchScenarios, writeScenarioResults } from './scenarios.js';
import { benchTokens } from './tokens.js';

// Sized so the whole run stays under ~2 minutes on 2 cores.
const LEVELS = [1, 10, 50] as const;
const SECONDS_PER_LOAD = 2;
const READ_ACCOUNTS = 2_000;
const GROWTH_TOTAL = 20_000;
const GROWTH_BATCH = 2_000;
const GROWTH_CONNECTIONS = 10;

const rows: Row[] = [];
const emit = (row: Row): void => {
  rows.push(row);
  printRow(row);
};

/** Unmeasured load first, so the first rows are not paying for JIT compilation. */
async function warmUp(): Promise<void> {
  const bench = await startBenchEmulator('memory');
  try {
    await measureCreates(bench, 10, { duration: 2 });
  } finally {
    await bench.close();
  }
}

const started = performance.now();
console.log(pc.dim(`warming up (${process.version}, load generator and emulator share this process)`));
await warmUp();
printHeader();
printSection('token issue');
await benchTokens(LEVELS, SECONDS_PER_LOAD, emit);
printSection('account create, durable lowdb store (fresh temp dir per row)');
await benchCreates('durable', LEVELS, SECONDS_PER_LOAD, emit);
printSection('account create, in-memory store');
await benchCreates('memory', LEVELS, SECONDS_PER_LOAD, emit);
printSection(`account read, ${READ_ACCOUNTS} accounts created beforehand`);
await benchReads(READ_ACCOUNTS, LEVELS, SECONDS_PER_LOAD, emit);
printSection(`write cost as state grows: ${GROWTH_TOTAL} creates in batches of ${GROWTH_BATCH}, durable store`);
await benchGrowth(GROWTH_TOTAL, GROWTH_BATCH, GROWTH_CONNECTIONS, emit);
printSection('scenarios: the library and the one-year scenario, wall time (fresh tenant and sync engine each)');
const scenarioBench = await benchScenarios();
const scenarioFile = await writeScenarioResults(scenarioBench);

const totalSeconds = (performance.now() - started) / 1000;
const file = await writeResults(rows, totalSeconds);
const failed = rows.filter((row) => row.errors > 0);
console.log(pc.dim(`\n${rows.length} rows in ${totalSeconds.toFixed(1)} s; results in ${file} and ${scenarioFile}`));
if (scenarioBench.failures.length > 0) {
  console.error(pc.red(pc.bold(`!!! BENCH FAILED: scenarios failed: ${scenarioBench.failures.join(', ')}`)));
  process.exitCode = 1;
}
if (failed.length > 0) {
  const total = failed.reduce((sum, row) => sum + row.errors, 0);
  console.error(pc.red(pc.bold(`!!! BENCH FAILED: ${total} errors/non-2xx across ${failed.length} row(s): ${failed.map((row) => `${row.scenario} @${row.connections}`).join('; ')}`)));
  process.exitCode = 1;
}
