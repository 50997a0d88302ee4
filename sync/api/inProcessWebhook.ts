import { WEBHOOK_PATH } from '../config.js';
import { answerRoute, BODY_LIMIT_BYTES, wireReply } from './app.js';
import type { ApiRoute, Engine } from './routeTable.js';

// Zuora's callouts answered without HTTP, for an emulator running in this very process (the
// scenario runner's, or `zuora-emulator start`'s): the webhook's route runs on the request as its
// HTTP server would have read it, and its reply comes back as that server would have sent it,
// without two HTTP stacks and a socket in between on every callout. Only requests the HTTP server
// reads as plain JSON are taken; anything else goes over HTTP, where the server's own parsing answers it.

/** A callout as its HTTP request carries it: header names in lower case, as a server reads them. */
export interface InProcessRequest {
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/** The answer as the HTTP server sends it: header names in lower case, as a client reads them. */
export interface InProcessAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Half a surrogate pair, which UTF-8 cannot carry (in a /u pattern, a whole pair is one code point and does not match). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A content type express.json reads as UTF-8 (none, or one whose charset is UTF-8). */
const UTF8_CONTENT = /^[^;]*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * The JSON the engine's HTTP server would parse from this request, when that is exactly
 * `JSON.parse` of its text: a JSON object or array (express.json is strict, and its decoder would drop
 * a byte order mark), text that UTF-8 carries unchanged, within the size limit. Undefined otherwise.
 */
function plainJson(request: InProcessRequest): unknown {
  const { body } = request;
  const type = request.headers['content-type'];
  if (body === null || (type !== undefined && !UTF8_CONTENT.test(type)) || request.headers['content-encoding'] !== undefined) return undefined;
  if (!/^[ \t\r\n]*[{[]/.test(body)) return undefined;
  // Sent, the text is its UTF-8 bytes: it arrives as it left unless it held a lone surrogate.
  if (LONE_SURROGATE.test(body) || Buffer.byteLength(body) > BODY_LIMIT_BYTES) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // Not JSON: over HTTP, the server answers it as it answers any body it cannot parse.
    return undefined;
  }
}

/** Answers callouts posted to the engine's webhook as `POST /webhooks/zuora` does; undefined for those it leaves to HTTP. */
export function webhookInProcess(engine: Engine, routes: readonly ApiRoute[]): (request: InProcessRequest) => Promise<InProcessAnswer | undefined> {
  const route = routes.find((candidate) => candidate.method === 'POST' && candidate.path === WEBHOOK_PATH);
  if (!route) throw new Error(`the route table has no POST ${WEBHOOK_PATH}`);
  return async (request) => {
    const body = request.method === 'POST' ? plainJson(request) : undefined;
    if (body === undefined) return undefined;
    const reply = await answerRoute(engine, route, { params: {}, query: {}, body, rawBody: request.body ?? '', headers: request.headers }, `POST ${WEBHOOK_PATH}`);
    const { status, headers, text = '' } = wireReply(reply);
    return { status, headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])), text };
  };
}
