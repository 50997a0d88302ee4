import { randomBytes } from 'node:crypto';
import { runChecks, type NamedResult } from '../checks/registry.js';
import type { ResponseSpecSet } from '../checks/specs.js';
import type { Exchange, TargetClient } from '../http/client.js';
import { SUITES } from './all.js';
import { concretePath, interpolate, MissingVar } from './template.js';
import type { Step, Suite, Vars } from './types.js';

export interface RunOptions {
  target: TargetClient;
  /** Spec sets every answer is validated against (official first, then the subset). */
  specs?: readonly ResponseSpecSet[];
  /** Names this run's data (`zemu-contract-<runId>`); random by default. */
  runId?: string;
  suites?: readonly Suite[];
  /** Called as each step finishes, with how many of the run's steps are done, so a console can print as it goes. */
  onStep?: (result: StepResult, done: number, total: number) => void;
}

export interface StepResult {
  suite: string;
  name: string;
  method: string;
  /** The route (express-style) the step exercises. */
  endpoint: string;
  /** What was actually called, when it was. */
  url?: string;
  /** The body sent, after references were filled in. */
  requestBody?: unknown;
  status?: number;
  durationMs?: number;
  outcome: 'passed' | 'failed' | 'skipped';
  /** Why the step was skipped or could not be sent. */
  reason?: string;
  checks: NamedResult[];
}

export interface SuiteResult {
  name: string;
  steps: StepResult[];
}

export interface RunResult {
  runId: string;
  target: string;
  isEmulator: boolean;
  suites: SuiteResult[];
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  /** Everything the steps captured, plus the run facts (prefix, dates...). */
  vars: Vars;
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** The first day of the month after `day` (YYYY-MM-DD): when bill-cycle-day-1 accounts are billed. */
export function nextBillDate(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return isoDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
}

/** The target's today: the emulator's virtual clock when it is one, else the wall clock (UTC). */
async function targetToday(target: TargetClient, isEmulator: boolean): Promise<string> {
  if (isEmulator) {
    const clock = await target.admin('GET', '/clock');
    const now = (clock.body as { now?: unknown } | undefined)?.now;
    if (typeof now === 'string') return now.slice(0, 10);
  }
  return isoDay(new Date());
}

/** Runs the suites in order against the target; every step is reported, none throws. */
export async function runSuites(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const { target } = options;
  const runId = options.runId ?? randomBytes(4).toString('hex');
  const isEmulator = await target.isEmulator();
  const today = await targetToday(target, isEmulator);
  const vars: Vars = {
    runId,
    prefix: `zemu-contract-${runId}`,
    // Zuora caps unit of measure names at 25 characters.
    uomPrefix: `zemu-${runId}`,
    // Event type names are identifiers: no dashes.
    eventName: `ZemuContract${runId}`,
    ...target.credentials,
    today,
    nextBillDate: nextBillDate(today),
    // Test cards expire a few years after the target's today, so a clock moved on by earlier runs never finds them expired.
    cardExpiryYear: Number(today.slice(0, 4)) + 5,
  };
  const ran = await runInOrder(
    options.suites ?? SUITES,
    (step: Step) => !step.only || (step.only === 'emulator') === isEmulator,
    (suite, step) => runStep(suite, step, vars, options),
    options.onStep,
  );
  return { runId, target: target.baseUrl, isEmulator, ...ran, durationMs: Math.round(performance.now() - started), vars };
}

/**
 * Runs each suite's steps that `runs` keeps, in order, reporting each as it finishes with how many
 * are done of how many, and counts the outcomes. The Stripe suites run through it too.
 */
export async function runInOrder<T>(
  suites: readonly { name: string; steps: readonly T[] }[],
  runs: (step: T) => boolean,
  run: (suite: string, step: T) => Promise<StepResult>,
  onStep?: (result: StepResult, done: number, total: number) => void,
): Promise<Pick<RunResult, 'suites' | 'passed' | 'failed' | 'skipped'>> {
  const total = suites.reduce((sum, suite) => sum + suite.steps.filter(runs).length, 0);
  let done = 0;
  const results: SuiteResult[] = [];
  for (const suite of suites) {
    const steps: StepResult[] = [];
    for (const step of suite.steps.filter(runs)) {
      const result = await run(suite.name, step);
      steps.push(result);
      done += 1;
      onStep?.(result, done, total);
    }
    results.push({ name: suite.name, steps });
  }
  const all = results.flatMap((suite) => suite.steps);
  const count = (outcome: StepResult['outcome']) => all.filter((step) => step.outcome === outcome).length;
  return { suites: results, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

async function runStep(suite: string, step: Step, vars: Vars, options: RunOptions): Promise<StepResult> {
  const base = { suite, name: step.name, method: step.method, endpoint: step.path, checks: [] };
  let url: string;
  let body: unknown;
  try {
    url = concretePath(step.path, step.params, step.query, vars);
    body = step.build ? step.build(vars) : interpolate(step.body, vars);
  } catch (error) {
    if (error instanceof MissingVar) return { ...base, outcome: 'skipped', reason: error.message };
    throw error;
  }
  let exchange: Exchange;
  try {
    exchange = await send(step, url, body, options.target);
  } catch (error) {
    return { ...base, url, outcome: 'failed', reason: `request failed: ${(error as Error).message}` };
  }
  const checks =
    step.auth === 'admin'
      ? runChecks({ exchange, expect: 'success', expectedStatus: step.status }, ['status-is-success'])
      : runChecks({ exchange, expect: 'success', expectedStatus: step.status, specs: options.specs });
  const failed = checks.some((check) => check.result.outcome === 'fail');
  if (exchange.status >= 200 && exchange.status < 300) {
    if (step.as) vars[step.as] = exchange.body;
    if (step.capture) Object.assign(vars, step.capture(exchange.body, vars));
  }
  return { ...base, url, requestBody: body, status: exchange.status, durationMs: exchange.durationMs, outcome: failed ? 'failed' : 'passed', checks };
}

function send(step: Step, url: string, body: unknown, target: TargetClient): Promise<Exchange> {
  const options = { form: step.form ?? false };
  switch (step.auth ?? 'bearer') {
    case 'none':
      return target.unauthenticated(step.method, url, body, options);
    case 'admin':
      return target.admin(step.method, url.replace(/^\/__emulator/, ''), body);
    default:
      return target.request(step.method, url, body, options);
  }
}
