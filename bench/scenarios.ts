// Scenario speed: the one-year scenario's own time inside the runner (fresh tenant and sync engine on
// an in-process emulator, as the CLI runs each scenario), and the whole library from the command line.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filterByTags, findScenarioFiles, InProcessHost, loadFiles, runScenarios, type RunSummary } from '../scenarios/runner/index.js';

const LIBRARY = fileURLToPath(new URL('../scenarios/', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/zuora-emulator.js', import.meta.url));
const ONE_YEAR = 'one-year-monthly-renewals-with-usage.yaml';

export interface ScenarioBench {
  scenarios: number;
  /** `zuora-emulator scenario run` over the library, from spawn to exit (not run in quick mode). */
  libraryCliMs?: number;
  /** The one-year scenario inside the runner: each run, and the median. */
  oneYearRunsMs: number[];
  oneYearMedianMs: number;
  /** Scenarios that failed (a bench with failures is a failed bench). */
  failures: string[];
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const failuresOf = (summary: RunSummary): string[] => summary.results.filter((result) => result.status === 'failed').map((result) => path.basename(result.file));

async function libraryFromCli(): Promise<{ ms: number; failed: boolean }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'scenario', 'run', LIBRARY], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { ms: performance.now() - started, failed: code !== 0 };
}

export async function benchScenarios(oneYearRuns: number, library: boolean): Promise<ScenarioBench> {
  const loaded = await loadFiles(await findScenarioFiles([LIBRARY]));
  if (loaded.failures.length > 0) throw new Error(`scenario files that do not load: ${loaded.failures.map((failure) => failure.file).join(', ')}`);
  const oneYear = loaded.scenarios.filter((scenario) => path.basename(scenario.file) === ONE_YEAR);
  if (oneYear.length !== 1) throw new Error(`${ONE_YEAR} is not in the library`);
  const failures: string[] = [];
  const host = await InProcessHost.start();
  const runs: number[] = [];
  try {
    // Unmeasured: module loading and JIT warm-up on the smallest scenario.
    await runScenarios(filterByTags(loaded.scenarios, ['smoke']).slice(0, 1), { host });
    for (let run = 0; run < oneYearRuns; run += 1) {
      const summary = await runScenarios(oneYear, { host });
      runs.push(summary.durationMs);
      failures.push(...failuresOf(summary));
    }
  } finally {
    await host.close();
  }
  const fromCli = library ? await libraryFromCli() : undefined;
  if (fromCli?.failed) failures.push('the library from the command line');
  return { scenarios: loaded.scenarios.length, ...(fromCli ? { libraryCliMs: fromCli.ms } : {}), oneYearRunsMs: runs, oneYearMedianMs: median(runs), failures: [...new Set(failures)] };
}
