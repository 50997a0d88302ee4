import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_NAMES, runChecks } from '../contracts/checks/registry.js';
import { withoutSpecDefects } from '../contracts/checks/specDefects.js';
import { officialSpecSet, subsetSpecSet, type ResponseSpecSet } from '../contracts/checks/specs.js';
import type { Exchange } from '../contracts/http/client.js';
import { TargetClient } from '../contracts/http/client.js';
import { SEED_ENDPOINTS } from '../contracts/subset/seeds.js';
import { SubsetSpecs } from '../contracts/subset/validate.js';
import { consoleReport, junitReport, runSuites, SUITE_ENDPOINTS, type RunResult } from '../contracts/suites/index.js';
import { consoleLine } from '../contracts/suites/report.js';
import { ROUTE_TABLES } from '../emulator/index.js';
import { useTenant } from './helpers/emulator.js';
import { describeOfficial, officialSpecDir, officialSpecs } from './helpers/officialSpec.js';
import { CLI } from './helpers/cli.js';

// The contract suites run in CI against an in-process emulator: every seed endpoint, in order, each
// answer checked by every registered check and validated against Zuora's official spec (or, where
// that has no such operation, the project's subset).
const env = useTenant();
let result: RunResult;
let specs: ResponseSpecSet[];

beforeAll(async () => {
  specs = [...(officialSpecDir ? [officialSpecSet(await officialSpecs())] : []), subsetSpecSet(new SubsetSpecs())];
  const target = new TargetClient({ baseUrl: env.url, ...env.credentials, adminToken: env.adminToken });
  result = await runSuites({ target, specs, runId: 'ci' });
});

const steps = () => result.suites.flatMap((suite) => suite.steps);
const key = (endpoint: { method: string; path: string }) => `${endpoint.method} ${endpoint.path}`;

describe('contract suites against the emulator', () => {
  it('pass every step', () => {
    expect(steps().filter((step) => step.outcome !== 'passed').map(consoleLine)).toEqual([]);
    expect(result.isEmulator).toBe(true);
    expect(result.failed).toBe(0);
    expect(result.passed).toBe(steps().length);
    expect(consoleReport(result)).toMatch(new RegExp(`^${result.passed} passed, 0 failed \\(\\d+ ms\\)$`, 'm'));
  });

  it('validate every Zuora answer against a spec, the official one where it has the operation', () => {
    const zuoraSteps = steps().filter((step) => !step.endpoint.startsWith('/__emulator'));
    const validatedBy = (step: (typeof zuoraSteps)[number]) =>
      step.checks.filter((check) => check.name.startsWith('matches-') && check.result.outcome === 'pass').map((check) => check.name);
    for (const step of zuoraSteps) expect(validatedBy(step), `${step.suite} › ${step.name}`).toHaveLength(1);
    if (officialSpecDir) {
      // Only the endpoints no saved Zuora spec has fall back to the subset.
      const bySubset = zuoraSteps.filter((step) => validatedBy(step)[0] === 'matches-subset-spec').map((step) => `${step.method} ${step.endpoint}`);
      expect([...new Set(bySubset)].sort()).toEqual(['GET /v1/settings/payment-terms', 'PUT /objects/definitions/:object_type']);
    }
  });

  it('carry ids from step to step and date the work on the tenant clock', () => {
    const [account] = steps().filter((step) => step.name === 'get account (V1)');
    expect(account?.url).toMatch(/^\/v1\/accounts\/A\d{8}$/);
    const payment = steps().find((step) => step.name === 'pay the invoice (external payment)');
    const invoice = steps().find((step) => step.name === 'get invoice (CRUD)');
    expect(invoice?.url).toMatch(/^\/v1\/object\/invoice\/[0-9a-f]{32}$/);
    // The emulator's clock moved to the next bill run; the payment is dated on that day.
    expect((payment?.requestBody as { effectiveDate: string }).effectiveDate).toBe(result.vars.nextBillDate);
    expect(result.vars.prefix).toBe('zemu-contract-ci');
  });

  it('exercise every endpoint the seeds name, each one the emulator serves', () => {
    const exercised = new Set(SUITE_ENDPOINTS.map(key));
    expect(SEED_ENDPOINTS.map(key).filter((endpoint) => !exercised.has(endpoint))).toEqual([]);
    const served = new Set(ROUTE_TABLES.flatMap((table) => table.routes.map(key)));
    expect(SUITE_ENDPOINTS.map(key).filter((endpoint) => !served.has(endpoint))).toEqual([]);
    // The admin API is how the suites move the clock, not an endpoint they cover.
    expect(SUITE_ENDPOINTS.some((endpoint) => endpoint.path.startsWith('/__emulator'))).toBe(false);
  });

  it('report as JUnit XML: one testsuite per suite, one testcase per step', () => {
    const xml = junitReport(result);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(result.suites.length);
    expect(xml.match(/<testcase /g)).toHaveLength(steps().length);
    expect(xml).toContain(`tests="${steps().length}" failures="0"`);
    // Every element that opens closes, and text is escaped.
    expect(xml.match(/<testsuite /g)?.length).toBe(xml.match(/<\/testsuite>/g)?.length);
    expect(xml).toContain('POST /oauth/token -&gt; 200');
  });
});

/** A made-up answer, for checking the checks. */
function exchange(overrides: Partial<Exchange>): Exchange {
  return {
    method: 'GET',
    path: '/v2/accounts/A00000001',
    requestBody: undefined,
    status: 200,
    headers: new Headers({ 'Zuora-Request-Id': '8a5f6c3e-0000-4000-8000-000000000001' }),
    body: {},
    durationMs: 1,
    ...overrides,
  };
}

const outcomes = (...args: Parameters<typeof runChecks>) => Object.fromEntries(runChecks(...args).map(({ name, result: r }) => [name, r.outcome]));

describe('the check registry', () => {
  it('lists each check once, by name', () => {
    expect(new Set(CHECK_NAMES).size).toBe(CHECK_NAMES.length);
    expect(CHECK_NAMES).toEqual(expect.arrayContaining(['status-is-success', 'matches-official-spec', 'has-request-id', 'v1-success-true', 'not-server-error']));
  });

  it('fails a V1 business error, a 5xx and a missing request id in a suite step', () => {
    const v1Failure = exchange({ path: '/v1/accounts/A1', body: { success: false, processId: 'X', reasons: [{ code: 50000040, message: 'no' }] } });
    expect(outcomes({ exchange: v1Failure, expect: 'success' })).toMatchObject({ 'v1-success-true': 'fail', 'error-in-dialect-shape': 'pass', 'status-is-success': 'pass' });
    const crash = exchange({ status: 500, headers: new Headers(), body: { type: 'internal_server_error', errors: [], retryable: true } });
    expect(outcomes({ exchange: crash, expect: 'success' })).toMatchObject({ 'not-server-error': 'fail', 'status-is-success': 'fail', 'has-request-id': 'fail' });
    expect(outcomes({ exchange: exchange({ status: 201 }), expect: 'success', expectedStatus: 204 })['status-is-success']).toBe('fail');
  });

  it('judges error shapes per dialect', () => {
    const v2 = exchange({ status: 400, body: { type: 'bad_request', errors: [{ code: 'invalid_parameter', parameter: 'name', message: 'x' }], retryable: false } });
    expect(outcomes({ exchange: v2, expect: 'invalid-input' })).toMatchObject({ 'error-in-dialect-shape': 'pass', 'invalid-input-rejected': 'pass' });
    const v1Shaped = exchange({ status: 400, body: { success: false, reasons: [{ code: 5, message: 'x' }] } });
    expect(outcomes({ exchange: v1Shaped, expect: 'invalid-input' })['error-in-dialect-shape']).toBe('fail');
    const accepted = exchange({ path: '/v1/orders', method: 'POST', body: { success: true } });
    expect(outcomes({ exchange: accepted, expect: 'invalid-input' })['invalid-input-rejected']).toBe('fail');
  });

  it('fails a rejected write that changed state', () => {
    const rejected = exchange({ status: 400, body: { type: 'bad_request', errors: [{ code: 'invalid_parameter', parameter: 'x', message: 'x' }], retryable: false } });
    const state = { before: 'a', after: 'b', changed: ['Account/1 changed'] };
    expect(outcomes({ exchange: rejected, expect: 'invalid-input', state })['state-unchanged-after-rejection']).toBe('fail');
    expect(outcomes({ exchange: rejected, expect: 'invalid-input', state: { ...state, after: 'a' } })['state-unchanged-after-rejection']).toBe('pass');
  });
});

describeOfficial("the checks against Zuora's official spec", () => {
  it('fail an answer that does not fit, and skip an operation the spec lacks', async () => {
    const official = [officialSpecSet(await officialSpecs())];
    const wrong = exchange({ body: { id: 'x', account_number: 5 } });
    const [check] = runChecks({ exchange: wrong, expect: 'success', specs: official }, ['matches-official-spec']);
    expect(check?.result).toMatchObject({ outcome: 'fail', message: expect.stringContaining('/account_number must be string') });
    const unknown = exchange({ path: '/v1/settings/payment-terms' });
    expect(runChecks({ exchange: unknown, expect: 'success', specs: official }, ['matches-official-spec'])[0]?.result.outcome).toBe('skip');
  });

  it('the suites send request bodies Zuora accepts', async () => {
    const official = await officialSpecs();
    const problems: string[] = [];
    for (const step of steps()) {
      if (step.requestBody === undefined || !step.url) continue;
      // The seeds call events and notifications under /v1; the spec has them bare.
      const match = official.matchOperation(step.method, step.url.replace(/^\/v1(?=\/(events|notifications)\/)/, ''));
      if (!match) continue;
      const form = step.endpoint === '/oauth/token' ? 'application/x-www-form-urlencoded' : undefined;
      const errors = withoutSpecDefects(match.method, match.path, official.requestValidator(match.spec, match.method, match.path, form)(step.requestBody).errors);
      if (errors.length) problems.push(`${step.suite} › ${step.name}: ${errors.join('; ')}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('zuora-emulator contract run', () => {

  it('runs the suites against a target URL and writes JUnit XML', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zemu-contract-'));
    try {
      const out = path.join(dir, 'junit.xml');
      const { clientId, clientSecret } = env.credentials;
      const args = [...CLI, 'contract', 'run', '--target', env.url, '--client-id', clientId, '--client-secret', clientSecret, '--admin-token', env.adminToken, '--reporter', 'junit', '--out', out];
      const { stdout } = await promisify(execFile)(process.execPath, args);
      expect(stdout).toMatch(/^PASS token › fetch token {2}POST \/oauth\/token → 200 .*\[not-server-error ✓, status-is-success ✓, has-request-id ✓/m);
      expect(stdout).toMatch(/^\d+ passed, 0 failed \(\d+ ms\)$/m);
      expect(await readFile(out, 'utf8')).toMatch(/<testsuites name="zuora-emulator contract run \w+ against http:\/\/127\.0\.0\.1:\d+" tests="\d+" failures="0"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 when a step fails (a target that refuses the credentials)', async () => {
    const args = [...CLI, 'contract', 'run', '--target', env.url, '--client-id', 'nobody', '--client-secret', 'wrong'];
    const failed = await promisify(execFile)(process.execPath, args).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/^FAIL token › fetch token .*→ 401/m);
    expect(failed?.stdout).toMatch(/^\d+ passed, [1-9]\d* failed/m);
  });
});
