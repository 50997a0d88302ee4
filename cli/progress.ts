/**
 * Long work (scenario runs, contract suites, fuzzing, bench) shown as one line redrawn in place on
 * stderr. Drawn only for a person watching: stderr and stdout both terminals and `CI` unset; piped or
 * in CI it writes nothing, so logs and reports stay as they were.
 */
export interface Progress {
  /** Redraws the line: `<label> <done>/<total>`, then `detail` (cut to the terminal's width). */
  update(done: number, total: number, detail?: string): void;
  /** Writes output lines without tearing the progress line: clears it, writes, draws it again. */
  print(write: () => void): void;
  /** Clears the line, leaving the terminal as it was. */
  end(): void;
}

/** What the line is drawn on: a terminal stream (a test passes a fake one). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Where the line is drawn (default: stderr). */
  stream?: ProgressStream;
  /** The run's own output: when it is not a terminal (piped, redirected), no line is drawn (default: stdout). */
  output?: { isTTY?: boolean };
  env?: Record<string, string | undefined>;
}

const QUIET: Progress = { update: () => {}, print: (write) => write(), end: () => {} };
const CLEAR_LINE = '\r\x1b[2K';

export function progress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const output = options.output ?? process.stdout;
  const env = options.env ?? process.env;
  if (!stream.isTTY || !output.isTTY || env.CI) return QUIET;
  let line = '';
  const draw = (): void => {
    if (line) stream.write(`${CLEAR_LINE}${line}`);
  };
  const clear = (): void => {
    if (line) stream.write(CLEAR_LINE);
  };
  return {
    update: (done, total, detail) => {
      const text = `${label} ${done}/${total}${detail ? ` ${detail}` : ''}`;
      // One character short of the width: a full-width line wraps on some terminals and no longer redraws in place.
      line = stream.columns && text.length >= stream.columns ? `${text.slice(0, Math.max(1, stream.columns - 2))}…` : text;
      draw();
    },
    print: (write) => {
      clear();
      write();
      draw();
    },
    end: () => {
      clear();
      line = '';
    },
  };
}
