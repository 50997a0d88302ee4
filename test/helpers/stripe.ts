import { existsSync } from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { loadStripeFixtures, shapeProblems as checkShape, type StripeFixtures } from '../../contracts/stripe/shape.js';

/** Stripe's published example objects, beside the repository when present. */
const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/stripe/fixtures3.json');
export const fixturesPresent = existsSync(FIXTURES);
const fixtures: StripeFixtures = fixturesPresent ? loadStripeFixtures(FIXTURES) : {};

/** The official SDK, unchanged, pointed at the emulator by its documented host/port/protocol options. */
export function stripeSdk(url: string, secretKey: string, options: Stripe.StripeConfig = {}): Stripe {
  const { hostname, port } = new URL(url);
  return new Stripe(secretKey, { host: hostname, port: Number(port), protocol: 'http', ...options });
}

/** Where `actual` falls short of the fixture object of that name (contracts/stripe/shape.ts). */
export const shapeProblems = (actual: unknown, fixtureName: string, opaque: readonly string[] = []): string[] => checkShape(fixtures, actual, fixtureName, opaque);
