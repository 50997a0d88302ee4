import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signature's timestamp may lie in the past, as Stripe's libraries allow by default. */
const TOLERANCE_SECONDS = 300;

/**
 * Checks a `Stripe-Signature` header (`t=<unix>,v1=<hex>...`) over the raw body with the endpoint's
 * secret, as Stripe's libraries do: any v1 may match, and the timestamp must be recent.
 */
export function verifyStripeSignature(header: string | undefined, body: string, secret: string, now: Date = new Date()): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.split('='));
  const t = parts.find(([name]) => name === 't')?.[1];
  if (!t || !/^\d+$/.test(t)) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const matches = parts
    .filter(([name]) => name === 'v1')
    .some(([, value]) => {
      const given = Buffer.from(value ?? '');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  return matches && Math.floor(now.getTime() / 1000) - Number(t) <= TOLERANCE_SECONDS;
}
