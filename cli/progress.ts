/** Shows long work as a counter redrawn in place on stderr; silent when stderr is not a terminal or in CI. */
export interface Progress {
  update(done: number, total: number): void;
  /** Clears the counter, leaving the terminal as it was. */
  end(): void;
}

export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.CI) return { update: () => {}, end: () => {} };
  let shown = false;
  return {
    update: (done, total) => {
      shown = true;
      stream.write(`\r${label} ${done}/${total}`);
    },
    end: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
