import { writeFile } from 'node:fs/promises';
import { summaryLine } from '../contracts/suites/report.js';
import { junitReport, type RunResult } from '../contracts/suites/index.js';

/** Where a contract run's lines go: stdout, unless stdout carries the JUnit XML (then stderr). */
export function runLog(flags: { reporter?: string; out?: string }): (line: string) => void {
  const streaming = flags.reporter !== 'junit' || flags.out !== undefined;
  return (line) => (streaming ? process.stdout : process.stderr).write(`${line}\n`);
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
