import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { DEFAULT_TENANT } from '../emulator/config.js';
import { DEFAULT_STRIPE_ACCOUNT, DEFAULT_STRIPE_PORT } from '../emulator/api/stripe/server.js';
import { DEFAULT_SYNC_PORT } from '../sync/config.js';
import {
  ConsoleReporter,
  filterByTags,
  findScenarioFiles,
  InProcessHost,
  jsonReport,
  junitXml,
  loadFiles,
  REPORTERS,
  runScenarios,
  startThreadLanes,
  TargetHost,
  threadsAvailable,
  writeTimeline,
  type ReporterName,
  type RunSummary,
  type ScenarioHost,
  type ScenarioResult,
  type TimelineFormat,
} from '../scenarios/runner/index.js';
import { UsageError } from './errors.js';
import { parseFlags } from './flags.js';
import { progress } from './progress.js';

/** The library shipped with the package: `scenarios/` beside `cli/` (from sources) or two levels up (from dist/). */
const LIBRARY_CANDIDATES = [new URL('../scenarios/', import.meta.url), new URL('../../scenarios/', import.meta.url)].map((url) => fileURLToPath(url));

const DEFAULT_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

/**
 * How much a function runs before V8 compiles it with its optimizing compiler: here 8 times V8's
 * default (67,584). A run is a few seconds of many short code paths on each thread, and with the
 * default, compiling them optimized took a fifth of the run's CPU (on V8's background threads, as
 * much again for each worker thread's isolate) and paid back little of it: the library of 34 took
 * about 1.2 CPU-s less with this, its threads' own time unchanged. V8's flags are the process's, so
 * set before the worker threads start they hold for them too.
 */
const INTERRUPT_BUDGET = 540_672;

const HELP = `Usage: zuora-emulator scenario run [files or folders...] [options]

Runs scenario files (YAML; folders are searched for *.yaml, catalogs/ left out). Without a target,
each scenario gets a fresh tenant on an in-process emulator and a fresh sync engine of its own.
Default: the scenarios/ folder of the current directory, else the library shipped with the package.

  --reporter R          console (default) | junit | json
  --out FILE            write the junit/json report to FILE (default: stdout; progress then goes to stderr)
  --filter TAG          run only scenarios with this tag (repeat, or comma-separate, for any of several)
  --bail                stop after the first failing scenario
  --timeline DIR        write each scenario's timeline into DIR
  --timeline-format F   md (default) | html
  --concurrency N       scenarios run side by side (default ${DEFAULT_CONCURRENCY}; 1 runs them in turn); beyond
                        the first, on worker threads (one per core) with emulators of their own
  --target URL          run against an already running emulator at URL (and its sync engine) instead
  --sync-url URL        the running sync engine, with --target (default http://127.0.0.1:${DEFAULT_SYNC_PORT})
  --client-id ID        the tenant the running sync engine is connected to, with --target
  --client-secret S     (default: the emulator's default tenant)
  --emulator-url URL    without --target: use this emulator (fresh tenants on it) instead of starting one
  --admin-token T       the admin token of the emulator named by --target or --emulator-url
                        (default: $ZUORA_EMULATOR_ADMIN_TOKEN; not needed when it runs --admin-open)
  --stripe-url URL      the emulator's Stripe API, for files with integration: stripe, with --target or
                        --emulator-url (default http://127.0.0.1:${DEFAULT_STRIPE_PORT})
  --stripe-account ID   with --target: the Stripe account the engine is connected to for them, and its
  --stripe-key KEY      secret key (default: the emulator's default account, ${DEFAULT_STRIPE_ACCOUNT.id})
  --no-color            plain progress lines
  -h, --help            show this help
`;

export async function runScenarioCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'help' || sub === '--help' || sub === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  if (sub !== 'run') throw new UsageError(sub === undefined ? 'give a subcommand: run' : `unknown subcommand '${sub}'; the only one is run`, 'scenario');
  const parsed = parseFlags(
    'scenario run',
    rest,
    {
      reporter: { type: 'string', default: 'console' },
      out: { type: 'string' },
      filter: { type: 'string', multiple: true },
      bail: { type: 'boolean', default: false },
      timeline: { type: 'string' },
      'timeline-format': { type: 'string', default: 'md' },
      concurrency: { type: 'string' },
      target: { type: 'string' },
      'sync-url': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'emulator-url': { type: 'string' },
      'admin-token': { type: 'string' },
      'stripe-url': { type: 'string' },
      'stripe-account': { type: 'string' },
      'stripe-key': { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    true,
  );
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const reporter = values.reporter as ReporterName;
  if (!REPORTERS.includes(reporter)) return usageError(`--reporter must be one of ${REPORTERS.join(', ')}`);
  const timelineFormat = values['timeline-format'] as TimelineFormat;
  if (timelineFormat !== 'md' && timelineFormat !== 'html') return usageError('--timeline-format must be md or html');
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) return usageError('--concurrency must be a whole number of at least 1');
  const tags = (values.filter ?? []).flatMap((tag) => tag.split(',')).map((tag) => tag.trim()).filter(Boolean);

  // Progress goes to stdout unless the report itself does.
  const reportToStdout = reporter !== 'console' && !values.out;
  const say = (text: string) => (reportToStdout ? process.stderr : process.stdout).write(text);
  const color = !values['no-color'] && (reportToStdout ? process.stderr.isTTY : process.stdout.isTTY) === true;

  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  let files: string[];
  try {
    files = await findScenarioFiles(positionals.length > 0 ? positionals : [await defaultFolder()]);
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  // Scenarios side by side beyond the first use the other cores: worker threads, each with an emulator
  // of its own (one thread runs an emulator, its engines and the runner alike). Without --filter each
  // file is a scenario, so they start before the files are read, and load while this thread reads
  // them and starts its own emulator.
  const ownEmulator = !values.target && !values['emulator-url'];
  const threadsFor = (count: number) => (ownEmulator && threadsAvailable() ? Math.max(0, Math.min(concurrency, availableParallelism(), count) - 1) : 0);
  let threads = tags.length === 0 ? threadsFor(files.length) : 0;
  let helpers = threads > 0 ? startThreadLanes(threads) : undefined;

  const loaded = await loadFiles(files);
  const scenarios = filterByTags(loaded.scenarios, tags);
  if (scenarios.length === 0 && loaded.failures.length === 0) {
    await helpers?.close();
    say(`no scenarios to run${tags.length ? ` with tag ${tags.join(' or ')}` : ''} in ${files.length} file(s)\n0 passed, 0 failed\n`);
    return 1;
  }
  if (!helpers) {
    threads = threadsFor(scenarios.length);
    helpers = threads > 0 ? startThreadLanes(threads) : undefined;
  }

  const adminToken = values['admin-token'] ?? process.env.ZUORA_EMULATOR_ADMIN_TOKEN;
  const admin = adminToken ? { adminToken } : {};
  const stripeUrl = values['stripe-url'] ?? `http://127.0.0.1:${DEFAULT_STRIPE_PORT}`;
  const host: ScenarioHost = values.target
      ? new TargetHost({
          emulatorUrl: values.target,
          syncUrl: values['sync-url'] ?? `http://127.0.0.1:${DEFAULT_SYNC_PORT}`,
          credentials: { clientId: values['client-id'] ?? DEFAULT_TENANT.clientId, clientSecret: values['client-secret'] ?? DEFAULT_TENANT.clientSecret },
          stripe: { url: stripeUrl, account: values['stripe-account'] ?? DEFAULT_STRIPE_ACCOUNT.id, secretKey: values['stripe-key'] ?? DEFAULT_STRIPE_ACCOUNT.secretKey },
          ...admin,
        })
      : await InProcessHost.start(values['emulator-url'] ? { emulatorUrl: values['emulator-url'], stripeUrl, ...admin } : {});

  // A line per finished scenario, and below them, on a terminal, how far the run is.
  const counter = progress('scenarios');
  const consoleReporter = new ConsoleReporter({ write: (text) => counter.print(() => say(text)), color, timeline: true });
  say(`running ${scenarios.length} scenario(s) ${values.target ? '(one at a time) ' : ''}${host.description}\n`);
  for (const failure of loaded.failures) consoleReporter.scenario(failure);
  const timelines: string[] = [];
  let summary: RunSummary;
  let finished = 0;
  counter.update(0, scenarios.length);
  try {
    summary = await runScenarios(scenarios, {
      host,
      // A shared target is one tenant and one engine: its scenarios take turns.
      concurrency: values.target ? 1 : concurrency - threads,
      lanes: helpers?.lanes ?? [],
      bail: values.bail || false,
      onResult: async (result: ScenarioResult) => {
        consoleReporter.scenario(result);
        finished += 1;
        counter.update(finished, scenarios.length, `(last: ${result.name})`);
        if (values.timeline) timelines.push(await writeTimeline(values.timeline, result, timelineFormat));
      },
    });
  } finally {
    counter.end();
    await Promise.all([helpers?.close(), host.close()]);
  }
  summary = {
    ...summary,
    results: [...loaded.failures, ...summary.results],
    failed: summary.failed + loaded.failures.length,
  };
  if (reporter !== 'console') {
    const text = reporter === 'junit' ? junitXml(summary) : jsonReport(summary);
    if (values.out) {
      await mkdir(path.dirname(path.resolve(values.out)), { recursive: true });
      await writeFile(values.out, text);
      say(`${reporter} report written to ${values.out}\n`);
    } else {
      process.stdout.write(text);
    }
  }
  if (values.timeline) say(`${timelines.length} timeline(s) written to ${values.timeline}\n`);
  consoleReporter.summary(summary);
  return summary.failed > 0 ? 1 : 0;
}

/** `scenarios/` of the current directory when it holds scenarios, else the library shipped with the package. */
async function defaultFolder(): Promise<string> {
  for (const candidate of [path.resolve('scenarios'), ...LIBRARY_CANDIDATES]) {
    const files = await findScenarioFiles([candidate]).catch(() => []);
    if (files.length > 0) return path.relative(process.cwd(), candidate) || candidate;
  }
  return 'scenarios';
}

function usageError(message: string): never {
  throw new UsageError(message, 'scenario run');
}
