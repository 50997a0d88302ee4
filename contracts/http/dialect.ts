// Which of Zuora's wire dialects answers a path: each has its own success and error shapes
// (see ../shared/zuora-openapi/FACTS.md section (a)). The harness works this out from the URL alone,
// as it must against a real Zuora, rather than asking the emulator.

export type WireDialect = 'v1' | 'v1crud' | 'action' | 'objectQuery' | 'objects' | 'v2' | 'events' | 'oauth';

export function dialectOf(path: string): WireDialect {
  const pathname = path.split('?')[0] ?? path;
  if (pathname.startsWith('/v2/')) return 'v2';
  if (pathname.startsWith('/v1/object/')) return 'v1crud';
  if (pathname.startsWith('/v1/action/')) return 'action';
  if (pathname.startsWith('/object-query/')) return 'objectQuery';
  if (pathname.startsWith('/objects/')) return 'objects';
  if (/^\/(v1\/)?(events|notifications)\//.test(pathname)) return 'events';
  if (pathname.startsWith('/oauth/')) return 'oauth';
  return 'v1';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** V1 answers business errors with HTTP 200 and `success: false`. */
export function isV1Failure(body: unknown): boolean {
  return isRecord(body) && (body.success === false || body.Success === false);
}

/** A rejection: a non-2xx status, or a 2xx whose V1 body says `success: false`. */
export function isRejection(status: number, body: unknown): boolean {
  return status < 200 || status >= 300 || isV1Failure(body);
}

const V1_CODE = /^\d{8}$/;

/**
 * Problems with an error body in `dialect`'s documented shape; empty when it fits.
 * - v1 / objects: `{success: false, processId?, reasons: [{code: 8 digits, message}]}`
 * - v1crud: `{success|Success: false, errors|Errors: [{code|Code, message|Message}]}`, or the 404 `{done, records, size}`
 * - v2: `{type, errors: [{code, parameter, message}], retryable}` (401/5xx may have `errors: []`)
 * - events: `{reasons: [{code, message}]}`
 * - action: `{FaultCode, FaultMessage}` (401: `{message}`)
 * - objectQuery: `{reasons: [{code: 8 digits, message}], requestId}`
 * - oauth: `{error | message}` (RFC 6749 style)
 */
export function errorShapeProblems(dialect: WireDialect, status: number, body: unknown): string[] {
  if (!isRecord(body)) return [`error body is not a JSON object: ${JSON.stringify(body)?.slice(0, 120)}`];
  const problems: string[] = [];
  const reasons = (list: unknown, codeField = 'code', messageField = 'message'): void => {
    if (!Array.isArray(list) || list.length === 0) {
      problems.push('has no reasons/errors list');
      return;
    }
    for (const item of list) {
      if (!isRecord(item) || !V1_CODE.test(String(item[codeField])) || typeof item[messageField] !== 'string') {
        problems.push(`reason ${JSON.stringify(item)} is not {${codeField}: 8 digits, ${messageField}: string}`);
      }
    }
  };
  switch (dialect) {
    case 'v1':
    case 'objects':
      // 5xx answers are the spec's ErrorResponse, `{reasons}` without `success`.
      if (status < 500 && body.success !== false) problems.push('success is not false');
      reasons(body.reasons);
      break;
    case 'events':
    case 'objectQuery':
      reasons(body.reasons);
      break;
    case 'action':
      if (status === 401 ? typeof body.message !== 'string' : typeof body.FaultCode !== 'string' || typeof body.FaultMessage !== 'string') {
        problems.push('is not {FaultCode, FaultMessage}');
      }
      break;
    case 'v1crud': {
      if (status === 404 && Array.isArray(body.records)) break;
      if (body.success !== false && body.Success !== false) problems.push('success is not false');
      const errors = body.errors ?? body.Errors;
      if (!Array.isArray(errors) || errors.length === 0) problems.push('has no errors list');
      break;
    }
    case 'v2': {
      if (typeof body.type !== 'string') problems.push('type is not a string');
      if (typeof body.retryable !== 'boolean') problems.push('retryable is not a boolean');
      if (!Array.isArray(body.errors)) problems.push('errors is not a list');
      else if (status === 400 && body.errors.length === 0) problems.push('a 400 lists no errors');
      else {
        for (const item of body.errors) {
          if (!isRecord(item) || typeof item.code !== 'string' || typeof item.message !== 'string') {
            problems.push(`error ${JSON.stringify(item)} is not {code, parameter, message}`);
          }
        }
      }
      break;
    }
    case 'oauth':
      if (typeof body.error !== 'string' && typeof body.message !== 'string') problems.push('has neither error nor message');
      break;
  }
  return problems;
}
