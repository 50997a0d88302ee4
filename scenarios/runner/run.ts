import path from 'node:path';
import { catalogOver } from './catalogMerge.js';
import { HttpError } from './http.js';
import { interpolate, InterpolationError, type Captures } from './interpolate.js';
import { catalogReader, formatProblem, loadScenarioFile, ScenarioLoadError } from './load.js';
import type { ScenarioEnv, ScenarioHost } from './environment.js';
import { ExpectationError, STEP_RUNNERS } from './steps/index.js';
import { quiesce, type StepContext } from './steps/context.js';
import { newQueue, runFromQueue, type Lane } from './queue.js';
import { TimelineRecorder } from './timeline.js';
import type { Scenario, ScenarioResult, ScenarioStep, StepFailure, TimelineEntry } from './types.js';

// Runs scenarios: each on its own environment (a fresh tenant and engine in process), its steps in
// order, each step's consequences settled (the emulator quiet, callouts answered) before the next.
// The first failing step ends the scenario; the result carries the timeline up to it.

export interface RunOptions {
  host: ScenarioHost;
  /** Scenarios run side by side on the host, each on its own tenant and engine; 1 runs them one after the other. */
  concurrency?: number;
  /** Further lanes beside the host's (worker threads with emulators of their own, threads.ts), one scenario at a time each, taking them as the host's do. */
  lanes?: readonly Lane[];
  /** Stop starting scenarios after the first failure. */
  bail?: boolean;
  /** Told each result in the scenarios' order, whichever finishes first, so reports come out the same every run. */
  onResult?: (result: ScenarioResult) => void | Promise<void>;
}

export interface RunSummary {
  results: ScenarioResult[];
  passed: number;
  failed: number;
  /** Scenarios marked pending that failed as expected, and those not run because of --bail. */
  skipped: number;
  durationMs: number;
}

const round = (ms: number): number => Math.round(ms);

function summaryOf(args: Record<string, unknown>): string {
  const parts = Object.entries(args)
    .filter(([key]) => key !== 'as')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const text = parts.join(', ');
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** A whole-string ISO date or date-time, as written in a scenario file. */
const ABSOLUTE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Every date and date-time written in the step moved as the scenario's start was (a shared target
 * runs it later), and card expiry years with them, so a card never expires because the shared
 * clock has moved on.
 */
function shiftTimes(value: unknown, shift: (iso: string) => string): unknown {
  if (typeof value === 'string') return ABSOLUTE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? shift(value) : value;
  if (Array.isArray(value)) return value.map((item) => shiftTimes(item, shift));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, key === 'expYear' && Number.isInteger(item) ? Number(shift(`${String(item)}-06-01`).slice(0, 4)) : shiftTimes(item, shift)]),
    );
  }
  return value;
}

function messageOf(error: unknown): string {
  if (error instanceof HttpError || error instanceof InterpolationError || error instanceof ExpectationError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Puts the scenario's catalog into the engine: replacing its catalog, or (a shared engine) merged into it. */
async function loadCatalog(env: ScenarioEnv, catalog: Record<string, unknown>): Promise<void> {
  const body = env.mergeCatalog ? catalogOver(await env.http.syncOk('GET', '/api/catalog'), catalog as Record<string, Array<Record<string, unknown>>>) : catalog;
  await env.http.syncOk('POST', '/api/catalog', body);
}

/**
 * Runs one scenario on an environment of its own. A scenario marked `pending` that fails is
 * `pending` (its failure kept for the report); one that passes fails, so the mark gets removed.
 */
export async function runScenario(scenario: Scenario, host: ScenarioHost): Promise<ScenarioResult> {
  const outcome = await runUnmarked(scenario, host);
  if (scenario.pending === undefined) return outcome;
  if (outcome.status === 'failed') return { ...outcome, status: 'pending', pending: scenario.pending };
  return {
    ...outcome,
    status: 'failed',
    pending: scenario.pending,
    error: `passed, but it is marked pending ("${scenario.pending}"): the gap is closed, remove the mark`,
  };
}

async function runUnmarked(scenario: Scenario, host: ScenarioHost): Promise<ScenarioResult> {
  const started = performance.now();
  const timeline: TimelineEntry[] = [];
  const result = (status: ScenarioResult['status'], extra: Partial<ScenarioResult> = {}): ScenarioResult => ({
    file: scenario.file,
    name: scenario.name,
    tags: scenario.tags,
    status,
    durationMs: round(performance.now() - started),
    timeline,
    ...extra,
  });
  let env: ScenarioEnv;
  try {
    env = await host.open(scenario);
  } catch (error) {
    return result('failed', { error: `the scenario could not be set up: ${messageOf(error)}` });
  }
  const recorder = new TimelineRecorder(env.http, env.journals, env.mode === 'target' ? env.created : undefined, env.mode === 'in-process');
  const captures: Captures = new Map();
  captures.set('scenario', { name: scenario.name, start: env.start, tenant: env.tenant, file: scenario.file });
  const ctx: StepContext = { scenario, env, http: env.http, captures, recorder };
  let clock = env.start;
  const readClock = async (): Promise<string> => (await env.http.adminOk<{ now: string }>('GET', '/clock', undefined, true)).now;
  const setClock = (now: string) => {
    clock = now;
    captures.set('clock', { now, today: now.slice(0, 10) });
  };
  try {
    // Setup: connect the engine, load the catalog. Recorded as step 0 of the timeline.
    const setupStarted = performance.now();
    await recorder.baseline();
    setClock(await readClock());
    let setupError: string | undefined;
    try {
      await env.connect();
      if (scenario.catalog) await loadCatalog(env, scenario.catalog);
      await quiesce(ctx);
    } catch (error) {
      setupError = messageOf(error);
    }
    const setupDelta = await recorder.delta();
    timeline.push({
      index: 0,
      step: 'setup',
      summary: scenario.catalog ? `catalog: ${scenario.catalogSource === 'inline' || !scenario.catalogSource ? 'inline' : path.relative(process.cwd(), scenario.catalogSource)}` : 'no catalog',
      startedAt: clock,
      endedAt: clock,
      status: setupError ? 'failed' : 'passed',
      durationMs: round(performance.now() - setupStarted),
      calls: env.http.calls.splice(0).map(({ surface, method, path, status }) => ({ surface, method, path, status })),
      ...setupDelta,
      ...(setupError ? { error: setupError } : {}),
    });
    if (setupError) return result('failed', { error: `setup failed: ${setupError}`, tenant: env.tenant });

    for (const step of scenario.steps) {
      const failure = await runStep(ctx, step, timeline, clock, readClock, setClock);
      if (failure) return result('failed', { failure, tenant: env.tenant });
    }
    return result('passed', { tenant: env.tenant });
  } catch (error) {
    return result('failed', { error: messageOf(error), tenant: env.tenant });
  } finally {
    await env.close().catch(() => undefined);
  }
}

async function runStep(
  ctx: StepContext,
  step: ScenarioStep,
  timeline: TimelineEntry[],
  startedAt: string,
  readClock: () => Promise<string>,
  setClock: (now: string) => void,
): Promise<StepFailure | undefined> {
  const began = performance.now();
  let args: Record<string, unknown> = step.args;
  let failure: StepFailure | undefined;
  // Only expectations are known to do nothing but read, and only through ctx.http; any other step may
  // set work off by other means (a browser-like form post), so the tenant is not taken as quiet after it.
  if (!step.name.startsWith('expect.')) ctx.http.quietAt = undefined;
  try {
    const written = Date.parse(ctx.env.start) === Date.parse(ctx.scenario.start) ? step.args : (shiftTimes(step.args, ctx.env.shiftTime) as Record<string, unknown>);
    args = interpolate(written, ctx.captures);
    const runner = STEP_RUNNERS[step.name];
    if (!runner) throw new Error(`no runner for step ${step.name}`);
    const answer = await runner(ctx, args);
    if (typeof args.as === 'string') ctx.captures.set(args.as, answer);
  } catch (error) {
    failure = {
      step,
      message: messageOf(error),
      ...(error instanceof ExpectationError ? { diff: error.diff } : {}),
    };
  }
  // What the step set off is settled before it is recorded, so each step owns its consequences.
  let settleError: string | undefined;
  let endedAt: string | undefined;
  try {
    endedAt = await quiesce(ctx);
  } catch (error) {
    settleError = messageOf(error);
  }
  const delta = await ctx.recorder.delta();
  endedAt ??= await readClock();
  setClock(endedAt);
  if (!failure && settleError) failure = { step, message: `the emulator did not settle after the step: ${settleError}` };
  timeline.push({
    index: step.index,
    step: step.name,
    summary: summaryOf(args),
    startedAt,
    endedAt,
    status: failure ? 'failed' : 'passed',
    durationMs: round(performance.now() - began),
    calls: ctx.http.calls.splice(0).map(({ surface, method, path, status }) => ({ surface, method, path, status })),
    ...delta,
    ...(failure ? { error: failure.diff ? `${failure.message}\n${failure.diff}` : failure.message } : {}),
  });
  return failure;
}

/** A file that cannot be loaded is a failed scenario of its own, named after the file. */
function loadFailure(file: string, error: unknown): ScenarioResult {
  const message = error instanceof ScenarioLoadError ? error.problems.map(formatProblem).join('\n') : messageOf(error);
  return { file, name: file, tags: [], status: 'failed', durationMs: 0, error: message, timeline: [] };
}

export interface LoadedFiles {
  scenarios: Scenario[];
  /** Files that could not be loaded, as failed results. */
  failures: ScenarioResult[];
}

export async function loadFiles(files: readonly string[]): Promise<LoadedFiles> {
  const scenarios: Scenario[] = [];
  const failures: ScenarioResult[] = [];
  const readCatalog = catalogReader();
  for (const file of files) {
    try {
      scenarios.push(await loadScenarioFile(file, readCatalog));
    } catch (error) {
      failures.push(loadFailure(file, error));
    }
  }
  return { scenarios, failures };
}

/** Scenarios with any of the tags; all of them when no tag is given. */
export function filterByTags(scenarios: readonly Scenario[], tags: readonly string[]): Scenario[] {
  if (tags.length === 0) return [...scenarios];
  return scenarios.filter((scenario) => scenario.tags.some((tag) => tags.includes(tag)));
}

/**
 * The order lanes take the scenarios in (indexes). Several lanes: those with the most steps first, so
 * the run does not end waiting for a long scenario that started last (results are still told in the
 * files' order). One lane, or with --bail: the files' order, so a run stops where one in turn would.
 */
function startingOrder(scenarios: readonly Scenario[], lanes: number, bail: boolean): number[] {
  const indexes = scenarios.map((_, index) => index);
  if (lanes < 2 || bail) return indexes;
  return indexes.sort((a, b) => (scenarios[b] as Scenario).steps.length - (scenarios[a] as Scenario).steps.length || a - b);
}

export async function runScenarios(scenarios: readonly Scenario[], options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const results: ScenarioResult[] = new Array(scenarios.length);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const onHost: Lane = (queue, tell) => runFromQueue(queue, (scenario) => runScenario(scenario, options.host), tell);
  const lanes = [...Array.from({ length: concurrency }, () => onHost), ...(options.lanes ?? [])].slice(0, scenarios.length);
  const queue = newQueue(scenarios, startingOrder(scenarios, lanes.length, options.bail ?? false), options.bail ?? false);
  // Results are told in order: each waits for those before it.
  let told = 0;
  let telling = Promise.resolve();
  const tell = (all: boolean) => {
    telling = telling.then(async () => {
      for (; told < scenarios.length && (all || results[told] !== undefined); told += 1) {
        const result = results[told];
        if (result) await options.onResult?.(result);
      }
    });
    return telling;
  };
  await Promise.all(
    lanes.map((lane) =>
      lane(queue, (index, result) => {
        results[index] = result;
        return tell(false);
      }),
    ),
  );
  // After --bail, those never started leave gaps: the rest is told past them.
  await tell(true);
  const ran = results.filter((each): each is ScenarioResult => each !== undefined);
  return {
    results: ran,
    passed: ran.filter((each) => each.status === 'passed').length,
    failed: ran.filter((each) => each.status === 'failed').length,
    skipped: ran.filter((each) => each.status === 'pending').length + scenarios.length - ran.length,
    durationMs: round(performance.now() - started),
  };
}
