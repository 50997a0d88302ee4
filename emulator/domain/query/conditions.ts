import { invalidValue } from '../errors.js';

// The conditions both query languages compile to: Object Query and Quickstart `filter[]`
// (`field.OP:value`, all of them ANDed) and ZOQL's WHERE clause (AND binds tighter than OR).

/** The operators of `filter[]`. */
export const OPERATORS = ['EQ', 'NE', 'LT', 'LE', 'GT', 'GE', 'SW', 'IN'] as const;
/** ZOQL also has LIKE, with `%` for any run of characters and `_` for one. */
export type Operator = (typeof OPERATORS)[number] | 'LIKE';

export type Literal = string | number | boolean | null;

export type Condition =
  | { kind: 'compare'; field: string; op: Operator; value: Literal | readonly Literal[] }
  | { kind: 'and' | 'or'; operands: readonly Condition[] };

export interface MatchOptions {
  /** ZOQL compares text without regard to letter case. */
  ignoreCase?: boolean;
  /** Reads a field of the item; plain property access by default. */
  read?: (item: unknown, field: string) => unknown;
}

const text = (value: unknown, ignoreCase: boolean): string => (ignoreCase ? String(value).toLowerCase() : String(value));

/** Orders a stored value against a literal the way Zuora does: numbers as numbers, everything else as text. */
function compare(actual: unknown, expected: Literal, ignoreCase: boolean): number {
  if (typeof actual === 'number') {
    const number = Number(expected);
    return Number.isNaN(number) ? Number.NaN : actual - number;
  }
  const [left, right] = [text(actual, ignoreCase), text(expected, ignoreCase)];
  return left < right ? -1 : left > right ? 1 : 0;
}

function test(actual: unknown, op: Operator, value: Literal | readonly Literal[], ignoreCase: boolean): boolean {
  if (Array.isArray(value)) return value.some((one: Literal) => test(actual, 'EQ', one, ignoreCase));
  const expected = value as Literal;
  const missing = actual === null || actual === undefined;
  if (expected === null || missing) {
    if (op === 'EQ') return missing && expected === null;
    if (op === 'NE') return missing !== (expected === null);
    return false;
  }
  switch (op) {
    case 'EQ':
      return compare(actual, expected, ignoreCase) === 0;
    case 'NE':
      return compare(actual, expected, ignoreCase) !== 0;
    case 'LT':
      return compare(actual, expected, ignoreCase) < 0;
    case 'LE':
      return compare(actual, expected, ignoreCase) <= 0;
    case 'GT':
      return compare(actual, expected, ignoreCase) > 0;
    case 'GE':
      return compare(actual, expected, ignoreCase) >= 0;
    case 'SW':
      return text(actual, ignoreCase).startsWith(text(expected, ignoreCase));
    case 'IN':
      return compare(actual, expected, ignoreCase) === 0;
    case 'LIKE':
      return likePattern(String(expected), ignoreCase).test(String(actual));
  }
}

function likePattern(pattern: string, ignoreCase: boolean): RegExp {
  const body = [...pattern].map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

const property = (item: unknown, field: string): unknown =>
  item && typeof item === 'object' ? (item as Record<string, unknown>)[field] : undefined;

export function matches(item: unknown, condition: Condition, options: MatchOptions = {}): boolean {
  const read = options.read ?? property;
  switch (condition.kind) {
    case 'and':
      return condition.operands.every((operand) => matches(item, operand, options));
    case 'or':
      return condition.operands.some((operand) => matches(item, operand, options));
    case 'compare':
      return test(read(item, condition.field), condition.op, condition.value, options.ignoreCase ?? false);
  }
}

/**
 * Parses the `filter[]` form `field.OP:value` (IN takes `[a,b]` or `a,b`). The field is left as
 * written; callers resolve it against the object they query.
 */
export function parseFilter(filter: string, object: string): Condition & { kind: 'compare' } {
  const match = /^([\w.]+?)\.([A-Za-z]{2}):(.*)$/s.exec(filter);
  const op = match?.[2]?.toUpperCase() as Operator | undefined;
  if (!match || !op || op === 'LIKE' || !OPERATORS.includes(op)) {
    throw invalidValue(object, 'filter[]', `'${filter}' is not a filter of the form field.OP:value (OP one of ${OPERATORS.join(', ')})`);
  }
  const raw = match[3] as string;
  const value = op === 'IN' ? raw.replace(/^\[|\]$/g, '').split(',').map((item) => item.trim()) : raw;
  return { kind: 'compare', field: match[1] as string, op, value };
}

/** All the filters of a query string, ANDed. */
export function parseFilters(filters: readonly string[], object: string): Condition {
  return { kind: 'and', operands: filters.map((filter) => parseFilter(filter, object)) };
}

/** Reads a query value that may be given once or repeated. */
export function queryValues(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
