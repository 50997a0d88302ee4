import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';

/** Stripe's published example objects, beside the repository when present. */
const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/stripe/fixtures3.json');
export const fixturesPresent = existsSync(FIXTURES);
const fixtures: Record<string, unknown> = fixturesPresent ? (JSON.parse(readFileSync(FIXTURES, 'utf8')) as { resources: Record<string, unknown> }).resources : {};

/** The official SDK, unchanged, pointed at the emulator by its documented host/port/protocol options. */
export function stripeSdk(url: string, secretKey: string, options: Stripe.StripeConfig = {}): Stripe {
  const { hostname, port } = new URL(url);
  return new Stripe(secretKey, { host: hostname, port: Number(port), protocol: 'http', ...options });
}

/** SDK 21+ turns `*_decimal` strings into Decimal objects; on the wire they were strings. */
const isDecimal = (value: unknown): boolean => typeof value === 'object' && value !== null && value.constructor?.name === 'DecimalImpl';
const kind = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : isDecimal(value) ? 'string' : typeof value);

/**
 * Where `actual` falls short of the fixture object of that name: every key of the fixture must be
 * there, and where both sides hold a value (not null) it must be of the same JSON type, checked
 * down through nested objects and the first element of arrays. Fixture values are examples, so a
 * null on either side is accepted (`opaque` paths hold objects of varying kind, checked on their own) for a nullable field, and `metadata` keys are the user's own.
 */
export function shapeProblems(actual: unknown, fixtureName: string, opaque: readonly string[] = []): string[] {
  const fixture = fixtures[fixtureName];
  if (fixture === undefined) return [`no fixture named ${fixtureName}`];
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
    // Metadata is the user's own map: its example keys are not part of the shape.
    if (typeof expected === 'object' && !at.endsWith('.metadata')) {
      for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
        if (!(key in (got as Record<string, unknown>))) problems.push(`${at}.${key}: missing`);
        else walk(value, (got as Record<string, unknown>)[key], `${at}.${key}`);
      }
    }
  };
  walk(fixture, actual, fixtureName);
  return problems;
}
