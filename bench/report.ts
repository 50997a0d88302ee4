import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import pc from 'picocolors';
import type { StoreKind, StoreStats } from './emulator.js';
import type { LoadResult } from './load.js';

export interface Row extends LoadResult {
  scenario: string;
  store: StoreKind;
  connections: number;
  /** Store counters for this row only (journalBytes is the level after it). */
  storeStats?: StoreStats;
  note?: string;
}

const columns = [
  ['scenario', 34],
  ['store', 8],
  ['conns', 5],
  ['req/s', 8],
  ['p50 ms', 7],
  ['p99 ms', 7],
  ['mean ms', 8],
  ['max ms', 7],
  ['errors', 6],
] as const;

const cell = (text: string, width: number, left = false): string => (left ? text.padEnd(width) : text.padStart(width));

export function printHeader(): void {
  const head = columns.map(([name, width], i) => cell(name, width, i < 2)).join(' ');
  console.log(pc.bold(`${head}  commits/flushes, notes`));
}

export function printSection(title: string): void {
  console.log(pc.cyan(`-- ${title}`));
}

export function printRow(row: Row): void {
  const values = [
    row.scenario,
    row.store,
    String(row.connections),
    row.rps.toFixed(0),
    row.p50.toFixed(2),
    row.p99.toFixed(2),
    row.mean.toFixed(2),
    row.max.toFixed(1),
    String(row.errors),
  ];
  const line = values.map((value, i) => cell(value, columns[i]![1], i < 2)).join(' ');
  console.log(`${row.errors > 0 ? pc.red(line) : line}  ${describeStats(row)}`);
  if (row.errors > 0) {
    console.log(pc.red(pc.bold(`!!! ${row.errors} errors/non-2xx in "${row.scenario}" (${row.store}, ${row.connections} conns): status codes ${JSON.stringify(row.statusCodes)}`)));
  }
}

function describeStats(row: Row): string {
  const parts: string[] = [];
  const stats = row.storeStats;
  if (stats && stats.commits > 0) {
    if (row.store === 'durable') {
      const perFlush = stats.flushes > 0 ? (stats.commits / stats.flushes).toFixed(1) : '-';
      parts.push(`${stats.commits}/${stats.flushes} (${perFlush} commits per fsync)`);
      if (stats.compactions > 0) parts.push(pc.yellow(`${stats.compactions} compaction(s)`));
    } else {
      parts.push(`${stats.commits}/- (no journal)`);
    }
  }
  if (row.note) parts.push(row.note);
  return parts.join(', ');
}

/** Machine facts that make a results file comparable with another one. */
export function environment(): Record<string, string | number> {
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    tmpdir: os.tmpdir(),
  };
}

export async function writeResults(rows: readonly Row[], totalSeconds: number): Promise<string> {
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const file = new URL('latest.json', dir);
  const errors = rows.reduce((sum, row) => sum + row.errors, 0);
  await writeFile(file, JSON.stringify({ environment: environment(), totalSeconds, errors, rows }, null, 2) + '\n');
  return file.pathname;
}
