import { brief, runChecks } from '../checks/registry.js';
import type { Exchange, TargetClient } from '../http/client.js';
import { isRejection } from '../http/dialect.js';
import { runSuites } from '../suites/runner.js';
import { concretePath } from '../suites/template.js';
import type { Vars } from '../suites/types.js';
import { FUZZ_TARGETS } from './endpoints.js';
import { FIXTURE_SUITE, pathParams } from './fixtures.js';
import { fuzzInput, type FuzzInput } from './generate.js';
import { describeChange, takeFingerprint, type Fingerprint } from './state.js';

/** The registered checks that judge a fuzzed call (see contracts/checks/registry.ts). */
export const FUZZ_CHECKS: readonly string[] = [
  'not-server-error',
  'has-request-id',
  'valid-input-accepted-or-business-error',
  'invalid-input-rejected',
  'error-in-dialect-shape',
  'state-unchanged-after-rejection',
];

export interface FuzzOptions {
  target: TargetClient;
  seed: number;
  count: number;
  /** Replays just these input indexes (after the fixtures), instead of 0..count-1. */
  only?: readonly number[];
  /** Builds the replay command printed with each failure. */
  replayCommand?: (index: number) => string;
  /** Told after each input, for a progress display. */
  onInput?: (done: number, total: number) => void;
}

export interface EndpointTally {
  endpoint: string;
  valid: number;
  invalid: number;
  /** Valid inputs answered 2xx (V1: success true). */
  accepted: number;
  /** Valid inputs answered with a business error. */
  businessErrors: number;
  /** Invalid inputs rejected. */
  rejected: number;
}

export interface FuzzFailure {
  index: number;
  endpoint: string;
  kind: FuzzInput['kind'];
  valid: boolean;
  note?: string;
  requestBody: string;
  status?: number;
  responseBody?: string;
  failures: Array<{ check: string; message: string }>;
  replay: string;
}

export interface FuzzResult {
  seed: number;
  tried: number;
  tallies: EndpointTally[];
  failures: FuzzFailure[];
  /** Why the state check could not run, when it could not. */
  stateNote?: string;
  /** Fixture steps that did not pass: fuzzing still runs, but more inputs end as "not found". */
  fixtureProblems: string[];
  durationMs: number;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now();
  const { target, seed } = options;
  const fixtures = await runSuites({ target, suites: [FIXTURE_SUITE], runId: `fuzz${seed}` });
  const fixtureProblems = fixtures.suites
    .flatMap((suite) => suite.steps)
    .filter((step) => step.outcome !== 'passed')
    .map((step) => `${step.name}: ${step.reason ?? step.checks.find((check) => check.result.outcome === 'fail')?.name ?? step.outcome}`);
  const stateful = fixtures.isEmulator;
  let last: Fingerprint | undefined = stateful ? await takeFingerprint(target) : undefined;

  const tallies = new Map(FUZZ_TARGETS.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, { endpoint: `${endpoint.method} ${endpoint.path}`, valid: 0, invalid: 0, accepted: 0, businessErrors: 0, rejected: 0 }]));
  const failures: FuzzFailure[] = [];
  const indexes = options.only ?? Array.from({ length: options.count }, (_, index) => index);
  const replay = options.replayCommand ?? ((index: number) => `zuora-emulator contract fuzz --seed ${seed} --only ${index}`);

  for (const [position, index] of indexes.entries()) {
    options.onInput?.(position, indexes.length);
    const input = await fuzzInput(seed, index, fixtures.vars);
    const name = `${input.endpoint.method} ${input.endpoint.path}`;
    const tally = tallies.get(name) as EndpointTally;
    const failure = (list: FuzzFailure['failures'], exchange?: Exchange): FuzzFailure => ({
      index,
      endpoint: name,
      kind: input.kind,
      valid: input.valid,
      ...(input.note ? { note: input.note } : {}),
      requestBody: brief(input.body, 400),
      ...(exchange ? { status: exchange.status, responseBody: brief(exchange.body, 400) } : {}),
      failures: list,
      replay: replay(index),
    });

    let exchange: Exchange;
    try {
      exchange = await send(target, input, fixtures.vars);
    } catch (error) {
      failures.push(failure([{ check: 'request-completes', message: (error as Error).message }]));
      // A hung or crashed call may still have written; start the next comparison afresh.
      if (stateful) last = await takeFingerprint(target);
      continue;
    }
    let state: { before: string; after: string; changed: string[] } | undefined;
    if (stateful && last) {
      const after = await takeFingerprint(target);
      state = { before: last.digest, after: after.digest, changed: after.digest === last.digest ? [] : describeChange(last, after) };
      last = after;
    }
    const checks = runChecks({ exchange, expect: input.valid ? 'valid-input' : 'invalid-input', ...(state ? { state } : {}) }, FUZZ_CHECKS);
    const failed = checks.flatMap(({ name: check, result }) => (result.outcome === 'fail' ? [{ check, message: result.message }] : []));
    if (failed.length) failures.push(failure(failed, exchange));

    const rejected = isRejection(exchange.status, exchange.body);
    if (input.valid) {
      tally.valid += 1;
      if (rejected) tally.businessErrors += 1;
      else tally.accepted += 1;
    } else {
      tally.invalid += 1;
      if (rejected) tally.rejected += 1;
    }
  }
  return {
    seed,
    tried: indexes.length,
    tallies: [...tallies.values()],
    failures,
    ...(stateful ? {} : { stateNote: 'the target is not this emulator: no cheap whole-state read, so state-unchanged-after-rejection was not checked' }),
    fixtureProblems,
    durationMs: Math.round(performance.now() - started),
  };
}

function send(target: TargetClient, input: FuzzInput, fixtures: Vars): Promise<Exchange> {
  const { endpoint } = input;
  const path = concretePath(endpoint.path, pathParams(endpoint.path, fixtures), undefined, {});
  const options = { form: endpoint.form };
  return endpoint.unauthenticated ? target.unauthenticated(endpoint.method, path, input.body, options) : target.request(endpoint.method, path, input.body, options);
}
