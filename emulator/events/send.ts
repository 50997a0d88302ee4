import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { CalloutAuth, CalloutDelivery } from './model.js';
import { outbound, poolFor } from '../http/outbound.js';
import { startDeadline } from './deadlines.js';
import { keptAnswers } from '../keptAnswers.js';
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

interface Receiver {
  origin: string;
  path: string;
}

/** A callout URL's receiver, parsed once (null: not plain http(s)); a tenant sends to a few URLs, many times each. */
const receiverOf = keptAnswers((url): Receiver | null => {
  try {
    const parsed = new URL(url);
    const plain = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.username && !parsed.password;
    return plain ? { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` } : null;
  } catch {
    // Not a URL: undici's own request refuses it below, with its own error.
    return null;
  }
}, 1000);

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** An answer's text as undici's `body.text()` reads it: UTF-8, a leading byte order mark dropped. */
function textOf(chunks: readonly Buffer[]): string {
  const body = Buffer.concat(chunks);
  const start = body.length > 2 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  return body.toString('utf8', start);
}

/**
 * One request through the pool's dispatch API, the answer gathered as it arrives: `request()` builds
 * a response stream for every callout and reads it back, a good part of what a callout cost. The
 * deadline aborts it wherever it stands (a request still waiting for its connection, when it gets one).
 */
function exchange(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, deadline: EventEmitter): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let controller: Dispatcher.DispatchController | undefined;
    let abortedWith: Error | undefined;
    deadline.once('abort', () => {
      abortedWith = new Error('the attempt ran out of time');
      controller?.abort(abortedWith);
    });
    dispatcher.dispatch(options, {
      onRequestStart(started) {
        controller = started;
        if (abortedWith) started.abort(abortedWith);
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        // An informational answer (1xx) comes before the real one.
        if (statusCode < 200) return;
        status = statusCode;
        headers = responseHeaders;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        resolve({ status, headers, text: textOf(chunks) });
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    });
  });
}

/**
 * A callout receiver running in this very process (a sync engine started beside the emulator),
 * handed each callout to its URL with what the HTTP request would carry (header names in lower case,
 * as a server reads them) and answering as its HTTP endpoint would: the same attempt, without an
 * HTTP round trip. It answers undefined for a request it leaves to HTTP, which then carries it.
 */
export type CalloutReceiver = (request: { method: string; headers: Record<string, string>; body: string | null }) => Promise<{ status: number; headers: Record<string, string>; text: string } | undefined>;

/** Headers HTTP itself gives meaning to (framing, the connection): a callout that sets one goes over HTTP. */
const WIRE_HEADERS = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'content-length']);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What undici refuses in a header value. */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * The headers as a server reads them off the wire: names in lower case, values without the spaces
 * around them. Undefined when HTTP would not carry them as they are: a name or value undici refuses,
 * one of WIRE_HEADERS, or two names that differ only in case.
 */
function asReceived(headers: Record<string, string>): Record<string, string> | undefined {
  const received: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (!TOKEN.test(name) || INVALID_VALUE.test(value) || WIRE_HEADERS.has(key) || Object.hasOwn(received, key)) return undefined;
    received[key] = value.replace(/^[ \t]+|[ \t]+$/g, '');
  }
  return received;
}

/**
 * The receiver's answer, or the deadline's failure if that comes first (as a request running out of
 * time). The listener goes as the answer comes, in the same step: a `finally` after it cost three
 * promises more on every callout.
 */
function beforeDeadline<T>(work: Promise<T>, deadline: EventEmitter): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = (): void => reject(new Error('the attempt ran out of time'));
    deadline.once('abort', abort);
    work.then(
      (answer) => {
        deadline.off('abort', abort);
        resolve(answer);
      },
      (error: unknown) => {
        deadline.off('abort', abort);
        reject(error);
      },
    );
  });
}

function once(delivery: CalloutDelivery, headers: Record<string, string>, deadline: EventEmitter, receiver?: CalloutReceiver): Promise<Answer> {
  const received = receiver && asReceived(headers);
  if (receiver && received) return inProcess(receiver, delivery, received, deadline).then((answer) => answer ?? overHttp(delivery, headers, deadline));
  return overHttp(delivery, headers, deadline);
}

/** The receiver in this process, or undefined when it leaves the callout to HTTP. */
async function inProcess(receiver: CalloutReceiver, delivery: CalloutDelivery, headers: Record<string, string>, deadline: EventEmitter): Promise<Answer | undefined> {
  // A turn of the event loop before the receiver reads the callout and another before its answer
  // is read, as an HTTP exchange takes: a lane draining many deliveries would otherwise hold up
  // the requests and journal flushes waiting behind it.
  await nextTurn();
  const answer = await beforeDeadline(receiver({ method: delivery.method, headers, body: delivery.body }), deadline);
  await nextTurn();
  return answer;
}

/** The callout over HTTP: the exchange itself, without an async function around it. */
function overHttp(delivery: CalloutDelivery, headers: Record<string, string>, deadline: EventEmitter): Promise<Answer> {
  // Where the callout goes: its receiver's pool and the path.
  const target = receiverOf(delivery.url);
  const options = { method: delivery.method, headers, ...(delivery.body !== null ? { body: delivery.body } : {}) };
  if (!target) return viaRequest(delivery.url, options, deadline);
  const request = extend(options, { path: target.path });
  return exchange(poolFor(target.origin), request, deadline);
}

/** A URL the pool cannot take goes through undici's own request, which refuses it with its own error. */
async function viaRequest(url: string, options: Omit<Dispatcher.RequestOptions, 'path' | 'origin'>, deadline: EventEmitter): Promise<Answer> {
  const response = await (await outbound()).request(url, extend(options, { signal: deadline }));
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

/**
 * One attempt at a callout. With basic auth that is not preemptive, the first request goes without
 * credentials and a 401 Basic challenge is answered once with them; that round trip is part of the
 * same attempt. A receiver in this process (`receiver`, registered for the callout's URL) is handed it
 * directly.
 */
export async function sendCallout(delivery: CalloutDelivery, requestId: string, timeoutMs = DEFAULT_ATTEMPT_TIMEOUT_MS, receiver?: CalloutReceiver): Promise<SendResult> {
  const started = performance.now();
  // One deadline for the whole attempt: a receiver that never answers, or answers a byte at a time,
  // fails it. An emitter serves as the abort signal (undici takes one too); it costs a good deal
  // less than an AbortSignal.timeout per attempt.
  const deadline = new EventEmitter();
  let timedOut = false;
  const ended = startDeadline(timeoutMs, () => {
    timedOut = true;
    deadline.emit('abort');
  });
  const headers = delivery.stripe
    ? extend(delivery.headers, { 'Stripe-Signature': stripeSignature(delivery.stripe.secret, delivery.body ?? '') })
    : extend(delivery.headers, { 'Zuora-Request-Id': requestId, 'User-Agent': 'zuora-emulator-callout' });
  const { auth } = delivery;
  try {
    let answer = await once(delivery, auth?.preemptive ? extend(headers, { Authorization: basic(auth) }) : headers, deadline, receiver);
    const challenge = String(answer.headers['www-authenticate'] ?? '');
    if (answer.status === 401 && auth && !auth.preemptive && /^basic/i.test(challenge)) {
      answer = await once(delivery, extend(headers, { Authorization: basic(auth) }), deadline, receiver);
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
    ended();
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
