// Entry for `npm run bench [-- --quick]`: the emulator and its ceilings measured in one run, each
// server in a child process of its own (its CPU time read from /proc), the load generator here.
// Writes bench/results/{latest,quick}.{json,html}. No figure fails the run; errors and failed
// scenarios do.
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { benchAdvance, type AdvanceRun } from './advance.js';
import type { Comparison } from './compare.js';
import { benchGrowth } from './growth.js';
import { benchRequests } from './requests.js';
import { environment, printComparison, printSection, printTargets, writeResults, type Results } from './report.js';
import { startServer } from './servers.js';
import { benchScenarios } from './scenarios.js';
import { benchStartup } from './startup.js';
import { session } from './tenant.js';
import { targetsOf } from './targets.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' } } });
const quick = flags.quick === true;

/** Quick: small sizes, under a minute, for CI on every change. Full: the issue's sizes. */
const SIZES = quick
  ? {
      requests: { seconds: 1, connections: 10, smallTenant: 100, largeTenant: 2_000 },
      growth: { batch: 100, connections: 10, measureAt: 2_000, targetObjects: 2_500 },
      advance: [5, 20],
      startRuns: 1,
      oneYearRuns: 1,
      // The library from the command line alone takes longer than the quick run may.
      library: false,
    }
  : {
      requests: { seconds: 5, connections: 10, smallTenant: 100, largeTenant: 100_000 },
      growth: { batch: 1_000, connections: 10, measureAt: 50_000, targetObjects: 66_000 },
      advance: [100, 1_000],
      startRuns: 3,
      oneYearRuns: 3,
      library: true,
    };

const started = performance.now();
console.log(pc.dim(`${quick ? 'quick' : 'full'} bench, ${process.version}, load average ${environment().loadAverage}; servers run in child processes`));

printSection('requests: emulator (in memory) beside a bare express app and a bare node:http server answering the same bytes');
const requests: Comparison[] = [];
{
  const emulator = await startServer('emulator');
  const ceilings = [await startServer('express'), await startServer('http')];
  try {
    await benchRequests(emulator, ceilings, await session(emulator), SIZES.requests, (row) => {
      requests.push(row);
      printComparison(row);
    });
  } finally {
    for (const server of [emulator, ...ceilings]) await server.stop();
  }
}

printSection(`sign-up orders as the state grows to ${SIZES.growth.targetObjects.toLocaleString('en')} objects (data directory), then a restart`);
const growth = await benchGrowth(SIZES.growth, console.log);
console.log(`  restart at ${growth.restart.objects.toLocaleString('en')} objects: ${growth.restart.startMs.toFixed(0)} ms to load and listen, ${growth.restart.readyMs.toFixed(0)} ms from spawn`);

printSection('clock.advance of one year');
const advance: AdvanceRun[] = [];
for (const subscriptions of SIZES.advance) {
  const run = await benchAdvance(subscriptions);
  advance.push(run);
  console.log(`  ${subscriptions} subscriptions: ${(run.wallMs / 1000).toFixed(2)} s (${run.cpuSeconds.toFixed(2)} CPU-s), ${run.jobsRun} jobs, ${run.callouts} callouts`);
}

printSection('ready time and memory of the bin (zuora-emulator start --port 0 --in-memory)');
const startup = await benchStartup(SIZES.startRuns);
console.log(`  ${startup.compiled ? 'compiled' : 'through tsx'}: ready in ${startup.readyMs.toFixed(0)} ms, RSS ${(startup.rssBytes / 1024 / 1024).toFixed(0)} MiB`);

printSection('scenarios');
const scenarios = await benchScenarios(SIZES.oneYearRuns, SIZES.library);
console.log(`  one-year scenario in the runner: ${scenarios.oneYearMedianMs.toFixed(0)} ms (runs ${scenarios.oneYearRunsMs.join(', ')}); ${scenarios.libraryCliMs === undefined ? 'library not run (quick)' : `library of ${scenarios.scenarios} from the command line: ${scenarios.libraryCliMs.toFixed(0)} ms`}`);

const partial: Omit<Results, 'targets'> = {
  environment: environment(),
  mode: quick ? 'quick' : 'full',
  totalSeconds: (performance.now() - started) / 1000,
  requests,
  growth,
  advance,
  startup,
  scenarios,
};
const results: Results = { ...partial, targets: targetsOf(partial) };
printSection('targets (issue 18; on a shared or loaded machine, judge the ratios)');
printTargets(results.targets);
const files = await writeResults(results);
console.log(pc.dim(`\n${results.totalSeconds.toFixed(1)} s; results in ${files.json} and ${files.html}`));

const errors = [...requests.flatMap((row) => [row.emulator, ...row.ceilings]), ...growth.batches].reduce((sum, measured) => sum + measured.errors, 0);
if (errors > 0) {
  console.error(pc.red(pc.bold(`!!! BENCH FAILED: ${errors} errors or unexpected answers under load`)));
  process.exitCode = 1;
}
if (scenarios.failures.length > 0) {
  console.error(pc.red(pc.bold(`!!! BENCH FAILED: scenarios failed: ${scenarios.failures.join(', ')}`)));
  process.exitCode = 1;
}
