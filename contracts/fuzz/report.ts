import type { FuzzResult } from './runner.js';

/** Counts per endpoint, then each failure with the input, the answer and how to replay it. */
export function fuzzReport(result: FuzzResult): string {
  const lines: string[] = [];
  if (result.fixtureProblems.length) lines.push(`fixtures: ${result.fixtureProblems.length} step(s) did not pass:`, ...result.fixtureProblems.map((problem) => `  ${problem}`));
  const width = Math.max(...result.tallies.map((tally) => tally.endpoint.length));
  lines.push(`${'endpoint'.padEnd(width)}  valid (accepted/business error)  invalid (rejected)`);
  for (const tally of result.tallies) {
    if (tally.valid + tally.invalid === 0) continue;
    lines.push(`${tally.endpoint.padEnd(width)}  ${`${tally.valid} (${tally.accepted}/${tally.businessErrors})`.padEnd(31)}  ${tally.invalid} (${tally.rejected})`);
  }
  if (result.stateNote) lines.push(`note: ${result.stateNote}`);
  for (const failure of result.failures) {
    lines.push('');
    lines.push(`FAIL #${failure.index} ${failure.endpoint} [${failure.kind}${failure.valid ? ', valid per schema' : ', invalid per schema'}]${failure.note ? ` ${failure.note}` : ''}`);
    lines.push(`  request: ${failure.requestBody}`);
    if (failure.status !== undefined) lines.push(`  answer:  ${failure.status} ${failure.responseBody}`);
    for (const { check, message } of failure.failures) lines.push(`  ${check}: ${message}`);
    lines.push(`  replay:  ${failure.replay}`);
  }
  lines.push('');
  lines.push(`${result.tried} inputs, ${result.failures.length} failed (seed ${result.seed}, ${result.durationMs} ms)`);
  return `${lines.join('\n')}\n`;
}
