// Small readers for capture functions: answers are untyped JSON, and a capture that finds nothing
// returns no vars, so the steps that need them are skipped with a clear reason.

export type Json = Record<string, unknown>;

export const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The list in `body`: the body itself when it is an array, else the first of `keys` that holds one. */
export function listIn<T = Json>(body: unknown, keys: readonly string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (!isJson(body)) return [];
  for (const key of keys) {
    const value = body[key];
    if (Array.isArray(value)) return value as T[];
  }
  return [];
}

/** Keeps only the entries whose value is present, so a capture never stores undefined. */
export function present(vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars).filter(([, value]) => value !== undefined && value !== null));
}
