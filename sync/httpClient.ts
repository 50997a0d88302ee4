import { request as plainRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';

// The engine's HTTP client towards Zuora, Stripe and the emulator: node's own http(s), through its
// global keep-alive agents (which close an idle connection before the server's announced
// Keep-Alive timeout). The engine's setup at `zuora-emulator start` makes its first calls before
// the ready line; a client library took longer to load than all of those calls together.

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** For the whole exchange, answer body included. */
  timeoutMs: number;
}

/** The answer as it came: any status, the body as text ('' when empty). */
export interface HttpAnswer {
  status: number;
  text: string;
}

/** A request as a server reads it (header names in lower case), for a server in this very process. */
export interface LocalRequest {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A server in this process that answers some requests itself: undefined for those it leaves to HTTP. */
export type LocalServer = (request: LocalRequest) => Promise<HttpAnswer | undefined>;

/** Servers in this process, by their origin (`http://127.0.0.1:4010`). */
const localServers = new Map<string, LocalServer>();

/**
 * Requests to `origin` are offered to `server` first (the emulator beside the engine under
 * `zuora-emulator start` answers the engine's reads of its tenant so); the returned function ends that.
 */
export function answerLocally(origin: string, server: LocalServer): () => void {
  const key = new URL(origin).origin;
  localServers.set(key, server);
  return () => {
    if (localServers.get(key) === server) localServers.delete(key);
  };
}

/** The headers as a server reads them: names in lower case, with the Host and Connection node's client adds. */
function asRead(url: URL, headers: Record<string, string>): Record<string, string> {
  const read: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) read[name.toLowerCase()] = value;
  return { host: url.host, ...read, connection: 'keep-alive' };
}

type Send = (url: URL, options: RequestOptions, onAnswer: (response: IncomingMessage) => void) => ClientRequest;

/** node:https (and with it TLS) only once a URL asks for it: the emulator beside the engine is plain http. */
async function sender(url: URL): Promise<Send> {
  if (url.protocol === 'http:') return plainRequest;
  if (url.protocol === 'https:') return (await import('node:https')).request;
  throw new TypeError(`unsupported protocol ${url.protocol} in ${url.href}`);
}

/**
 * One request. Rejects only when no whole answer arrived (refused, reset, timed out); every status
 * resolves. The time limit is one timer for the whole exchange, cleared with the answer: an
 * AbortSignal per request (a timer, an event target and listeners on the request) cost the engine
 * more than the rest of its client.
 */
export async function request(address: string, { method, headers, body, timeoutMs }: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(address);
  const local = localServers.get(url.origin);
  if (local) {
    // A turn of the event loop before the request is read and another before its answer is, as an
    // HTTP exchange takes: a flow of many reads would otherwise hold up everything else in the process.
    await nextTurn();
    const answer = await local({ method, url: `${url.pathname}${url.search}`, headers: asRead(url, headers), ...(body !== undefined ? { body } : {}) });
    await nextTurn();
    if (answer) return answer;
  }
  const send = await sender(url);
  const payload = body === undefined ? undefined : Buffer.from(body);
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method, headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.once('error', fail);
    });
    // Unref'd as AbortSignal.timeout's was: a pending limit alone does not keep the process up.
    const timer = setTimeout(() => outgoing.destroy(new Error(`no whole answer within ${timeoutMs} ms`)), timeoutMs).unref();
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    outgoing.once('error', fail);
    outgoing.end(payload);
  });
}
