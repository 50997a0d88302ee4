import { writeFile } from 'node:fs/promises';
import { consoleLine, summaryLine } from '../contracts/suites/report.js';
import { junitReport, type RunResult } from '../contracts/suites/index.js';
import type { StepResult } from '../contracts/suites/runner.js';
import { progress } from './progress.js';

/** Where a contract run's lines go: stdout, unless stdout carries the JUnit XML (then stderr). */
function runLog(flags: { reporter?: string; out?: string }): (line: string) => void {
  const streaming = flags.reporter !== 'junit' || flags.out !== undefined;
  return (line) => (streaming ? process.stdout : process.stderr).write(`${line}\n`);
}

/**
 * A contract run's console: `log` writes a line without tearing the progress line a terminal shows,
 * `onStep` logs a finished step and moves the count on, `end` clears the progress line.
 */
export function runConsole(flags: { reporter?: string; out?: string }) {
  const counter = progress('contract steps');
  const write = runLog(flags);
  const log = (line: string) => counter.print(() => write(line));
  const onStep = (step: StepResult, done: number, total: number) => {
    log(consoleLine(step));
    counter.update(done, total, `(${step.suite})`);
  };
  return { log, onStep, end: () => counter.end() };
}

/** The JUnit report when asked for (to --out or stdout), the summary line, and the exit code: 1 when a step failed. */
export async function finishRun(result: RunResult, flags: { reporter?: string; out?: string }, log: (line: string) => void): Promise<number> {
  if (flags.reporter === 'junit') {
    const xml = junitReport(result);
    if (flags.out) await writeFile(flags.out, xml);
    else process.stdout.write(xml);
  }
  log(summaryLine(result));
  return result.failed > 0 ? 1 : 0;
}
