import { randomBytes } from 'node:crypto';
import qs from 'qs';
import type { CheckResult, NamedResult } from '../checks/registry.js';
import { runInOrder, type RunResult, type StepResult } from '../suites/runner.js';
import { interpolate, MissingVar } from '../suites/template.js';
import { shapeProblems, type StripeFixtures } from './shape.js';
import { STRIPE_SUITES, type StripeStep, type StripeSuite, type Vars } from './suites.js';

// Runs the Stripe suites against a Stripe API (the emulator's Stripe port, or api.stripe.com with a
// test-mode key): each step's answer gets three named checks, `status` (the one expected),
// `fixture-shape` (every key of Stripe's example object, same JSON types; skipped without the
// fixtures) and `behaviour` (what the sync engine counts on). The result is the Zuora suites' own,
// so the same console and JUnit reports print it.

export interface StripeRunOptions {
  /** Stripe's API base: `https://api.stripe.com`, or the emulator's Stripe port. */
  apiUrl: string;
  secretKey: string;
  /** Stripe's example objects; the shape check is skipped without them. */
  fixtures?: StripeFixtures;
  /** Names this run's data (`zemu-contract-<runId>`); random by default. */
  runId?: string;
  suites?: readonly StripeSuite[];
  onStep?: (result: StepResult, done: number, total: number) => void;
}

const pass: CheckResult = { outcome: 'pass' };
const fail = (message: string): CheckResult => ({ outcome: 'fail', message });
const skip = (message: string): CheckResult => ({ outcome: 'skip', message });

export async function runStripeSuites(options: StripeRunOptions): Promise<RunResult> {
  const started = performance.now();
  const runId = options.runId ?? randomBytes(4).toString('hex');
  const vars: Vars = { runId, prefix: `zemu-contract-${runId}` };
  const ran = await runInOrder(options.suites ?? STRIPE_SUITES, () => true, (suite, step: StripeStep) => runStep(suite, step, vars, options), options.onStep);
  return {
    runId,
    target: options.apiUrl,
    isEmulator: !/^https:\/\/api\.stripe\.com\/?$/.test(options.apiUrl),
    ...ran,
    durationMs: Math.round(performance.now() - started),
    vars,
  };
}

function shapeCheck(step: StripeStep, body: Record<string, any>, fixtures: StripeFixtures | undefined): CheckResult {
  if (!step.fixture) return skip('no fixture object for this answer');
  if (!fixtures) return skip("Stripe's fixtures were not given (--fixtures)");
  const object = step.shapeOf ? step.shapeOf(body) : body;
  if (object === undefined) return fail('the answer holds no object to check');
  const problems = shapeProblems(fixtures, object, step.fixture);
  return problems.length === 0 ? pass : fail(`${problems.length} difference(s) from the fixture: ${problems.slice(0, 5).join('; ')}`);
}

async function runStep(suite: string, step: StripeStep, vars: Vars, options: StripeRunOptions): Promise<StepResult> {
  const base = { suite, name: step.name, method: step.method, endpoint: step.path, checks: [] };
  let path: string;
  let params: Record<string, unknown>;
  let idempotencyKey: string | undefined;
  try {
    path = String(interpolate(step.path, vars));
    params = (interpolate(step.params ?? {}, vars) as Record<string, unknown>) ?? {};
    idempotencyKey = step.idempotencyKey === undefined ? undefined : String(interpolate(step.idempotencyKey, vars));
  } catch (error) {
    if (error instanceof MissingVar) return { ...base, outcome: 'skipped', reason: error.message };
    throw error;
  }
  const encoded = qs.stringify(params, { arrayFormat: 'indices', encodeValuesOnly: true });
  const url = `${options.apiUrl.replace(/\/+$/, '')}${path}${step.method !== 'POST' && encoded ? `?${encoded}` : ''}`;
  const began = performance.now();
  let response: Response;
  let body: Record<string, any>;
  try {
    response = await fetch(url, {
      method: step.method,
      headers: {
        authorization: `Bearer ${options.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(step.method === 'POST' ? { body: encoded } : {}),
    });
    body = (await response.json()) as Record<string, any>;
  } catch (error) {
    return { ...base, url, outcome: 'failed', reason: `request failed: ${(error as Error).message}` };
  }
  const durationMs = Math.round(performance.now() - began);
  const expected = step.status ?? 200;
  const checks: NamedResult[] = [
    { name: 'status', result: response.status === expected ? pass : fail(`answered ${response.status}, expected ${expected}: ${JSON.stringify(body).slice(0, 300)}`) },
    { name: 'fixture-shape', result: response.status === expected ? shapeCheck(step, body, options.fixtures) : skip('wrong status') },
    {
      name: 'behaviour',
      result: !step.behaviour ? skip('no behaviour to check') : response.status !== expected ? skip('wrong status') : ((message) => (message ? fail(message) : pass))(step.behaviour(body, vars, response.headers)),
    },
  ];
  if (step.as && response.status === expected) vars[step.as] = body;
  const failed = checks.some((check) => check.result.outcome === 'fail');
  return { ...base, url, requestBody: params, status: response.status, durationMs, outcome: failed ? 'failed' : 'passed', checks };
}
