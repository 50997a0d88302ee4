import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CalloutAuth, CalloutDelivery } from './model.js';
import { outbound } from '../http/outbound.js';

/** Zuora keeps the first 60 KB of a receiver's answer in the callout history. */
const KEPT_RESPONSE_BYTES = 60 * 1024;
/** How long one attempt may take, challenge round trip included, before it counts as failed (wall time). */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

export interface SendResult {
  status: number | null;
  durationMs: number;
  responseBody?: string;
  error?: string;
}

const basic = (auth: CalloutAuth): string => `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;

async function once(delivery: CalloutDelivery, headers: Record<string, string>, signal: AbortSignal) {
  const response = await (await outbound()).request(delivery.url, {
    method: delivery.method,
    headers,
    ...(delivery.body !== null ? { body: delivery.body } : {}),
    signal,
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text };
}

/**
 * One attempt at a callout. With basic auth that is not preemptive, the first request goes without
 * credentials and a 401 Basic challenge is answered once with them; that round trip is part of the
 * same attempt.
 */
export async function sendCallout(delivery: CalloutDelivery, requestId: string, timeoutMs = DEFAULT_ATTEMPT_TIMEOUT_MS): Promise<SendResult> {
  const started = performance.now();
  // One deadline for the whole attempt: a receiver that never answers, or answers a byte at a time, fails it.
  const signal = AbortSignal.timeout(timeoutMs);
  const headers = delivery.stripe
    ? { ...delivery.headers, 'Stripe-Signature': stripeSignature(delivery.stripe.secret, delivery.body ?? '') }
    : { ...delivery.headers, 'Zuora-Request-Id': requestId, 'User-Agent': 'zuora-emulator-callout' };
  const { auth } = delivery;
  try {
    let answer = await once(delivery, auth?.preemptive ? { ...headers, Authorization: basic(auth) } : headers, signal);
    const challenge = String(answer.headers['www-authenticate'] ?? '');
    if (answer.status === 401 && auth && !auth.preemptive && /^basic/i.test(challenge)) {
      answer = await once(delivery, { ...headers, Authorization: basic(auth) }, signal);
    }
    return {
      status: answer.status,
      durationMs: Math.round(performance.now() - started),
      responseBody: answer.text.slice(0, KEPT_RESPONSE_BYTES),
    };
  } catch (error) {
    const message = signal.aborted ? `no answer within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return { status: null, durationMs: Math.round(performance.now() - started), error: message };
  }
}

/**
 * Stripe's `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the whole whsec_ secret>`. The
 * timestamp is the wall clock of this attempt, never the virtual time, so a receiver's tolerance
 * check passes however far the emulator's clock has moved.
 */
export function stripeSignature(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
