// Field-by-field comparison of an answer with the facts of a real Zuora answer (field path -> JSON
// type): how many of the real answer's fields come back with the same name and type.

export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export const jsonType = (value: unknown): JsonType =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType);

/** Every field path of a body with the types seen there; `[]` stands for the elements of an array. */
export function fieldTypes(body: unknown, prefix = '', into = new Map<string, Set<JsonType>>()): Map<string, Set<JsonType>> {
  const note = (path: string, value: unknown) => {
    if (!into.has(path)) into.set(path, new Set());
    into.get(path)?.add(jsonType(value));
  };
  if (Array.isArray(body)) {
    for (const element of body) {
      note(`${prefix}[]`, element);
      fieldTypes(element, `${prefix}[]`, into);
    }
  } else if (typeof body === 'object' && body !== null) {
    for (const [key, value] of Object.entries(body)) {
      const path = prefix ? `${prefix}.${key}` : key;
      note(path, value);
      fieldTypes(value, path, into);
    }
  }
  return into;
}

export interface Mismatch {
  path: string;
  real: JsonType;
  emulator: JsonType[] | 'missing';
}

export interface Comparison {
  matched: number;
  total: number;
  mismatches: Mismatch[];
}

/**
 * A real field matches when the emulator's answer has it with the same type. A null on either side
 * carries no type (the field was unset in one of the two answers), so there the name decides.
 */
export function compareFields(reference: Readonly<Record<string, JsonType>>, body: unknown): Comparison {
  const seen = fieldTypes(body);
  const mismatches: Mismatch[] = [];
  for (const [path, real] of Object.entries(reference)) {
    const types = seen.get(path);
    if (!types) {
      mismatches.push({ path, real, emulator: 'missing' });
      continue;
    }
    if (real === 'null' || types.has(real) || (types.size === 1 && types.has('null'))) continue;
    mismatches.push({ path, real, emulator: [...types] });
  }
  const total = Object.keys(reference).length;
  return { matched: total - mismatches.length, total, mismatches };
}
