import { parseArgs, type ParseArgsConfig } from 'node:util';

import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;

/**
 * parseArgs with the command's own words for its mistakes: an unknown flag, a flag without its
 * value or a stray argument becomes a UsageError naming the flag, instead of Node's long message.
 */
export function parseFlags<T extends Options>(command: string, args: string[], options: T, allowPositionals = false): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(flagMistake(error), command);
  }
}

function flagMistake(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // "Option '--port <value>' argument missing" or "Option '--in-memory' does not take an argument".
      return message.includes('does not take') ? `${quoted} takes no value` : `${quoted.replace(/ <value>$/, '')} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'`;
    default:
      return message;
  }
}
