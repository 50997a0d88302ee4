// Deliberately invalid bodies: each mutation breaks one rule of the route's schema at one place.
// Whether the result is really invalid is decided afterwards by validating it (see generate.ts):
// an "unknown field" is fine where the schema allows extra properties.
import { pick, type Random } from './random.js';

export type Mutation = 'wrong-type' | 'missing-required' | 'unknown-field' | 'out-of-range';
export const MUTATIONS: readonly Mutation[] = ['wrong-type', 'missing-required', 'unknown-field', 'out-of-range'];

type Schema = Record<string, unknown>;
type Json = Record<string, unknown>;

interface Location {
  /** Keys from the root; empty for the body itself. */
  path: (string | number)[];
  schema: Schema;
  value: unknown;
}

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asSchema = (value: unknown): Schema => (isJson(value) ? value : {});

/** Every place in `body` the schema describes, depth first, the body itself first. */
function locations(schema: Schema, value: unknown, path: (string | number)[] = []): Location[] {
  const found: Location[] = [{ path, schema, value }];
  if (isJson(value) && isJson(schema.properties)) {
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (key in value) found.push(...locations(asSchema(sub), value[key], [...path, key]));
    }
  }
  if (Array.isArray(value) && isJson(schema.items)) {
    value.forEach((item, index) => found.push(...locations(asSchema(schema.items), item, [...path, index])));
  }
  return found;
}

/** Returns a copy of `body` with `path` set to `value` (or removed when `remove`). */
function setAt(body: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy: unknown = structuredClone(body);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete parent[last];
  else parent[last] = value;
  return copy;
}

const pointer = (path: (string | number)[]): string => (path.length ? `/${path.join('/')}` : '(body)');

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Values of every JSON type; a wrong-type mutation picks one whose type differs from the current one. */
const SAMPLES: readonly unknown[] = [42, -1.5, 'zemu-fuzz', true, null, [], {}, ['zemu'], { zemu: 1 }];

function wrongType(body: unknown, places: Location[], random: Random): { body: unknown; note: string } {
  const place = pick(random, places) as Location;
  const choices = SAMPLES.filter((sample) => typeOf(sample) !== typeOf(place.value));
  const value = pick(random, choices);
  return { body: setAt(body, place.path, value), note: `wrong type at ${pointer(place.path)}: ${JSON.stringify(value)}` };
}

function outOfRangeValue(schema: Schema, value: unknown): unknown {
  if (Array.isArray(schema.enum)) return typeof value === 'number' ? 987654321 : 'zemu-not-in-enum';
  if ('const' in schema) return 'zemu-not-the-const';
  if (typeof schema.maximum === 'number') return schema.maximum + 1;
  if (typeof schema.minimum === 'number') return schema.minimum - 1;
  if (typeof schema.maxLength === 'number') return 'x'.repeat(schema.maxLength + 1);
  if (typeof schema.minLength === 'number' && schema.minLength > 0) return '';
  if (typeof schema.format === 'string') return `not-a-${schema.format}`;
  if (typeof schema.pattern === 'string') return '\u0000 zemu !';
  if (typeof schema.maxItems === 'number') return Array.from({ length: schema.maxItems + 1 }, () => (Array.isArray(value) ? value[0] : null));
  if (typeof schema.minItems === 'number' && schema.minItems > 0) return [];
  if (typeof schema.minProperties === 'number' && schema.minProperties > 0) return {};
  return undefined;
}

/** Applies `mutation` to a valid body. Falls back to a wrong type where the schema offers no such rule. */
export function mutate(mutation: Mutation, schema: Schema, body: unknown, random: Random): { body: unknown; note: string } {
  const places = locations(schema, body);
  if (mutation === 'missing-required') {
    const removable = places.flatMap((place) =>
      isJson(place.value) && Array.isArray(place.schema.required)
        ? place.schema.required.filter((key): key is string => typeof key === 'string' && key in (place.value as Json)).map((key) => [...place.path, key])
        : [],
    );
    const path = pick(random, removable);
    if (path) return { body: setAt(body, path, undefined, true), note: `missing required ${pointer(path)}` };
  }
  if (mutation === 'unknown-field') {
    const objects = places.filter((place) => isJson(place.value));
    const place = pick(random, objects);
    if (place) {
      const key = `zemuUnknownField${Math.floor(random() * 1000)}`;
      return { body: setAt(body, [...place.path, key], 'zemu'), note: `unknown field ${pointer([...place.path, key])}` };
    }
  }
  if (mutation === 'out-of-range') {
    const bounded = places.map((place) => ({ place, value: outOfRangeValue(place.schema, place.value) })).filter((entry) => entry.value !== undefined);
    const chosen = pick(random, bounded);
    if (chosen) return { body: setAt(body, chosen.place.path, chosen.value), note: `out of range at ${pointer(chosen.place.path)}: ${JSON.stringify(chosen.value).slice(0, 40)}` };
  }
  const fallback = wrongType(body, places, random);
  return mutation === 'wrong-type' ? fallback : { ...fallback, note: `${fallback.note} (no ${mutation} possible)` };
}
