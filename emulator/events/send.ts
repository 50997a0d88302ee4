import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { CalloutAuth, CalloutDelivery } from './model.js';
import { outbound, poolFor } from '../http/outbound.js';
import { extend } from '../state/paths.js';

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

/** Where a callout goes: its receiver's pool and the path; undefined for a URL that is not plain http(s). */
async function targetOf(url: string): Promise<{ dispatcher: Dispatcher; path: string } | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.username || parsed.password) return undefined;
  return { dispatcher: await poolFor(parsed.origin), path: `${parsed.pathname}${parsed.search}` };
}

async function once(delivery: CalloutDelivery, headers: Record<string, string>, deadline: EventEmitter) {
  const target = await targetOf(delivery.url);
  const options = { method: delivery.method, headers, ...(delivery.body !== null ? { body: delivery.body } : {}), signal: deadline };
  // A URL the pool cannot take goes through undici's own request, which refuses it with its own error.
  const response = target ? await target.dispatcher.request(extend(options, { path: target.path })) : await (await outbound()).request(delivery.url, options);
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
  // One deadline for the whole attempt: a receiver that never answers, or answers a byte at a time,
  // fails it. undici takes an emitter as the abort signal; a timer on it costs a good deal less
  // than an AbortSignal.timeout per attempt.
  const deadline = new EventEmitter();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.emit('abort');
  }, timeoutMs);
  timer.unref();
  const headers = delivery.stripe
    ? extend(delivery.headers, { 'Stripe-Signature': stripeSignature(delivery.stripe.secret, delivery.body ?? '') })
    : extend(delivery.headers, { 'Zuora-Request-Id': requestId, 'User-Agent': 'zuora-emulator-callout' });
  const { auth } = delivery;
  try {
    let answer = await once(delivery, auth?.preemptive ? extend(headers, { Authorization: basic(auth) }) : headers, deadline);
    const challenge = String(answer.headers['www-authenticate'] ?? '');
    if (answer.status === 401 && auth && !auth.preemptive && /^basic/i.test(challenge)) {
      answer = await once(delivery, extend(headers, { Authorization: basic(auth) }), deadline);
    }
    return {
      status: answer.status,
      durationMs: Math.round(performance.now() - started),
      responseBody: answer.text.slice(0, KEPT_RESPONSE_BYTES),
    };
  } catch (error) {
    const message = timedOut ? `no answer within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return { status: null, durationMs: Math.round(performance.now() - started), error: message };
  } finally {
    clearTimeout(timer);
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
