// What a bench run found: printed as it goes, then written as JSON and as an HTML page with one
// hand-drawn SVG chart per group of rows.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import pc from 'picocolors';
import type { AdvanceRun } from './advance.js';
import type { Comparison, Measured } from './compare.js';
import type { Growth } from './growth.js';
import type { ScenarioBench } from './scenarios.js';
import type { Startup } from './startup.js';

/** A figure the issue sets a target for; the bench reports it, people judge. */
export interface Target {
  row: string;
  measured: string;
  target: string;
  met: boolean;
}

export interface Results {
  environment: Record<string, string | number>;
  mode: 'quick' | 'full';
  totalSeconds: number;
  requests: Comparison[];
  growth?: Growth;
  advance: AdvanceRun[];
  /** The same advance with state on a data directory (absent from results written before it was measured). */
  advanceOnDisk?: AdvanceRun[];
  startup?: Startup;
  scenarios?: ScenarioBench;
  /** Peers measured beside the emulator (`--peer prism`), with their time to listen. */
  peers: { kind: string; readyMs: number }[];
  targets: Target[];
}

const MIB = 1024 * 1024;
const fixed = (value: number, digits = 0): string => value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const printSection = (title: string): void => console.log(pc.cyan(`-- ${title}`));

function describe(measured: Measured): string {
  const errors = measured.errors > 0 ? pc.red(` ${measured.errors} errors`) : '';
  return `${fixed(measured.perCpuSecond)}/CPU-s (${fixed(measured.rps)}/s, p99 ${fixed(measured.p99, 2)} ms)${errors}`;
}

export function printComparison(row: Comparison): void {
  const ceilings = row.ceilings.map((ceiling) => `${ceiling.target} ${describe(ceiling)} -> ${pc.bold(`${fixed(ratio(row.emulator, ceiling), 2)}x`)}`);
  // A peer is a mock the emulator competes with, so its ratio reads the other way round.
  const peers = row.peers.map((peer) => `${peer.target} ${describe(peer)} -> emulator serves ${pc.bold(`${fixed(ratio(row.emulator, peer), 1)}x`)} per CPU-s`);
  console.log(`${pc.bold(row.name)} @${row.connections}: emulator ${describe(row.emulator)}\n    ${[...ceilings, ...peers].join('\n    ')}`);
}

/** The emulator's requests per CPU-second as a share of the ceiling's. */
export const ratio = (emulator: Measured, ceiling: Measured): number => (ceiling.perCpuSecond > 0 ? emulator.perCpuSecond / ceiling.perCpuSecond : 0);

export function printTargets(targets: readonly Target[]): void {
  for (const target of targets) {
    console.log(`${target.met ? pc.green('met    ') : pc.yellow('not met')} ${target.row.padEnd(58)} ${target.measured.padEnd(40)} target ${target.target}`);
  }
}

/** Machine facts that make a results file comparable with another one, the load on it included. */
export function environment(): Record<string, string | number> {
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadAverage: os.loadavg().map((load) => load.toFixed(2)).join(' '),
  };
}

export async function writeResults(results: Results): Promise<{ json: string; html: string }> {
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const json = new URL(`${results.mode === 'quick' ? 'quick' : 'latest'}.json`, dir);
  const html = new URL(`${results.mode === 'quick' ? 'quick' : 'latest'}.html`, dir);
  await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(html, page(results));
  return { json: json.pathname, html: html.pathname };
}

interface Bar {
  label: string;
  value: number;
  text: string;
  /** The emulator's bars stand out from the ceilings'. */
  emphasis?: boolean;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function barChart(title: string, bars: readonly Bar[]): string {
  const width = 760;
  const labelWidth = 300;
  const rowHeight = 22;
  const max = Math.max(...bars.map((bar) => bar.value), 1e-9);
  const rows = bars.map((bar, index) => {
    const y = index * rowHeight + 8;
    const length = Math.max(1, ((width - labelWidth - 120) * bar.value) / max);
    return `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escape(bar.label)}</text><rect x="${labelWidth}" y="${y + 2}" width="${length.toFixed(1)}" height="16" fill="${bar.emphasis ? '#2563eb' : '#9ca3af'}"/><text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 14}">${escape(bar.text)}</text>`;
  });
  return `<h2>${escape(title)}</h2><svg width="${width}" height="${bars.length * rowHeight + 16}" font-family="sans-serif" font-size="12">${rows.join('')}</svg>`;
}

function lineChart(title: string, xLabel: string, series: readonly { name: string; color: string; points: readonly [number, number][] }[]): string {
  const width = 760;
  const height = 240;
  const pad = 48;
  const xs = series.flatMap((line) => line.points.map(([x]) => x));
  const xMax = Math.max(...xs, 1);
  const charts = series.map((line, index) => {
    const yMax = Math.max(...line.points.map(([, y]) => y), 1e-9);
    const path = line.points.map(([x, y], at) => `${at === 0 ? 'M' : 'L'}${(pad + ((width - 2 * pad) * x) / xMax).toFixed(1)},${(height - pad - ((height - 2 * pad) * y) / yMax).toFixed(1)}`).join(' ');
    return `<path d="${path}" fill="none" stroke="${line.color}" stroke-width="2"/><text x="${pad + index * 260}" y="16" fill="${line.color}">${escape(line.name)} (top = ${fixed(yMax, 1)})</text>`;
  });
  const axis = `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#333"/><text x="${width / 2}" y="${height - 12}" text-anchor="middle">${escape(xLabel)} (0 - ${fixed(xMax)})</text>`;
  return `<h2>${escape(title)}</h2><svg width="${width}" height="${height}" font-family="sans-serif" font-size="12">${axis}${charts.join('')}</svg>`;
}

function page(results: Results): string {
  const charts: string[] = [];
  charts.push(
    barChart(
      'Requests per CPU-second of the server, emulator beside its ceilings',
      results.requests.flatMap((row) => [row.emulator, ...row.ceilings, ...row.peers].map((measured) => ({ label: `${row.name} · ${measured.target}`, value: measured.perCpuSecond, text: `${fixed(measured.perCpuSecond)}/CPU-s, p99 ${fixed(measured.p99, 2)} ms`, emphasis: measured.target === 'emulator' }))),
    ),
  );
  const growth = results.growth;
  if (growth) {
    charts.push(
      lineChart('Sign-up orders as the state grows (data directory)', 'objects in the tenant', [
        { name: 'sign-ups per CPU-second', color: '#2563eb', points: growth.batches.map((batch) => [batch.objects, batch.perCpuSecond]) },
        { name: 'worst latency in the batch, ms', color: '#dc2626', points: growth.batches.map((batch) => [batch.objects, batch.max]) },
      ]),
    );
  }
  const advances = [...results.advance, ...(results.advanceOnDisk ?? [])];
  if (advances.length > 0) {
    charts.push(
      barChart(
        'clock.advance of a year (monthly bill runs, a usage record and a callout per invoice)',
        advances.map((run) => ({ label: `${run.subscriptions} subscriptions${run.onDisk ? ' on a data directory' : ''}`, value: run.wallMs / 1000, text: `${fixed(run.wallMs / 1000, 2)} s (${fixed(run.cpuSeconds, 2)} CPU-s), ${run.jobsRun} jobs, ${run.callouts} callouts`, emphasis: !run.onDisk })),
      ),
    );
  }
  const start: Bar[] = [];
  if (results.startup) start.push({ label: `ready (${results.startup.compiled ? 'compiled' : 'through tsx'})`, value: results.startup.readyMs, text: `${fixed(results.startup.readyMs)} ms, RSS ${fixed(results.startup.rssBytes / MIB)} MiB`, emphasis: true });
  for (const peer of results.peers) start.push({ label: `${peer.kind} ready`, value: peer.readyMs, text: `${fixed(peer.readyMs)} ms` });
  if (growth) start.push({ label: `restart at ${fixed(growth.restart.objects)} objects`, value: growth.restart.startMs, text: `${fixed(growth.restart.startMs)} ms (${fixed(growth.restart.readyMs)} ms from spawn)`, emphasis: true });
  if (results.scenarios) {
    start.push({ label: 'one-year scenario (runner)', value: results.scenarios.oneYearMedianMs, text: `${fixed(results.scenarios.oneYearMedianMs)} ms` });
    const library = results.scenarios.libraryCliMs;
    if (library !== undefined) start.push({ label: `library of ${results.scenarios.scenarios} (command line)`, value: library, text: `${fixed(library)} ms` });
  }
  if (start.length > 0) charts.push(barChart('Start, restart and scenarios, milliseconds', start));
  const targets = results.targets.map((target) => `<tr><td>${target.met ? '✅ met' : '⚠️ not met'}</td><td>${escape(target.row)}</td><td>${escape(target.measured)}</td><td>${escape(target.target)}</td></tr>`).join('');
  const facts = Object.entries(results.environment).map(([key, value]) => `${escape(key)}: ${escape(String(value))}`).join(' · ');
  return `<!doctype html><meta charset="utf-8"><title>zuora-emulator bench (${results.mode})</title>
<style>body{font-family:sans-serif;max-width:820px;margin:2em auto}td{padding:2px 8px;border-bottom:1px solid #ddd}</style>
<h1>zuora-emulator bench (${results.mode})</h1><p>${facts} · ${fixed(results.totalSeconds, 1)} s</p>
<table><tr><th></th><th>row</th><th>measured</th><th>target</th></tr>${targets}</table>
${charts.join('\n')}
`;
}
