import type { RunResult, StepResult } from './runner.js';

const MARK: Record<string, string> = { pass: '✓', fail: '✗', skip: '-' };

/**
 * One line per step: outcome, suite › step, the call and its status, then each check that applied
 * with its mark (checks that did not apply are left out); failure messages follow, indented.
 */
export function consoleLine(step: StepResult): string {
  const head = `${step.outcome === 'passed' ? 'PASS' : step.outcome === 'failed' ? 'FAIL' : 'SKIP'} ${step.suite} › ${step.name}`;
  if (step.outcome === 'skipped' || step.status === undefined) {
    return `${head}  ${step.method} ${step.endpoint}  (${step.reason ?? 'skipped'})`;
  }
  const applied = step.checks.filter((check) => check.result.outcome !== 'skip').map((check) => `${check.name} ${MARK[check.result.outcome]}`);
  const lines = [`${head}  ${step.method} ${step.url} → ${step.status} (${step.durationMs} ms)  [${applied.join(', ')}]`];
  for (const { name, result } of step.checks) if (result.outcome === 'fail') lines.push(`      ${name}: ${result.message}`);
  if (step.reason) lines.push(`      ${step.reason}`);
  return lines.join('\n');
}

export function summaryLine(result: RunResult): string {
  return `${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ''} (${result.durationMs} ms)`;
}

export function consoleReport(result: RunResult): string {
  return [...result.suites.flatMap((suite) => suite.steps.map(consoleLine)), summaryLine(result), ''].join('\n');
}

/** XML 1.0 text: escaped, and without the control characters XML cannot carry at all. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

function testcase(step: StepResult): string {
  const name = xml(`${step.name} (${step.method} ${step.endpoint})`);
  const open = `    <testcase classname="contract.${xml(step.suite)}" name="${name}" time="${seconds(step.durationMs)}"`;
  const checks = step.checks.map(({ name: check, result }) => `${check}: ${result.outcome}${result.outcome === 'pass' ? '' : ` (${result.message})`}`);
  const out = checks.length ? `\n      <system-out>${xml([`${step.method} ${step.url} -> ${step.status}`, ...checks].join('\n'))}</system-out>` : '';
  if (step.outcome === 'skipped') return `${open}>\n      <skipped message="${xml(step.reason ?? 'skipped')}"/>\n    </testcase>`;
  if (step.outcome === 'passed') return `${open}>${out}\n    </testcase>`;
  const failures = step.checks.filter((check) => check.result.outcome === 'fail');
  const message = failures.map((check) => check.name).join(', ') || 'request failed';
  const detail = [...failures.map((check) => `${check.name}: ${check.result.outcome === 'fail' ? check.result.message : ''}`), step.reason ?? ''].filter(Boolean).join('\n');
  return `${open}>\n      <failure message="${xml(message)}" type="contract">${xml(detail)}</failure>${out}\n    </testcase>`;
}

/** JUnit XML: one testsuite per contract suite, one testcase per step. */
export function junitReport(result: RunResult): string {
  const suites = result.suites.map((suite) => {
    const count = (outcome: StepResult['outcome']) => suite.steps.filter((step) => step.outcome === outcome).length;
    const time = suite.steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0);
    return [
      `  <testsuite name="${xml(suite.name)}" tests="${suite.steps.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}" time="${seconds(time)}">`,
      ...suite.steps.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const total = result.passed + result.failed + result.skipped;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="zuora-emulator contract run ${xml(result.runId)} against ${xml(result.target)}" tests="${total}" failures="${result.failed}" errors="0" skipped="${result.skipped}" time="${seconds(result.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
