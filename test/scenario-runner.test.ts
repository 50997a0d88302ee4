import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { emulatorTime } from '../sync/emulatorTime.js';
import { startSyncEngine, type RunningSyncEngine } from '../sync/index.js';
import {
  diff,
  failureDetails,
  InProcessHost,
  junitXml,
  mismatches,
  parseScenario,
  runScenario,
  runScenarios,
  ScenarioLoadError,
  summaryLine,
  TargetHost,
  timelineHtml,
  timelineMarkdown,
  type ScenarioResult,
} from '../scenarios/runner/index.js';
import { interpolate } from '../scenarios/runner/interpolate.js';
import { CLI } from './helpers/cli.js';
import { adminHeaders } from './helpers/emulator.js';

// The scenario runner itself: the format's validation errors (file, step number, field), partial
// matching and diffs, captures and `${...}` references, a failing expectation's report, JUnit XML,
// the CLI's summary line and exit code, timelines, and running against an already running target.

const LIBRARY = fileURLToPath(new URL('../scenarios/', import.meta.url));

/** The ScenarioLoadError a text raises (the test fails when it loads). */
async function loadError(text: string, file = 'bad.yaml'): Promise<ScenarioLoadError> {
  try {
    await parseScenario(text, file);
  } catch (error) {
    if (error instanceof ScenarioLoadError) return error;
    throw error;
  }
  throw new Error('the scenario loaded');
}

// A small catalog, so the end-to-end tests here set up quickly.
const CATALOG = `
catalog:
  features: [{ id: feature-seats, name: Seats, unit: seat }]
  products: [{ id: product-acme, name: Acme }]
  plans:
    - id: plan-basic
      product: product-acme
      name: Basic
      prices: [{ billingPeriod: MONTHLY, model: FLAT_FEE, amount: 20 }]
`;

describe('scenario format', () => {
  it('loads a valid scenario: defaults, shorthands, `as` beside the step name, the catalog inline', async () => {
    const scenario = await parseScenario(
      `name: ok
start: 2026-01-01T00:00:00Z
${CATALOG}
steps:
  - customer.create: { id: c1, paymentMethod: 4242424242424242 }
    as: cust
  - clock.advance: P1M
  - usage.sync:
  - customer.archive: c1
`,
      'ok.yaml',
    );
    expect(scenario).toMatchObject({ name: 'ok', tags: [], start: '2026-01-01T00:00:00Z', catalogSource: 'inline' });
    expect(scenario.steps.map((step) => [step.index, step.name, step.args, step.line])).toEqual([
      [1, 'customer.create', { id: 'c1', paymentMethod: 4242424242424242, as: 'cust' }, 14],
      [2, 'clock.advance', { by: 'P1M' }, 16],
      [3, 'usage.sync', {}, 17],
      [4, 'customer.archive', { id: 'c1' }, 18],
    ]);
  });

  it('names the file, the step number and the field of every problem, with its line', async () => {
    const error = await loadError(
      `name: broken
start: 2026-01-01T00:00:00Z
steps:
  - customer.create: { id: c1 }
  - subscription.update:
      ref: sub
      when: AT_SOME_POINT
  - subscription.cancel: { when: IMMEDIATE }
  - customer.create: { id: c2, colour: blue }
  - clock.advance: soon
  - subscripton.provision: { customer: c1, plan: p }
  - expect.events: { type: PAYMENT_FAILED, count: -1 }
  - { clock.advance: P1D, usage.sync: {} }
`,
      'scenarios/broken.yaml',
    );
    expect(error.problems).toEqual([
      { file: 'scenarios/broken.yaml', line: 7, step: 2, stepName: 'subscription.update', field: 'when', message: 'must be one of IMMEDIATE, END_OF_BILLING_PERIOD (or a ${...} reference)' },
      { file: 'scenarios/broken.yaml', line: 8, step: 3, stepName: 'subscription.cancel', field: 'ref', message: 'is required' },
      expect.objectContaining({ line: 9, step: 4, stepName: 'customer.create', field: 'colour', message: expect.stringMatching(/^is not a known field \(known: id, name, email, paymentMethod/) }),
      expect.objectContaining({ line: 10, step: 5, stepName: 'clock.advance', message: expect.stringContaining('must be an ISO-8601 duration (P1M), {by: duration} or {to: ISO date-time}') }),
      expect.objectContaining({ line: 11, step: 6, stepName: 'subscripton.provision', message: expect.stringContaining("(did you mean 'subscription.provision'?)") }),
      expect.objectContaining({ line: 12, step: 7, stepName: 'expect.events', field: 'count' }),
      expect.objectContaining({ line: 13, step: 8, message: 'names 2 steps (clock.advance, usage.sync); give each its own list item' }),
    ]);
    // One line per problem: where (file:line: step N (name)), then the field and what is wrong.
    expect(error.message.split('\n')[0]).toBe(
      "scenarios/broken.yaml:7: step 2 (subscription.update): field 'when' must be one of IMMEDIATE, END_OF_BILLING_PERIOD (or a ${...} reference)",
    );
    expect(error.message.split('\n')[1]).toBe("scenarios/broken.yaml:8: step 3 (subscription.cancel): field 'ref' is required");
  });

  it('reports problems of the document itself, invalid YAML, and a catalog file that is not there', async () => {
    const document = await loadError('description: no name\nstart: yesterday\nsteps: []\n');
    expect(document.problems.map((problem) => `${problem.field ?? ''}: ${problem.message}`)).toEqual(
      expect.arrayContaining(['name: is required', 'start: must be an ISO date-time such as 2026-01-01T00:00:00Z', 'steps: must not be empty']),
    );
    const yaml = await loadError('name: x\nsteps:\n  - clock.advance: P1D\nname: y\n');
    expect(yaml.message).toBe('bad.yaml:4: is not valid YAML: Map keys must be unique');
    const catalog = await loadError('name: x\ncatalog: catalogs/missing.yaml\nsteps:\n  - usage.sync: {}\n', path.join(LIBRARY, 'x.yaml'));
    expect(catalog.problems[0]).toMatchObject({ field: 'catalog', line: 2, message: expect.stringContaining('names a catalog file that cannot be read') });
  });
});

describe('partial matching', () => {
  it('matches what is named, lists in any order, numbers against numeric text, null as absent, matchers', () => {
    const actual = { status: 'ACTIVE', amount: '42.00', billingId: undefined, at: '2026-06-30T00:00:00Z', items: [{ n: 'b', q: 2 }, { n: 'a', q: 1 }], extra: true };
    expect(mismatches({ status: 'ACTIVE', amount: 42, billingId: null, at: '2026-06-30T00:00:00.000Z', items: [{ n: 'a' }, { n: 'b', q: 2 }] }, actual)).toEqual([]);
    expect(mismatches({ items: { $length: 2, $contains: { n: 'a' } }, amount: { $gte: 40, $lt: 50 }, status: { $ne: 'CANCELED', $regex: '^ACT' } }, actual)).toEqual([]);
    expect(mismatches({ status: 'CANCELED', items: [{ n: 'a' }] }, actual).map((each) => each.path)).toEqual(['status', 'items']);
  });

  it('diffs expected against the same part of the actual value', () => {
    expect(diff({ status: 'ACTIVE', latestInvoice: { status: 'PAID' } }, { status: 'PAYMENT_PENDING', id: 'x', latestInvoice: { status: 'OPEN', amount: 9 } })).toBe(
      ['--- expected', '+++ actual', '- status: ACTIVE', '+ status: PAYMENT_PENDING', '  latestInvoice:', '-   status: PAID', '+   status: OPEN'].join('\n'),
    );
  });
});

describe('captures and ${...} references', () => {
  const captures = new Map<string, unknown>([
    ['sub', { id: 'sub-1', billingId: 'z1', latestInvoice: { amount: 70 }, history: ['a', 'b'] }],
    ['clock', { today: '2026-02-01' }],
  ]);

  it('takes a whole reference as the value itself and writes others into the text', () => {
    expect(interpolate({ ref: '${sub.id}', amount: '${sub.latestInvoice.amount}', first: '${sub.history.0}', second: '${sub.history[1]}' }, captures)).toEqual({
      ref: 'sub-1',
      amount: 70,
      first: 'a',
      second: 'b',
    });
    expect(interpolate(['/v1/subscriptions/${sub.billingId}?on=${clock.today}', '$${literal}'], captures)).toEqual(['/v1/subscriptions/z1?on=2026-02-01', '${literal}']);
  });

  it('names what is missing', () => {
    expect(() => interpolate('${nope.id}', captures)).toThrow("${nope.id}: nothing was captured as 'nope' (captured so far: sub, clock)");
    expect(() => interpolate('${sub.billingIdd}', captures)).toThrow("${sub.billingIdd}: 'sub' has no 'billingIdd' (it has: id, billingId, latestInvoice, history)");
  });
});

describe('running scenarios', () => {
  let host: InProcessHost;

  beforeAll(async () => {
    host = await InProcessHost.start();
  });

  afterAll(async () => {
    await host?.close();
  });

  it('captures a step answer and refers to it in later steps, including Zuora calls', async () => {
    const scenario = await parseScenario(
      `name: captures
start: 2026-01-01T00:00:00Z
${CATALOG}
steps:
  - customer.create: { id: c1, paymentMethod: 4242424242424242, as: cust }
  - subscription.provision: { customer: cust, plan: plan-basic, as: sub }
  - expect.subscription: { ref: "\${sub.id}", billingId: "\${sub.billingId}", customer: c1, as: again }
  - zuora.request:
      method: GET
      path: /v1/subscriptions/\${again.billingSubscriptionNumber}
      expect: { status: 200, body: { id: "\${sub.billingId}", status: Active } }
      as: zsub
  - expect.zuora.subscription: { ref: "\${zsub.subscriptionNumber}", version: 1, ratePlans: [Basic] }
  # January (20) was billed and paid at sign-up; the Feb 1 bill run bills February: 20.
  - clock.advance: { to: "2026-02-01T02:00:00Z" }
  - expect.zuora.invoice: { customer: cust, invoice: latest, amount: 20, balance: 0 }
`,
      'captures.yaml',
    );
    const result = await runScenario(scenario, host);
    expect(result.status, failureDetails(result)).toBe('passed');
    // The timeline: setup, then each step with its calls, what Zuora saw, the callouts and events.
    expect(result.timeline.map((entry) => entry.step)).toEqual(['setup', ...scenario.steps.map((step) => step.name)]);
    const provision = result.timeline[2];
    expect(provision?.calls).toEqual([{ surface: 'sync', method: 'POST', path: '/api/subscriptions', status: 201 }]);
    expect(provision?.zuoraCalls.map((call) => `${call.method} ${call.path.split('?')[0]}`)).toEqual(expect.arrayContaining(['POST /v2/accounts', 'POST /v1/orders']));
    expect(provision?.events.map((event) => event.type)).toContain('SUBSCRIPTION_CREATED');
    const billRun = result.timeline[6];
    expect(billRun).toMatchObject({ startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-02-01T02:00:00.000Z' });
    expect(billRun?.callouts.map((callout) => callout.event)).toEqual(expect.arrayContaining(['StiggInvoicePostedEvent', 'StiggInvoicePaidEvent']));
    const markdown = timelineMarkdown(result);
    expect(markdown).toContain('### 6. clock.advance `to: 2026-02-01T02:00:00Z`');
    expect(markdown).toContain('*2026-01-01T00:00:00Z -> 2026-02-01T02:00:00Z*');
    // Bill runs start at 00:00 tenant time (UTC here) on the bill cycle day, so the callout is stamped Feb 1, 00:00.
    expect(markdown).toMatch(/- callout StiggInvoicePaidEvent at 2026-02-01T00:00:00Z: 200 \(delivered\)/);
    // The HTML timeline is drawn with the inspector's components and stylesheet.
    const page = timelineHtml(result);
    expect(page).toMatch(/^<!doctype html>[\s\S]*<h3>6\. <code>clock\.advance<\/code><\/h3>[\s\S]*StiggInvoicePaidEvent[\s\S]*<\/html>\n$/);
    expect(page).toContain('ol.timeline');
    expect(page).toContain('<ol class="timeline">');
  });

  it('fails a wrong expectation with the step, a diff of expected and actual, and the timeline so far', async () => {
    const scenario = await parseScenario(
      `name: wrong
start: 2026-01-01T00:00:00Z
${CATALOG}
steps:
  - customer.create: { id: c1, paymentMethod: 4242424242424242, as: cust }
  - subscription.provision: { customer: cust, plan: plan-basic, as: sub }
  - expect.subscription: { ref: sub, status: PAYMENT_PENDING, plan: plan-basic }
  - clock.advance: P1M
`,
      'wrong.yaml',
    );
    const result = await runScenario(scenario, host);
    expect(result.status).toBe('failed');
    expect(result.failure?.step).toMatchObject({ index: 3, name: 'expect.subscription', line: 16 });
    expect(result.failure?.message).toMatch(/^subscription 'sub-[\w-]+': status expected "PAYMENT_PENDING", got "ACTIVE"$/);
    expect(result.failure?.diff).toBe(['--- expected', '+++ actual', '- status: PAYMENT_PENDING', '+ status: ACTIVE', '  planId: plan-basic'].join('\n'));
    // The step after the failure never ran.
    expect(result.timeline.map((entry) => entry.step)).toEqual(['setup', 'customer.create', 'subscription.provision', 'expect.subscription']);
    const report = failureDetails(result);
    expect(report).toContain('step 3 (expect.subscription) at wrong.yaml:16 failed');
    expect(report).toContain('- status: PAYMENT_PENDING\n+ status: ACTIVE');
    expect(report).toContain('timeline so far:');
    expect(report).toContain('### 2. subscription.provision');
  });

  it('reports a step that cannot be done, and a pending scenario as pending', async () => {
    const scenario = await parseScenario(
      `name: cannot
pending: the step below cannot work
steps:
  - customer.create: { id: c1 }
  - zuora.payInvoice: { customer: c1 }
`,
      'cannot.yaml',
    );
    const result = await runScenario(scenario, host);
    expect(result).toMatchObject({ status: 'pending', pending: 'the step below cannot work' });
    expect(result.failure).toMatchObject({ step: { index: 2, name: 'zuora.payInvoice' }, message: "customer 'c1' has no Zuora account (sync NO_SYNC: Customer doesn't have any subscription)" });
  });

  it('publishes a catalog file (relative to the scenario) over the engine’s, and migrates to the latest version', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scenario-publish-'));
    try {
      // Basic's price goes from 20 to 25: the catalog file names Basic only, the feature and product stay.
      await writeFile(
        path.join(dir, 'basic-25.yaml'),
        'plans:\n  - { id: plan-basic, product: product-acme, name: Basic, prices: [{ billingPeriod: MONTHLY, model: FLAT_FEE, amount: 25 }] }\n',
      );
      const file = path.join(dir, 'publish.yaml');
      const scenario = await parseScenario(
        `name: publish
start: 2026-01-01T00:00:00Z
${CATALOG}
steps:
  - customer.create: { id: c1, paymentMethod: 4242424242424242, as: cust }
  - subscription.provision: { customer: cust, plan: plan-basic, as: sub }
  - catalog.publish: basic-25.yaml
  - expect.subscription: { ref: sub, planVersionNumber: 1 }
  - subscription.migrate: sub
  - expect.subscription: { ref: sub, planVersionNumber: 2 }
  - expect.zuora.subscription: { ref: sub, ratePlans: [{ ratePlanCharges: [{ price: 25 }] }] }
`,
        file,
      );
      const result = await runScenario(scenario, host);
      expect(result.status, failureDetails(result)).toBe('passed');
      const publish = result.timeline.find((entry) => entry.step === 'catalog.publish');
      expect(publish?.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/catalog', 'POST /api/catalog']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('reports', () => {
  const step = { index: 2, name: 'expect.subscription', args: {}, line: 9 };
  const results: ScenarioResult[] = [
    { file: 'scenarios/a.yaml', name: 'A & <B> "quoted"', tags: [], status: 'passed', durationMs: 120, timeline: [] },
    {
      file: 'scenarios/b.yaml',
      name: 'B fails',
      tags: [],
      status: 'failed',
      durationMs: 340,
      failure: { step, message: 'status expected "ACTIVE", got "PAYMENT_PENDING"', diff: '- status: ACTIVE\n+ status: PAYMENT_PENDING \u001b[31m<&>' },
      timeline: [
        { index: 1, step: 'customer.create', summary: 'id: c<1>', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.000Z', status: 'passed', durationMs: 3, calls: [], zuoraCalls: [], callouts: [], events: [] },
      ],
    },
    { file: 'scenarios/c.yaml', name: 'C pending', tags: [], status: 'pending', pending: 'a known gap', durationMs: 10, timeline: [] },
    { file: 'scenarios/d.yaml', name: 'scenarios/d.yaml', tags: [], status: 'failed', durationMs: 0, error: "scenarios/d.yaml:3: step 1 (clock.advance): must be ...", timeline: [] },
  ];
  const summary = { results, passed: 1, failed: 2, skipped: 1, durationMs: 500 };

  it('writes valid JUnit XML: one testcase per scenario, failures with their step and diff, pending as skipped', () => {
    const xml = junitXml(summary);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    expect(suite).toMatchObject({ tests: '4', failures: '2', skipped: '1', errors: '0', time: '0.500' });
    expect(suite.testcase.map((testcase: { name: string }) => testcase.name)).toEqual(['A & <B> "quoted"', 'B fails', 'C pending', 'scenarios/d.yaml']);
    expect(suite.testcase[1].failure).toMatchObject({ type: 'ExpectationFailed', message: 'step 2 (expect.subscription): status expected "ACTIVE", got "PAYMENT_PENDING"' });
    expect(suite.testcase[1].failure['#text']).toContain('+ status: PAYMENT_PENDING [31m<&>');
    expect(suite.testcase[2].skipped).toMatchObject({ message: 'pending: a known gap' });
    expect(suite.testcase[3].failure).toMatchObject({ type: 'ScenarioError' });
  });

  it('ends with the summary line', () => {
    expect(summaryLine(summary)).toBe('1 passed, 2 failed, 1 skipped');
    expect(summaryLine({ passed: 3, failed: 0, skipped: 0 })).toBe('3 passed, 0 failed');
  });
});

/** Runs `zuora-emulator scenario run ...`; answers the exit code and what it printed. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, 'scenario', 'run', '--no-color', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('zuora-emulator scenario run', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zuora-scenarios-'));
    const scenario = (name: string, tags: string, archived: boolean) => `name: ${name}
tags: [${tags}]
start: 2026-01-01T00:00:00Z
steps:
  - customer.create: { id: c1, name: Someone }
  - expect.customer: { id: c1, archived: ${archived}, syncStatus: NO_SYNC }
`;
    await writeFile(path.join(dir, 'passes.yaml'), scenario('passes', 'quick, good', false));
    await writeFile(path.join(dir, 'fails.yaml'), scenario('fails', 'quick', true));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a line per scenario and the summary line, and exits 1 when one fails', async () => {
    const { code, stdout, stderr } = await cli([dir]);
    expect(code).toBe(1);
    // Piped, the progress line stays out of the output: no carriage returns, no line clearing.
    expect(stdout + stderr).not.toMatch(/\r|\x1b\[2K/);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
    expect(stdout).toMatch(/^✓ passes \(.*passes\.yaml, \d+ ms\)$/m);
    expect(stdout).toMatch(/^✗ fails \(.*fails\.yaml, \d+ ms\) step 2 expect\.customer$/m);
    expect(stdout).toContain("    step 2 (expect.customer) at");
    expect(stdout).toContain('    - archived: true\n    + archived: false');
  });

  it('exits 0 when every scenario passes; --filter picks by tag', async () => {
    const { code, stdout } = await cli([dir, '--filter', 'good']);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(stdout).not.toContain('fails');
  });

  it('writes valid JUnit XML with --reporter junit --out, and timelines with --timeline', async () => {
    const out = path.join(dir, 'reports', 'r.xml');
    const timelines = path.join(dir, 'timelines');
    const { code, stdout } = await cli([path.join(dir, 'passes.yaml'), path.join(dir, 'fails.yaml'), '--reporter', 'junit', '--out', out, '--timeline', timelines, '--timeline-format', 'html']);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
    const xml = await readFile(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).testsuites.testsuite;
    expect(suite).toMatchObject({ tests: '2', failures: '1' });
    expect(suite.testcase.find((testcase: { name: string }) => testcase.name === 'fails').failure.message).toMatch(/^step 2 \(expect\.customer\): customer 'c1': archived expected true, got false$/);
    expect((await readdir(timelines)).sort()).toEqual(['fails.html', 'passes.html']);
  });

  it('with --reporter junit and no --out, writes the XML alone to stdout and the progress to stderr', async () => {
    const { code, stdout, stderr } = await cli([path.join(dir, 'passes.yaml'), '--reporter', 'junit']);
    expect(code).toBe(0);
    expect(XMLValidator.validate(stdout)).toBe(true);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
  });

  it('fails a file that does not load, naming the file, step and field', async () => {
    await writeFile(path.join(dir, 'broken.yml'), 'name: broken\nsteps:\n  - subscription.cancel: { when: NOW }\n');
    const { code, stdout } = await cli([path.join(dir, 'broken.yml')]);
    expect(code).toBe(1);
    expect(stdout).toContain("broken.yml:3: step 1 (subscription.cancel): field 'ref' is required");
    expect(stdout).toContain("broken.yml:3: step 1 (subscription.cancel): field 'when' must be one of IMMEDIATE, END_OF_BILLING_PERIOD");
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
});

describe('--target: an emulator and a sync engine already running', () => {
  let emulator: RunningEmulator;
  let engine: RunningSyncEngine;

  beforeAll(async () => {
    // As `zuora-emulator start` runs them: the engine on the default tenant, on its clock.
    emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0, now: '2026-01-01T00:00:00.000Z' });
    const { clientId, clientSecret } = emulator.credentials;
    engine = await startSyncEngine({ port: 0, inMemory: true, zuora: { baseUrl: emulator.url, clientId, clientSecret }, time: emulatorTime(emulator.url, clientId, emulator.adminToken), hourlyUsageSync: false });
    await engine.connect();
    await engine.followEmulatorClock(emulator.url, clientId, emulator.adminToken);
  });

  afterAll(async () => {
    await engine?.close();
    await emulator?.close();
  });

  it('runs library scenarios one after another on the shared tenant, each on fresh ids and whole leap cycles (four years) later', async () => {
    const host = new TargetHost({ emulatorUrl: emulator.url, syncUrl: engine.url, credentials: emulator.credentials, adminToken: emulator.adminToken });
    const file = path.join(LIBRARY, 'payment-failure-recovery.yaml');
    const scenario = await parseScenario(await readFile(file, 'utf8'), file);
    const summary = await runScenarios([scenario, scenario, await parseScenario(await readFile(path.join(LIBRARY, 'scheduled-downgrade.yaml'), 'utf8'), path.join(LIBRARY, 'scheduled-downgrade.yaml'))], { host });
    for (const result of summary.results) expect(result.status, failureDetails(result)).toBe('passed');
    // The second run of the same file started four years later (a February as long as the first's), on customer ids of its own.
    const [first, second] = summary.results.map((result) => result.timeline[1]?.events[0]?.customerId);
    expect(first).toMatch(/^cust-dunning\.[0-9a-f]{6}$/);
    expect(second).toMatch(/^cust-dunning\.[0-9a-f]{6}$/);
    expect(second).not.toBe(first);
    expect(summary.results[1]?.timeline[0]?.startedAt).toBe('2030-01-01T00:00:00.000Z');
    expect(summary.results[2]?.timeline[0]?.startedAt).toBe('2034-01-01T00:00:00.000Z');
    // What a scenario left live was cancelled when the next one opened: nothing of it bills on.
    const statuses = async (customerId: unknown) =>
      ((await (await fetch(`${engine.url}/api/customers/${encodeURIComponent(String(customerId))}/subscriptions`)).json()) as { data: Array<{ status: string }> }).data.map(
        (subscription) => subscription.status,
      );
    expect(await statuses(first)).toEqual(['CANCELED']);
    // The last scenario's subscriptions stay as it left them, for whoever looks afterwards: its
    // downgrade ended Pro and left the Basic subscription provisioned in its place live.
    const last = summary.results[2]?.timeline[1]?.events[0]?.customerId;
    expect((await statuses(last)).sort()).toEqual(['ACTIVE', 'CANCELED']);
  });

  it('runs Stripe scenarios on the Stripe account, connecting the shared engine to it and back to Zuora after', async () => {
    const stripe = { url: emulator.stripe?.url ?? '', account: emulator.stripe?.account ?? '', secretKey: emulator.stripe?.secretKey ?? '' };
    const host = new TargetHost({ emulatorUrl: emulator.url, syncUrl: engine.url, credentials: emulator.credentials, adminToken: emulator.adminToken, stripe });
    const load = async (name: string) => parseScenario(await readFile(path.join(LIBRARY, name), 'utf8'), path.join(LIBRARY, name));
    const summary = await runScenarios([await load('stripe-renewal-with-usage.yaml'), await load('signup-declined-card.yaml'), await load('stripe-plan-change-proration.yaml')], { host });
    for (const result of summary.results) expect(result.status, failureDetails(result)).toBe('passed');
    expect(summary.results.map((result) => result.tenant)).toEqual([stripe.account, emulator.credentials.clientId, stripe.account]);
    // The engine's platform clock kept the Stripe account's time: both clocks stand at the same instant.
    const clock = async (tenant: string) => (await (await fetch(`${emulator.url}/__emulator/clock`, { headers: adminHeaders(emulator.url, tenant, emulator.adminToken) })).json()) as { now: string };
    expect((await clock(stripe.account)).now).toBe((await clock(emulator.credentials.clientId)).now);
  });
});
