import { stringify } from 'yaml';

// Partial matching for expectations: the expected value names what matters and the rest of the
// actual value is ignored. Maps match key by key; lists match item by item (in any order) and must
// have as many items; numbers match numeric text ("42.00" is 42); date-times match the same instant
// however written; `null` means absent. A map whose
// keys all start with `$` is a matcher: $ne, $exists, $gt, $gte, $lt, $lte, $regex, $contains, $length.

export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
  reason: string;
}

const MONEY_EPSILON = 1e-6;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isMatcher = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => key.startsWith('$'));

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** A date-time with its zone: two spellings of one instant (`...00Z`, `...00.000Z`) are equal. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function scalarEqual(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  if (typeof expected === 'string' && typeof actual === 'string' && INSTANT.test(expected) && INSTANT.test(actual)) {
    return Date.parse(expected) === Date.parse(actual);
  }
  if (typeof expected === 'number' || typeof actual === 'number') {
    const [a, b] = [asNumber(expected), asNumber(actual)];
    return a !== undefined && b !== undefined && Math.abs(a - b) < MONEY_EPSILON;
  }
  return false;
}

function matchOperators(expected: Record<string, unknown>, actual: unknown, path: string, out: Mismatch[]): void {
  const fail = (reason: string) => out.push({ path, expected, actual, reason });
  for (const [operator, operand] of Object.entries(expected)) {
    const n = asNumber(actual);
    const m = asNumber(operand);
    switch (operator) {
      case '$ne':
        if (matches(operand, actual)) fail(`must not be ${JSON.stringify(operand)}`);
        break;
      case '$exists':
        if ((actual !== undefined && actual !== null) !== Boolean(operand)) fail(operand ? 'must be present' : 'must be absent');
        break;
      case '$gt':
        if (n === undefined || m === undefined || !(n > m)) fail(`must be more than ${String(operand)}`);
        break;
      case '$gte':
        if (n === undefined || m === undefined || !(n >= m - MONEY_EPSILON)) fail(`must be at least ${String(operand)}`);
        break;
      case '$lt':
        if (n === undefined || m === undefined || !(n < m)) fail(`must be less than ${String(operand)}`);
        break;
      case '$lte':
        if (n === undefined || m === undefined || !(n <= m + MONEY_EPSILON)) fail(`must be at most ${String(operand)}`);
        break;
      case '$regex':
        if (typeof actual !== 'string' || !new RegExp(String(operand)).test(actual)) fail(`must match /${String(operand)}/`);
        break;
      case '$contains':
        if (!Array.isArray(actual) || !actual.some((item) => matches(operand, item))) fail(`must contain an item matching ${JSON.stringify(operand)}`);
        break;
      case '$length':
        if (!Array.isArray(actual) || actual.length !== m) fail(`must have ${String(operand)} items`);
        break;
      default:
        fail(`unknown matcher ${operator} (known: $ne, $exists, $gt, $gte, $lt, $lte, $regex, $contains, $length)`);
    }
  }
}

/** Pairs each expected item with a distinct actual item it matches; undefined when there is no such pairing. */
function pairing(expected: readonly unknown[], actual: readonly unknown[]): number[] | undefined {
  if (expected.length !== actual.length) return undefined;
  if (expected.every((item, index) => matches(item, actual[index]))) return expected.map((_, index) => index);
  const pairs = closestPairing(expected, actual);
  return pairs.every((index, position) => index >= 0 && matches(expected[position], actual[index])) ? pairs : undefined;
}

/**
 * Each expected item paired with the distinct actual item it differs from least (-1 when none is
 * left): exact matches first, then the closest, so a report names the real differences rather than
 * those of items that only stand in each other's place.
 */
function closestPairing(expected: readonly unknown[], actual: readonly unknown[]): number[] {
  const costs = expected.map((item) => actual.map((candidate) => mismatches(item, candidate).length));
  const pairs = expected.map(() => -1);
  const used = new Set<number>();
  const candidates = costs
    .flatMap((row, i) => row.map((cost, j) => ({ i, j, cost })))
    .sort((a, b) => a.cost - b.cost || a.i - b.i || Math.abs(a.i - a.j) - Math.abs(b.i - b.j) || a.j - b.j);
  for (const { i, j } of candidates) {
    if (pairs[i] !== -1 || used.has(j)) continue;
    pairs[i] = j;
    used.add(j);
  }
  return pairs;
}

/** How to say that nothing is there: the record itself, or one of its fields. */
const absent = (actual: unknown, path: string): string | undefined =>
  actual === undefined || actual === null ? (path ? 'is missing' : 'there is none') : undefined;

function collect(expected: unknown, actual: unknown, path: string, out: Mismatch[]): void {
  if (expected === null || expected === undefined) {
    if (actual !== null && actual !== undefined) out.push({ path, expected: null, actual, reason: 'must be absent' });
    return;
  }
  if (isMatcher(expected)) {
    matchOperators(expected, actual, path, out);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push({ path, expected, actual, reason: absent(actual, path) ?? 'must be a list' });
      return;
    }
    if (actual.length !== expected.length) {
      out.push({ path, expected, actual, reason: `must have ${expected.length} item(s), has ${actual.length}` });
      return;
    }
    if (pairing(expected, actual)) return;
    // No pairing: report each expected item against the actual item closest to it.
    closestPairing(expected, actual).forEach((index, position) => collect(expected[position], actual[index], join(path, index), out));
    return;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) {
      out.push({ path, expected, actual, reason: absent(actual, path) ?? 'must be a map' });
      return;
    }
    for (const [key, value] of Object.entries(expected)) collect(value, actual[key], join(path, key), out);
    return;
  }
  if (!scalarEqual(expected, actual)) out.push({ path, expected, actual, reason: actual === undefined ? 'is missing' : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}` });
}

export function mismatches(expected: unknown, actual: unknown): Mismatch[] {
  const out: Mismatch[] = [];
  collect(expected, actual, '', out);
  return out;
}

export const matches = (expected: unknown, actual: unknown): boolean => mismatches(expected, actual).length === 0;

/** The part of `actual` that `expected` talks about, shaped like `expected`, for the diff. */
export function project(expected: unknown, actual: unknown): unknown {
  if (isMatcher(expected) || expected === null || expected === undefined) return actual;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return actual;
    const pairs = closestPairing(expected, actual);
    const shown = pairs.flatMap((index, position) => (index >= 0 ? [project(expected[position], actual[index])] : []));
    // Items no expected item stands for are shown whole: they are why the lists differ.
    return [...shown, ...actual.filter((_, index) => !pairs.includes(index))];
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return actual;
    return Object.fromEntries(Object.keys(expected).map((key) => [key, key in actual ? project(expected[key], actual[key]) : MISSING]));
  }
  // Numeric text shown as the expected number, so equal amounts do not show up as different lines.
  if (typeof expected === 'number' && scalarEqual(expected, actual)) return expected;
  return actual;
}

const MISSING = '<missing>';

function yamlLines(value: unknown): string[] {
  if (value === undefined) return [MISSING];
  return stringify(value, { lineWidth: 0 }).trimEnd().split('\n');
}

/** A line diff: ` ` kept, `-` expected only, `+` actual only. */
export function lineDiff(expected: string[], actual: string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i]![j] = expected[i] === actual[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (expected[i] === actual[j]) {
      out.push(`  ${expected[i]}`);
      i += 1;
      j += 1;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push(`- ${expected[i]}`);
      i += 1;
    } else {
      out.push(`+ ${actual[j]}`);
      j += 1;
    }
  }
  while (i < n) out.push(`- ${expected[i++]}`);
  while (j < m) out.push(`+ ${actual[j++]}`);
  return out;
}

/** `- expected` / `+ actual` lines for what an expectation named. */
export function diff(expected: unknown, actual: unknown): string {
  return ['--- expected', '+++ actual', ...lineDiff(yamlLines(expected), yamlLines(project(expected, actual)))].join('\n');
}
