import { describe, expect, it } from 'vitest';
import { progress, type ProgressStream } from '../cli/progress.js';

// Long work shows one line redrawn in place on a terminal, and nothing when piped or in CI.

/** A terminal as the progress line sees one: it records what was written. */
function fakeTerminal(columns = 80): ProgressStream & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY: true, columns, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}
const terminal = { isTTY: true };
const CLEAR = '\r\x1b[2K';

describe('progress line', () => {
  it('redraws one line in place on a terminal and clears it at the end', () => {
    const stream = fakeTerminal();
    const line = progress('scenarios', { stream, output: terminal, env: {} });
    line.update(1, 3, '(last: signup)');
    line.update(2, 3);
    line.end();
    expect(stream.text()).toBe(`${CLEAR}scenarios 1/3 (last: signup)${CLEAR}scenarios 2/3${CLEAR}`);
    // Never a newline: the terminal keeps one line for it.
    expect(stream.text()).not.toContain('\n');
  });

  it('lets output lines through above it: cleared, written, drawn again', () => {
    const stream = fakeTerminal();
    const line = progress('contract steps', { stream, output: terminal, env: {} });
    line.update(4, 10);
    line.print(() => stream.write('✓ accounts: create\n'));
    expect(stream.text()).toBe(`${CLEAR}contract steps 4/10${CLEAR}✓ accounts: create\n${CLEAR}contract steps 4/10`);
  });

  it("is cut to the terminal's width so it never wraps", () => {
    const stream = fakeTerminal(20);
    progress('scenarios', { stream, output: terminal, env: {} }).update(1, 40, '(last: a scenario with a long name)');
    const drawn = stream.text().slice(CLEAR.length);
    expect(drawn.length).toBeLessThan(20);
    expect(drawn.startsWith('scenarios 1/40')).toBe(true);
  });

  it('writes nothing when stdout is piped, stderr is not a terminal, or CI is set', () => {
    const cases = [
      { output: { isTTY: false }, env: {} },
      { output: terminal, env: { CI: 'true' } },
    ];
    for (const { output, env } of cases) {
      const stream = fakeTerminal();
      const line = progress('fuzzing: input', { stream, output, env });
      line.update(1, 2);
      line.print(() => stream.write('a result\n'));
      line.end();
      expect(stream.text(), JSON.stringify({ output, env })).toBe('a result\n');
    }
    const piped = { ...fakeTerminal(), isTTY: false };
    const chunks: string[] = [];
    progress('soak: requests', { stream: { ...piped, write: (text: string) => chunks.push(text) }, output: terminal, env: {} }).update(1, 2);
    expect(chunks).toEqual([]);
  });
});
