// Scenario speed: the wall time of the whole scenario library and of the one-year scenario, each
// scenario on a fresh tenant and a fresh sync engine of an in-process emulator (as the CLI runs them).
// Part of `npm run bench`; alone: `npx tsx bench/scenarios.ts`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pc from 'picocolors';
import { environment } from './report.js';
import { filterByTags, findScenarioFiles, InProcessHost, loadFiles, runScenarios, type RunSummary, type Scenario } from '../scenarios/runner/index.js';

const LIBRARY = fileURLToPath(new URL('../scenarios/', import.meta.url));
const ONE_YEAR = 'one-year-monthly-renewals-with-usage.yaml';
const ONE_YEAR_RUNS = 3;
/** The CLI's default side-by-side runs on a machine of 4 or more cores. */
const CONCURRENCY = 4;

export interface ScenarioBench {
  scenarios: number;
  /** The library one scenario after another, and `CONCURRENCY` side by side. */
  librarySequentialMs: number;
  libraryConcurrentMs: number;
  /** The one-year scenario alone: each run, and the median. */
  oneYearRunsMs: number[];
  oneYearMedianMs: number;
  /** Steps of the one-year scenario, for a per-step cost. */
  oneYearSteps: number;
  perScenarioMs: Record<string, number>;
  /** Scenarios that failed (a bench with failures is a failed bench). */
  failures: string[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const failuresOf = (summary: RunSummary): string[] => summary.results.filter((result) => result.status === 'failed').map((result) => path.basename(result.file));

export async function benchScenarios(log: (line: string) => void = console.log): Promise<ScenarioBench> {
  const loaded = await loadFiles(await findScenarioFiles([LIBRARY]));
  if (loaded.failures.length > 0) throw new Error(`scenario files that do not load: ${loaded.failures.map((failure) => failure.file).join(', ')}`);
  const scenarios: Scenario[] = loaded.scenarios;
  const oneYear = scenarios.filter((scenario) => path.basename(scenario.file) === ONE_YEAR);
  if (oneYear.length !== 1) throw new Error(`${ONE_YEAR} is not in the library`);
  const host = await InProcessHost.start();
  try {
    // Unmeasured: module loading and JIT warm-up on the smallest scenarios.
    await runScenarios(filterByTags(scenarios, ['smoke']).slice(0, 1), { host });

    const sequential = await runScenarios(scenarios, { host, concurrency: 1 });
    log(`${'library, one at a time'.padEnd(44)} ${`${(sequential.durationMs / 1000).toFixed(2)} s`.padStart(9)}  ${scenarios.length} scenarios, ${sequential.passed} passed, ${sequential.failed} failed, ${sequential.skipped} pending`);
    const concurrent = await runScenarios(scenarios, { host, concurrency: CONCURRENCY });
    log(`${`library, ${CONCURRENCY} side by side`.padEnd(44)} ${`${(concurrent.durationMs / 1000).toFixed(2)} s`.padStart(9)}`);

    const runs: number[] = [];
    const failures = [...failuresOf(sequential), ...failuresOf(concurrent)];
    for (let run = 0; run < ONE_YEAR_RUNS; run += 1) {
      const summary = await runScenarios(oneYear, { host });
      runs.push(summary.durationMs);
      failures.push(...failuresOf(summary));
    }
    const steps = oneYear[0]?.steps.length ?? 0;
    const oneYearMedianMs = median(runs);
    log(`${'one year of monthly renewals with usage'.padEnd(44)} ${`${(oneYearMedianMs / 1000).toFixed(2)} s`.padStart(9)}  median of ${runs.map((ms) => `${ms} ms`).join(', ')}; ${steps} steps, ${(oneYearMedianMs / steps).toFixed(1)} ms a step (setup included)`);
    const perScenarioMs = Object.fromEntries(sequential.results.map((result) => [path.basename(result.file), result.durationMs]));
    const slowest = Object.entries(perScenarioMs).sort(([, a], [, b]) => b - a).slice(0, 3);
    log(pc.dim(`  slowest one at a time: ${slowest.map(([file, ms]) => `${file} ${ms} ms`).join(', ')}`));
    return {
      scenarios: scenarios.length,
      librarySequentialMs: sequential.durationMs,
      libraryConcurrentMs: concurrent.durationMs,
      oneYearRunsMs: runs,
      oneYearMedianMs,
      oneYearSteps: steps,
      perScenarioMs,
      failures: [...new Set(failures)],
    };
  } finally {
    await host.close();
  }
}

/** Written beside the load benchmarks' results. */
export async function writeScenarioResults(result: ScenarioBench): Promise<string> {
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const file = new URL('scenarios.json', dir);
  await writeFile(file, `${JSON.stringify({ environment: environment(), ...result }, null, 2)}\n`);
  return file.pathname;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(pc.cyan('-- scenarios: the library and the one-year scenario (fresh tenant and sync engine each)'));
  const result = await benchScenarios();
  console.log(pc.dim(`results in ${await writeScenarioResults(result)}`));
  if (result.failures.length > 0) {
    console.error(pc.red(pc.bold(`!!! BENCH FAILED: scenarios failed: ${result.failures.join(', ')}`)));
    process.exitCode = 1;
  }
}
