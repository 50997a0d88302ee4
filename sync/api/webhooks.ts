import { carriesCredentials } from '../calloutCredentials.js';
import { handleCallout, type CalloutBody } from '../inbound/index.js';
import { ApiError } from './errors.js';
import { isPlainObject } from './input.js';
import type { ApiReply, ApiRequest } from './routeTable.js';

/**
 * `POST /webhooks/zuora`: a callout from Zuora, with the basic auth connect registered. A failure
 * answers 5xx, which makes Zuora retry; the handlers are idempotent, so a retry is harmless.
 */
export async function receiveCallout({ engine, headers, body }: ApiRequest): Promise<ApiReply> {
  if (!carriesCredentials(headers.authorization, engine.callouts)) {
    return {
      status: 401,
      headers: { 'WWW-Authenticate': 'Basic realm="zuora-callouts"' },
      body: new ApiError(401, 'UNAUTHORIZED', 'Callouts must carry the credentials registered by connect').toBody(),
    };
  }
  return { body: await handleCallout(engine.ctx, calloutParams(body)) };
}

/** Callout parameters are merge fields rendered into text; a number or boolean is read as its text. */
function calloutParams(body: unknown): CalloutBody {
  if (!isPlainObject(body)) throw new ApiError(400, 'INVALID_CALLOUT', 'A callout body must be a JSON object of parameters');
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'object' && value !== null) throw new ApiError(400, 'INVALID_CALLOUT', `Callout parameter '${name}' must be text`);
    params[name] = value === null ? '' : String(value);
  }
  return params;
}
