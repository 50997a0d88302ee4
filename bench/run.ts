// Entry for `npm run bench [-- --quick]`: the emulator and its ceilings measured in one run, each
// server in a child process of its own (its CPU time read from /proc), the load generator here.
// Writes bench/results/{latest,quick}.{json,html}. No figure fails the run; errors and failed
// scenarios do.
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { benchAdvance, type AdvanceRun } from './advance.js';
import { threadsText, type Comparison } from './compare.js';
import { benchDefaultStart, type DefaultStartRun } from './defaultStart.js';
import { benchGrowth } from './growth.js';
import { findPrism, startPrism, type Peer } from './prism.js';
import { benchRequests, type PeersBySpec } from './requests.js';
import { environment, printComparison, printSection, printTargets, writeResults, type Results } from './report.js';
import { startServer } from './servers.js';
import { benchScenarios } from './scenarios.js';
import { benchStartup } from './startup.js';
import { session } from './tenant.js';
import { targetsOf } from './targets.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, peer: { type: 'string', multiple: true } } });
const quick = flags.quick === true;
const unknownPeers = (flags.peer ?? []).filter((peer) => peer !== 'prism');
if (unknownPeers.length > 0) {
  console.error(`unknown --peer ${unknownPeers.join(', ')}: the bench knows prism`);
  process.exit(2);
}

/** Quick: small sizes, under a minute, for CI on every change. Full: the issue's sizes. */
const SIZES = quick
  ? {
      requests: { seconds: 1, connections: 10, smallTenant: 100, largeTenant: 2_000 },
      growth: { batch: 100, connections: 10, measureAt: 2_000, targetObjects: 2_500 },
      advance: [5, 20],
      advanceOnDisk: [20],
      defaultStart: { signUps: 100, advanceSignUps: 0 },
      startRuns: 1,
      oneYearRuns: 1,
      // The library from the command line alone takes longer than the quick run may.
      library: false,
    }
  : {
      requests: { seconds: 5, connections: 10, smallTenant: 100, largeTenant: 100_000 },
      growth: { batch: 1_000, connections: 10, measureAt: 50_000, targetObjects: 66_000 },
      advance: [100, 1_000],
      // On disk as `zuora-emulator start` keeps state by default: a thousand adds some 8 s to the run,
      // its sign-ups and usage included.
      advanceOnDisk: [100, 1_000],
      // Then a year over a smaller tenant (this many sign-ups and a warm-up batch of half as many).
      defaultStart: { signUps: 1_000, advanceSignUps: 100 },
      startRuns: 3,
      oneYearRuns: 3,
      library: true,
    };

const started = performance.now();
console.log(pc.dim(`${quick ? 'quick' : 'full'} bench, ${process.version}, load average ${environment().loadAverage}; servers run in child processes`));

printSection('requests: emulator (in memory) beside a bare express app and a bare node:http server answering the same bytes');
const requests: Comparison[] = [];
let emulatorCode = 'sources through tsx';
const peers = await startPeers(flags.peer?.includes('prism') === true);
{
  const emulator = await startServer('emulator');
  if (emulator.compiled) emulatorCode = 'compiled dist/';
  console.log(emulator.compiled ? '  emulator: the compiled dist/' : pc.yellow('  emulator: the sources through tsx (dist/ is missing or older than the sources: npm run build)'));
  const ceilings = [await startServer('express'), await startServer('http')];
  try {
    await benchRequests(emulator, ceilings, await session(emulator), SIZES.requests, peers, (row) => {
      requests.push(row);
      printComparison(row);
    });
  } finally {
    for (const server of [emulator, ...ceilings, ...peers.v1, ...peers.quickstart]) await server.stop();
  }
}

/** Prism on the V1 and the Quickstart subsets when asked for and installed; none otherwise. */
async function startPeers(prism: boolean): Promise<PeersBySpec> {
  if (!prism) return { v1: [], quickstart: [] };
  const executable = findPrism();
  if (!executable) {
    console.log(pc.yellow('  --peer prism: @stoplight/prism-cli is not installed (npm install --no-save @stoplight/prism-cli, or set PRISM_BIN); measuring without it'));
    return { v1: [], quickstart: [] };
  }
  const started: PeersBySpec = { v1: [await startPrism(executable, 'v1')], quickstart: [await startPrism(executable, 'quickstart')] };
  for (const peer of [...started.v1, ...started.quickstart]) console.log(`  ${peer.kind} ready in ${peer.readyMs.toFixed(0)} ms`);
  return started;
}

printSection(`sign-up orders as the state grows to ${SIZES.growth.targetObjects.toLocaleString('en')} objects (data directory), then a restart`);
const growth = await benchGrowth(SIZES.growth, console.log);
console.log(`  restart at ${growth.restart.objects.toLocaleString('en')} objects: ${growth.restart.startMs.toFixed(0)} ms to load and listen, ${growth.restart.readyMs.toFixed(0)} ms from spawn`);

const percentMore = (value: number, base: number): string => `${value >= base ? '+' : ''}${((100 * value) / base - 100).toFixed(0)}%`;

printSection('clock.advance of one year, in memory, then on a data directory');
const advance: AdvanceRun[] = [];
const advanceOnDisk: AdvanceRun[] = [];
for (const [runs, sizes, onDisk] of [
  [advance, SIZES.advance, false],
  [advanceOnDisk, SIZES.advanceOnDisk, true],
] as const) {
  for (const subscriptions of sizes) {
    const run = await benchAdvance(subscriptions, onDisk);
    runs.push(run);
    // The default `zuora-emulator start` keeps state on disk: that run beside the same one in memory (no target in the issue).
    const inMemory = onDisk ? advance.find((earlier) => earlier.subscriptions === subscriptions) : undefined;
    const beside = inMemory ? `; ${percentMore(run.wallMs, inMemory.wallMs)} wall, ${percentMore(run.cpuSeconds, inMemory.cpuSeconds)} CPU vs in memory` : '';
    console.log(`  ${subscriptions} subscriptions${onDisk ? ' on a data directory' : ''}: ${(run.wallMs / 1000).toFixed(2)} s (${run.cpuSeconds.toFixed(2)} CPU-s), ${run.jobsRun} jobs, ${run.callouts} callouts${beside}`);
  }
}

printSection('sign-up orders through the bin as a user starts it (zuora-emulator start on a data directory), sync engine connected and --no-sync');
const defaultStart: DefaultStartRun[] = [];
const { signUps, advanceSignUps } = SIZES.defaultStart;
for (const [sync, amount, advanceYear] of [
  [true, signUps, false],
  [false, signUps, false],
  ...(advanceSignUps > 0 ? ([[true, advanceSignUps, true], [false, advanceSignUps, true]] as const) : []),
] as const) {
  const run = await benchDefaultStart(sync, amount, SIZES.growth.connections, advanceYear);
  defaultStart.push(run);
  const year = run.advance ? `; then a year: ${(run.advance.wallMs / 1000).toFixed(2)} s (${run.advance.cpuSeconds.toFixed(2)} CPU-s), ${run.advance.jobsRun} jobs, ${run.advance.callouts} callouts` : '';
  console.log(`  ${run.target}: ${run.perCpuSecond.toFixed(0)}/CPU-s (${run.rps.toFixed(0)}/s, p99 ${run.p99.toFixed(1)} ms${threadsText(run)}), ${run.callouts} callouts${year}`);
}

printSection('ready time and memory of the bin (zuora-emulator start --port 0 --in-memory)');
const startup = await benchStartup(SIZES.startRuns);
console.log(`  ${startup.compiled ? 'compiled' : 'through tsx'}: ready in ${startup.readyMs.toFixed(0)} ms, RSS ${(startup.rssBytes / 1024 / 1024).toFixed(0)} MiB`);

printSection('scenarios');
const scenarios = await benchScenarios(SIZES.oneYearRuns, SIZES.library);
console.log(`  one-year scenario in the runner: ${scenarios.oneYearMedianMs.toFixed(0)} ms (runs ${scenarios.oneYearRunsMs.join(', ')}); ${scenarios.libraryCliMs === undefined ? 'library not run (quick)' : `library of ${scenarios.scenarios} from the command line: ${scenarios.libraryCliMs.toFixed(0)} ms`}`);

const partial: Omit<Results, 'targets'> = {
  environment: { ...environment(), emulator: emulatorCode },
  mode: quick ? 'quick' : 'full',
  totalSeconds: (performance.now() - started) / 1000,
  requests,
  growth,
  advance,
  advanceOnDisk,
  defaultStart,
  startup,
  scenarios,
  peers: [...peers.v1, ...peers.quickstart].map((peer: Peer) => ({ kind: peer.kind, readyMs: peer.readyMs })),
};
const results: Results = { ...partial, targets: targetsOf(partial) };
printSection(
  quick
    ? 'targets (issue 18) at quick sizes: the first batch is 100 sign-ups of a cold process and the tenants are small, so these rows are not the issue\'s; the full run measures those'
    : 'targets (issue 18; on a shared or loaded machine, judge the ratios)',
);
printTargets(results.targets);
const files = await writeResults(results);
console.log(pc.dim(`\n${results.totalSeconds.toFixed(1)} s; results in ${files.json} and ${files.html}`));

const errors = [...requests.flatMap((row) => [row.emulator, ...row.ceilings]), ...growth.batches, ...defaultStart].reduce((sum, measured) => sum + measured.errors, 0);
if (errors > 0) {
  console.error(pc.red(pc.bold(`!!! BENCH FAILED: ${errors} errors or unexpected answers under load`)));
  process.exitCode = 1;
}
if (scenarios.failures.length > 0) {
  console.error(pc.red(pc.bold(`!!! BENCH FAILED: scenarios failed: ${scenarios.failures.join(', ')}`)));
  process.exitCode = 1;
}
