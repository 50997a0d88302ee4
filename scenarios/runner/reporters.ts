import { hostname } from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import type { RunSummary } from './run.js';
import { timelineMarkdown } from './timeline.js';
import type { ScenarioResult } from './types.js';

// Reporters: the console (a progress line per scenario, details of each failure, and the summary
// line `N passed, N failed`), JUnit XML for CI, and JSON.

export type ReporterName = 'console' | 'junit' | 'json';
export const REPORTERS: readonly ReporterName[] = ['console', 'junit', 'json'];

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** The closing line, alone on its line: `N passed, N failed` (`, N skipped` after --bail). */
export function summaryLine(summary: Pick<RunSummary, 'passed' | 'failed' | 'skipped'>): string {
  return `${summary.passed} passed, ${summary.failed} failed${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''}`;
}

/** Where a scenario failed and why, with the diff and the timeline up to the failure. */
export function failureDetails(result: ScenarioResult, options: { timeline?: boolean; limit?: number } = {}): string {
  const lines: string[] = [];
  if (result.failure) {
    const { step } = result.failure;
    lines.push(`step ${step.index} (${step.name})${step.line ? ` at ${result.file}:${step.line}` : ''} failed: ${result.failure.message}`);
    if (result.failure.diff) lines.push(result.failure.diff);
  } else if (result.error) {
    lines.push(result.error);
  }
  if (options.timeline !== false && result.timeline.length > 0) {
    const timeline = timelineMarkdown({ ...result, failure: undefined, error: undefined, tenant: undefined }, { limit: options.limit ?? 8 });
    // Without its header lines (name, file, result), which the failure line above already says.
    lines.push('', 'timeline so far:', timeline.split('\n').slice(4).join('\n').trimEnd());
  }
  return lines.join('\n');
}

export function progressLine(result: ScenarioResult, color = true): string {
  const paint = color ? pc : { green: (s: string) => s, red: (s: string) => s, dim: (s: string) => s, yellow: (s: string) => s };
  const mark = result.status === 'passed' ? paint.green('✓') : result.status === 'pending' ? paint.yellow('○') : paint.red('✗');
  const where = paint.dim(`(${path.relative(process.cwd(), result.file) || result.file}, ${result.durationMs} ms)`);
  if (result.status === 'pending') {
    const at = result.failure ? `, fails at step ${result.failure.step.index} ${result.failure.step.name}` : '';
    return `${mark} ${result.name} ${where} ${paint.yellow(`pending: ${result.pending ?? ''}${at}`)}`;
  }
  const why = result.failure ? ` ${paint.red(`step ${result.failure.step.index} ${result.failure.step.name}`)}` : result.error ? ` ${paint.red('error')}` : '';
  return `${mark} ${result.name} ${where}${why}`;
}

function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

export interface ConsoleOptions {
  write: (text: string) => void;
  color?: boolean;
  /** Print the timeline so far under each failure (default true). */
  timeline?: boolean;
}

/** Prints as scenarios finish, then the summary. */
export class ConsoleReporter {
  constructor(private readonly options: ConsoleOptions) {}

  scenario(result: ScenarioResult): void {
    this.options.write(`${progressLine(result, this.options.color ?? true)}\n`);
    if (result.status === 'failed') this.options.write(`${indent(failureDetails(result, { timeline: this.options.timeline ?? true }))}\n`);
    // A pending scenario's failure is known; the first lines say where it stands.
    if (result.status === 'pending') this.options.write(`${indent(failureDetails(result, { timeline: false }).split('\n').slice(0, 12).join('\n'))}\n`);
  }

  summary(summary: RunSummary): void {
    this.options.write(`\n${seconds(summary.durationMs)} s\n${summaryLine(summary)}\n`);
  }
}

// ---- JUnit ----

/** XML 1.0 allows only these characters; anything else (ANSI escapes...) is dropped. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** JUnit XML (the Ant/Surefire shape CI systems read): one testsuite, one testcase per scenario. */
export function junitXml(summary: RunSummary, suiteName = 'zuora-emulator scenarios'): string {
  const cases = summary.results.map((result) => {
    const classname = xmlEscape(`scenarios.${path.basename(path.dirname(result.file))}.${path.basename(result.file).replace(/\.ya?ml$/i, '')}`);
    const head = `    <testcase name="${xmlEscape(result.name)}" classname="${classname}" file="${xmlEscape(result.file)}" time="${seconds(result.durationMs)}">`;
    const body: string[] = [];
    if (result.status === 'pending') {
      body.push(`      <skipped message="${xmlEscape(`pending: ${result.pending ?? ''}`)}" />`);
    }
    if (result.status === 'failed') {
      const message = result.failure ? `step ${result.failure.step.index} (${result.failure.step.name}): ${result.failure.message.split('\n')[0]}` : (result.error ?? 'failed').split('\n')[0];
      const type = result.failure ? (result.failure.diff ? 'ExpectationFailed' : 'StepFailed') : 'ScenarioError';
      body.push(`      <failure message="${xmlEscape(message ?? '')}" type="${type}">${xmlEscape(failureDetails(result))}</failure>`);
    }
    if (result.timeline.length > 0) body.push(`      <system-out>${xmlEscape(timelineMarkdown(result))}</system-out>`);
    return body.length > 0 ? [head, ...body, '    </testcase>'].join('\n') : head.replace(/>$/, ' />');
  });
  const notRun = summary.skipped - summary.results.filter((result) => result.status === 'pending').length;
  const attributes = `name="${xmlEscape(suiteName)}" tests="${summary.results.length + notRun}" failures="${summary.failed}" errors="0" skipped="${summary.skipped}" time="${seconds(summary.durationMs)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes}>`,
    `  <testsuite ${attributes} timestamp="${new Date().toISOString().slice(0, 19)}" hostname="${xmlEscape(hostname())}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

// ---- JSON ----

export function jsonReport(summary: RunSummary): string {
  return `${JSON.stringify(
    {
      summary: { passed: summary.passed, failed: summary.failed, skipped: summary.skipped, durationMs: summary.durationMs },
      scenarios: summary.results.map((result) => ({
        file: result.file,
        name: result.name,
        tags: result.tags,
        status: result.status,
        durationMs: result.durationMs,
        ...(result.pending !== undefined ? { pending: result.pending } : {}),
        ...(result.tenant ? { tenant: result.tenant } : {}),
        ...(result.failure
          ? { failure: { step: result.failure.step.index, stepName: result.failure.step.name, line: result.failure.step.line, message: result.failure.message, diff: result.failure.diff } }
          : {}),
        ...(result.error ? { error: result.error } : {}),
        timeline: result.timeline,
      })),
    },
    null,
    2,
  )}\n`;
}
