/**
 * A mistake in how a command was called (an unknown flag, a missing or bad value): exit code 2.
 * `command` names the command whose --help to point at ('' for the top level).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

/**
 * Known by its name rather than its class: the bin's bundle holds its own copy of this module, beside
 * the one the scenario and contract commands (ES modules of their own) throw theirs from.
 */
export const isUsageError = (error: unknown): error is UsageError => error instanceof Error && error.name === 'UsageError';

/** Exit code 2: the caller can fix the command line. */
export const USAGE_EXIT = 2;
/** Exit code 1: the command was right, but something it needed failed (port, host, data directory, state file). */
export const RUNTIME_EXIT = 1;

/**
 * The one line a person sees for a failure, and its exit code. Anything not known to be a user's
 * mistake still gets one line (its message); the stack trace is only for --verbose or DEBUG.
 */
export function describeFailure(error: unknown, command: string): { line: string; exitCode: number } {
  if (isUsageError(error)) {
    const name = commandName(error.command);
    return { line: `${name}: ${error.message} (see ${name} --help)`, exitCode: USAGE_EXIT };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `${commandName(command)}: ${firstLine(message)}`, exitCode: RUNTIME_EXIT };
}

/** `zuora-emulator start`, or plain `zuora-emulator` for mistakes before a command is known. */
const commandName = (command: string): string => (command ? `zuora-emulator ${command}` : 'zuora-emulator');

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
