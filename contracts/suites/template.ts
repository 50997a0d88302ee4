import type { Vars } from './types.js';

/** A `${name}` reference that no earlier step provided. */
export class MissingVar extends Error {
  constructor(readonly reference: string) {
    super(`needs \${${reference}}, which no earlier step provided`);
  }
}

const WHOLE = /^\$\{([^}]+)\}$/;
const ANY = /\$\{([^}]+)\}/g;

function lookup(vars: Vars, reference: string): unknown {
  let value: unknown = vars;
  for (const key of reference.split('.')) {
    if (typeof value !== 'object' || value === null) throw new MissingVar(reference);
    value = (value as Record<string, unknown>)[/^\d+$/.test(key) && Array.isArray(value) ? Number(key) : key];
  }
  if (value === undefined || value === null) throw new MissingVar(reference);
  return value;
}

/** Replaces references in strings, deep inside arrays and objects; throws MissingVar. */
export function interpolate(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole?.[1]) return lookup(vars, whole[1]);
    return value.replace(ANY, (_, reference: string) => String(lookup(vars, reference)));
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, vars));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, vars)]));
  }
  return value;
}

/** `/v2/accounts/:account_id` + `{account_id: '${account.id}'}` -> `/v2/accounts/8a...` plus the query. */
export function concretePath(path: string, params: Record<string, string> | undefined, query: Record<string, string> | undefined, vars: Vars): string {
  const filled = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const template = params?.[name];
    if (template === undefined) throw new MissingVar(`params.${name}`);
    return encodeURIComponent(String(interpolate(template, vars)));
  });
  if (!query) return filled;
  const search = new URLSearchParams();
  for (const [key, template] of Object.entries(query)) search.append(key, String(interpolate(template, vars)));
  return `${filled}?${search.toString()}`;
}
