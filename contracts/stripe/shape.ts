import { readFileSync } from 'node:fs';

// The shape check of Stripe answers: Stripe's published example objects (its OpenAPI fixtures, one
// per resource, e.g. `customer`, `invoice`) are the reference. An answer must carry every key of the
// fixture object of its kind, and where both sides hold a value it must be of the same JSON type.

export type StripeFixtures = Readonly<Record<string, unknown>>;

/** The example objects of a fixtures file (`{resources: {name: object}}`, as Stripe publishes them). */
export function loadStripeFixtures(file: string): StripeFixtures {
  return (JSON.parse(readFileSync(file, 'utf8')) as { resources: Record<string, unknown> }).resources;
}

/** Stripe's SDK 21+ turns `*_decimal` strings into Decimal objects; on the wire they were strings. */
const isDecimal = (value: unknown): boolean => typeof value === 'object' && value !== null && value.constructor?.name === 'DecimalImpl';
const kind = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : isDecimal(value) ? 'string' : typeof value);

/**
 * Where `actual` falls short of the fixture object `name`: every key of the fixture must be there,
 * and where both sides hold a value (not null) it must be of the same JSON type, checked down
 * through nested objects and the first element of arrays. Fixture values are examples, so a null
 * on either side is accepted for a nullable field; `opaque` paths hold objects of varying kind
 * (checked on their own), and `metadata` keys are the user's own.
 */
export function shapeProblems(fixtures: StripeFixtures, actual: unknown, name: string, opaque: readonly string[] = []): string[] {
  const fixture = fixtures[name];
  if (fixture === undefined) return [`no fixture named ${name}`];
  const problems: string[] = [];
  const walk = (expected: unknown, got: unknown, at: string) => {
    if (expected === null || got === null || got === undefined || opaque.includes(at)) return;
    if (kind(expected) !== kind(got)) {
      problems.push(`${at}: ${kind(got)} where the fixture has ${kind(expected)}`);
      return;
    }
    if (Array.isArray(expected) && Array.isArray(got)) {
      if (expected.length > 0 && got.length > 0) walk(expected[0], got[0], `${at}[0]`);
      return;
    }
    if (typeof expected === 'object' && !at.endsWith('.metadata')) {
      for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
        if (!(key in (got as Record<string, unknown>))) problems.push(`${at}.${key}: missing`);
        else walk(value, (got as Record<string, unknown>)[key], `${at}.${key}`);
      }
    }
  };
  walk(fixture, actual, name);
  return problems;
}
