// `${name.path}` references to captured values. A string that is nothing but one reference takes
// the value itself (a number stays a number, a record stays a record); inside longer text the value
// is written out. `$${` is a literal `${`.

export class InterpolationError extends Error {}

const WHOLE = /^\$\{([^}]+)\}$/;
const ANY = /\$\$\{|\$\{([^}]+)\}/g;

export type Captures = Map<string, unknown>;

function pathOf(expression: string): string[] {
  return expression
    .trim()
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '');
}

export function lookup(captures: Captures, expression: string): unknown {
  const [name, ...rest] = pathOf(expression);
  if (!name || !captures.has(name)) {
    const known = [...captures.keys()].filter((key) => !key.startsWith('_'));
    throw new InterpolationError(`\${${expression}}: nothing was captured as '${name ?? ''}' (captured so far: ${known.join(', ') || 'nothing'})`);
  }
  let value: unknown = captures.get(name);
  const walked = [name];
  for (const key of rest) {
    if (value === null || typeof value !== 'object' || !(key in (value as Record<string, unknown>))) {
      const keys = value !== null && typeof value === 'object' ? Object.keys(value as object).slice(0, 20).join(', ') : typeof value;
      throw new InterpolationError(`\${${expression}}: '${walked.join('.')}' has no '${key}' (it has: ${keys || 'nothing'})`);
    }
    value = (value as Record<string, unknown>)[key];
    walked.push(key);
  }
  return value;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** The value with every reference in it replaced; the input is left as it was. */
export function interpolate<T>(value: T, captures: Captures): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole?.[1] !== undefined) return structuredClone(lookup(captures, whole[1])) as T;
    return value.replace(ANY, (_match, expression: string | undefined) => (expression === undefined ? '${' : text(lookup(captures, expression)))) as T;
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, captures)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, interpolate(item, captures)])) as T;
  }
  return value;
}
