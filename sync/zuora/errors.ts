/** One reason Zuora gave, whatever dialect it came in. */
export interface ZuoraReason {
  /** V1's 8-digit numbers arrive as numbers (V1) or strings (events); both are kept as strings. */
  code?: string;
  message: string;
  /** Quickstart names the offending request field. */
  parameter?: string;
}

/** V1 code category (last two digits) for "lock competition": the request was not applied, try again. */
export const LOCK_CONTENTION = 50;

export class ZuoraError extends Error {
  override readonly name = 'ZuoraError';
  /** HTTP status; 0 when no answer arrived (connection refused, reset, timeout). */
  readonly status: number;
  /** The first reason's code: V1's 8-digit number as a string, or Quickstart's word (`invalid_parameter`). */
  readonly code?: string;
  /** The last two digits of an 8-digit V1 code (20 invalid value, 40 not found, 50 lock contention...). */
  readonly category?: number;
  /** Whether sending the same request again may succeed; the client's retry loop reads this. */
  readonly retryable: boolean;
  readonly reasons: ZuoraReason[];

  constructor(init: { message: string; status: number; reasons?: ZuoraReason[]; retryable: boolean; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.reasons = init.reasons ?? [];
    this.retryable = init.retryable;
    const first = this.reasons[0];
    if (first?.code !== undefined) this.code = first.code;
    const category = categoryOf(first?.code);
    if (category !== undefined) this.category = category;
  }
}

function categoryOf(code: string | undefined): number | undefined {
  return code !== undefined && /^\d{8}$/.test(code) ? Number(code) % 100 : undefined;
}

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `[{code, message, parameter}]` in either capitalisation (the 2017 CRUD spec writes `Code`/`Message`). */
function reasonsFrom(list: unknown): ZuoraReason[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((item) => {
    const code = item.code ?? item.Code;
    const message = item.message ?? item.Message;
    const parameter = item.parameter;
    return {
      ...(code !== undefined && code !== null ? { code: String(code) } : {}),
      message: typeof message === 'string' ? message : '',
      ...(typeof parameter === 'string' && parameter !== '' ? { parameter } : {}),
    };
  });
}

/** Every shape Zuora reports failures in: V1 `reasons`, CRUD `errors`/`Errors`, Quickstart `errors`, OAuth and 401 `message`. */
function reasonsOf(body: unknown): ZuoraReason[] {
  if (!isObject(body)) return [];
  const listed = [...reasonsFrom(body.reasons), ...reasonsFrom(body.errors), ...reasonsFrom(body.Errors)];
  if (listed.length > 0) return listed;
  const message = body.message ?? body.error_description ?? body.error;
  return typeof message === 'string' ? [{ message }] : [];
}

/** V1 answers business failures with HTTP 200, so the status alone never settles success. */
function declaresFailure(body: unknown): boolean {
  return isObject(body) && (body.success === false || body.Success === false);
}

function describe(reason: ZuoraReason): string {
  const where = reason.parameter ? `${reason.parameter}: ` : '';
  const code = reason.code ? ` [${reason.code}]` : '';
  return `${where}${reason.message}${code}`;
}

/**
 * The error an answer stands for, or undefined when it is a success. `call` names the request
 * (`POST /v1/orders`) so a logged message says what failed.
 */
export function errorFromAnswer(call: string, status: number, body: unknown): ZuoraError | undefined {
  const httpFailed = status < 200 || status >= 300;
  if (!httpFailed && !declaresFailure(body)) return undefined;
  const reasons = reasonsOf(body);
  const detail = reasons.length > 0 ? reasons.map(describe).join('; ') : `HTTP ${status}`;
  const lockContention = reasons.some((reason) => categoryOf(reason.code) === LOCK_CONTENTION);
  // Quickstart says itself whether a retry may help; 429 and 5xx are transient whatever the body says,
  // and so is 409: the first request with this idempotency key is still running, and the same key
  // later gets its answer.
  const flagged = isObject(body) && body.retryable === true;
  return new ZuoraError({
    message: `${call} failed (${status}): ${detail}`,
    status,
    reasons,
    retryable: status === 429 || status === 409 || status >= 500 || lockContention || flagged,
  });
}

/** No answer at all: worth retrying, since the request may never have reached Zuora. */
export function networkError(call: string, cause: unknown): ZuoraError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ZuoraError({ message: `${call} failed: no answer (${reason})`, status: 0, retryable: true, cause });
}
