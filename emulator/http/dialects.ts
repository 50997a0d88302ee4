import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type DomainErrorKind } from '../domain/errors.js';
import { UnsafePathError } from '../state/paths.js';
import { LockContentionError, StoreUnavailableError } from '../state/store.js';
import type { Dialect, Reply } from './routeTable.js';

/**
 * V1 codes are a 6-digit resource code plus a 2-digit category. Zuora derives the resource from the
 * request payload; GET and DELETE failures carry 500000 ("unknown object"), as Zuora's do. The
 * per-object codes below are the emulator's own choice where Zuora's list is not public.
 */
const V1_RESOURCE_CODES: Record<string, number> = {
  Account: 500010,
  Contact: 500011,
  Product: 500020,
  ProductRatePlan: 500021,
  ProductRatePlanCharge: 500022,
  UnitOfMeasure: 500023,
  CustomFieldDefinition: 500030,
  Subscription: 531000,
  Order: 531100,
  Invoice: 500040,
  Payment: 587300,
  CreditMemo: 500070,
  Refund: 587400,
  BillRun: 500080,
  BillingPreviewRun: 500081,
  PaymentMethod: 500060,
  Usage: 500050,
};
const V1_UNKNOWN_RESOURCE = 500000;

/**
 * What each kind of failure is, dialect by dialect: the V1 code category (Zuora's: 10 permission,
 * 11 authentication, 20 invalid value, 21 unknown field, 22 missing field, 30 rule restriction,
 * 40 not found, 50 lock contention, 61 temporary error, 70 over a limit, 90 malformed), the HTTP
 * status where the dialect uses real statuses, the Quickstart `type`/`code`, the CRUD code.
 * `transport` failures (authentication, limits, media type, durability) are the HTTP layer's, so
 * V1 answers them with their real status too, not with its business 200.
 */
interface KindFacts {
  category: number;
  status: number;
  transport?: boolean;
  v2: { type: string; code?: string };
  crud: string;
  retryable?: boolean;
}

const KINDS: Record<DomainErrorKind, KindFacts> = {
  InvalidValue: { category: 20, status: 400, v2: { type: 'bad_request', code: 'invalid_parameter' }, crud: 'INVALID_VALUE' },
  UnknownField: { category: 21, status: 400, v2: { type: 'bad_request', code: 'invalid_parameter' }, crud: 'INVALID_FIELD' },
  UnrecognisedFields: { category: 21, status: 400, v2: { type: 'bad_request', code: 'invalid_parameter' }, crud: 'INVALID_FIELD' },
  MissingField: { category: 22, status: 400, v2: { type: 'bad_request', code: 'invalid_parameter' }, crud: 'MISSING_REQUIRED_VALUE' },
  Conflict: { category: 30, status: 400, v2: { type: 'bad_request', code: 'invalid_request' }, crud: 'INVALID_VALUE' },
  NotFound: { category: 40, status: 404, v2: { type: 'not_found', code: 'resource_not_found' }, crud: 'INVALID_ID' },
  Malformed: { category: 90, status: 400, v2: { type: 'bad_request', code: 'invalid_parameter' }, crud: 'MALFORMED_QUERY' },
  LockContention: { category: 50, status: 409, v2: { type: 'conflict', code: 'lock_competition' }, crud: 'LOCK_COMPETITION', retryable: true },
  Unauthenticated: { category: 11, status: 401, transport: true, v2: { type: 'unauthorized' }, crud: 'INVALID_SESSION' },
  Forbidden: { category: 10, status: 403, transport: true, v2: { type: 'forbidden', code: 'forbidden' }, crud: 'NO_PERMISSION' },
  UnsupportedMediaType: {
    category: 90,
    status: 415,
    transport: true,
    v2: { type: 'unsupported_media_type', code: 'unsupported_media_type' },
    crud: 'MALFORMED_QUERY',
  },
  TooLarge: { category: 70, status: 413, transport: true, v2: { type: 'payload_too_large', code: 'payload_too_large' }, crud: 'MAX_SIZE_EXCEEDED' },
  RateLimited: { category: 70, status: 429, transport: true, v2: { type: 'too_many_requests' }, crud: 'REQUEST_EXCEEDED_LIMIT', retryable: true },
  InProgress: { category: 61, status: 409, transport: true, v2: { type: 'conflict', code: 'request_in_progress' }, crud: 'REQUEST_IN_PROGRESS', retryable: true },
  KeyReused: {
    category: 20,
    status: 422,
    transport: true,
    v2: { type: 'unprocessable_entity', code: 'idempotency_key_reused' },
    crud: 'INVALID_VALUE',
  },
  Unavailable: { category: 61, status: 503, transport: true, v2: { type: 'service_unavailable' }, crud: 'TEMPORARY_ERROR', retryable: true },
};

/** Headers every answer of a failure carries whatever the dialect: when to come back, how to authenticate. */
function failureHeaders(error: DomainError): Record<string, string> | undefined {
  if (error.retryAfterSeconds !== undefined) return { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) };
  return undefined;
}

function withHeaders(reply: Reply, headers: Record<string, string> | undefined): Reply {
  return headers ? { ...reply, headers: { ...headers, ...reply.headers } } : reply;
}

/** Zuora answers V1 business errors with HTTP 200 and `success: false`; transport failures keep their real status. */
function v1Error(error: DomainError, method: string): Reply {
  const facts = KINDS[error.kind];
  const resource =
    method === 'GET' || method === 'DELETE' || facts.transport ? V1_UNKNOWN_RESOURCE : (V1_RESOURCE_CODES[error.object ?? ''] ?? V1_UNKNOWN_RESOURCE);
  const code = error.kind === 'Unauthenticated' ? 90000011 : resource * 100 + facts.category;
  // V1 reasons carry no field of their own, so a nested field's path leads the message.
  const nested = error.field && /[.[]/.test(error.field) && !error.message.includes(error.field);
  const message = nested ? `${error.field}: ${error.message}` : error.message;
  return {
    status: facts.transport ? facts.status : 200,
    body: { success: false, processId: processId(), reasons: [{ code, message }] },
  };
}

const PROXY_UNAUTHORIZED: Reply = {
  status: 401,
  body: { message: 'Authentication error' },
  headers: { 'WWW-Authenticate': 'Basic realm=Zuora API, ZSession realm=Zuora API, Bearer realm=Zuora API' },
};

function crudError(error: DomainError, method: string): Reply {
  if (error.kind === 'Unauthenticated') return PROXY_UNAUTHORIZED;
  if (error.kind === 'NotFound' && method === 'GET') return { status: 404, body: { done: true, records: [], size: 0 } };
  // Zuora names neither the fields nor a code here (its CRUD docs show this body).
  if (error.kind === 'UnrecognisedFields') return { status: 400, body: { message: 'Error - unrecognised fields' } };
  const facts = KINDS[error.kind];
  return { status: facts.transport ? facts.status : 400, body: { success: false, errors: [{ code: facts.crud, message: error.message }] } };
}

/** The actions API (ZOQL query and queryMore) faults with `{FaultCode, FaultMessage}`, HTTP 400 for a refused query. */
function actionError(error: DomainError): Reply {
  if (error.kind === 'Unauthenticated') return PROXY_UNAUTHORIZED;
  const facts = KINDS[error.kind];
  return { status: facts.transport ? facts.status : 400, body: { FaultCode: facts.crud, FaultMessage: error.message } };
}

/** Object Query answers failures with real statuses and CommonOQErrorResponse: numeric codes and the request id. */
function objectQueryError(error: DomainError): Reply {
  const facts = KINDS[error.kind];
  const code = error.kind === 'Unauthenticated' ? 90000011 : V1_UNKNOWN_RESOURCE * 100 + facts.category;
  return { status: facts.status, body: { reasons: [{ code, message: error.message }], requestId: randomUUID() } };
}

/** Quickstart: authentication, rate-limit and server failures carry an empty `errors` list, as Zuora's do. */
function v2Error(error: DomainError): Reply {
  const { status, v2, retryable } = KINDS[error.kind];
  const errors = v2.code ? [{ code: v2.code, parameter: error.field ?? 'body', message: error.message }] : [];
  return { status, body: { type: v2.type, errors, retryable: retryable ?? false } };
}

function eventsError(error: DomainError): Reply {
  const code = error.kind === 'Unauthenticated' ? 90000011 : V1_UNKNOWN_RESOURCE * 100 + KINDS[error.kind].category;
  return { status: KINDS[error.kind].status, body: { reasons: [{ code: String(code), message: error.message }] } };
}

/** The emulator's own dialect: real statuses, a conflict is a 409. */
function adminError(error: DomainError): Reply {
  const status = error.kind === 'Conflict' ? 409 : KINDS[error.kind].status;
  const reply: Reply = { status, body: { error: { kind: error.kind, field: error.field, message: error.message } } };
  return error.kind === 'Unauthenticated' ? { ...reply, headers: { 'WWW-Authenticate': 'Bearer realm="zuora-emulator admin"' } } : reply;
}

/** RFC 6749 error answers for the token endpoint. */
function oauthError(error: DomainError): Reply {
  if (error.kind === 'Unauthenticated') return { status: 401, body: { error: 'invalid_client', message: error.message } };
  const facts = KINDS[error.kind];
  if (facts.transport) return { status: facts.status, body: { error: facts.v2.type, message: error.message } };
  const code = error.field === 'grant_type' && error.kind === 'InvalidValue' ? 'unsupported_grant_type' : 'invalid_request';
  return { status: 400, body: { error: code, message: error.message } };
}

export function errorReply(dialect: Dialect, error: DomainError, method: string): Reply {
  return withHeaders(dialectError(dialect, error, method), failureHeaders(error));
}

function dialectError(dialect: Dialect, error: DomainError, method: string): Reply {
  switch (dialect) {
    case 'v1':
      return v1Error(error, method);
    case 'v1crud':
      return crudError(error, method);
    case 'action':
      return actionError(error);
    case 'objectQuery':
      return objectQueryError(error);
    case 'objects':
      // The custom objects API keeps V1's body but answers with real HTTP statuses.
      return { ...v1Error(error, method), status: KINDS[error.kind].status };
    case 'v2':
      return v2Error(error);
    case 'events':
      return eventsError(error);
    case 'admin':
      return adminError(error);
    case 'oauth':
      return oauthError(error);
  }
}

/** The answer for a failure nobody anticipated: the dialect's 500 shape, never a stack trace. */
export function internalErrorReply(dialect: Dialect): Reply {
  const message = 'The emulator failed to process this request; see its log.';
  switch (dialect) {
    case 'v1':
    case 'objects':
      return { status: 500, body: { reasons: [{ code: 50000060, message }] } };
    case 'v1crud':
      return { status: 500, body: { success: false, errors: [{ code: 'UNKNOWN_ERROR', message }] } };
    case 'action':
      return { status: 500, body: { FaultCode: 'UNKNOWN_ERROR', FaultMessage: message } };
    case 'objectQuery':
      return { status: 500, body: { reasons: [{ code: 50000060, message }], requestId: randomUUID() } };
    case 'v2':
      return { status: 500, body: { type: 'internal_server_error', errors: [], retryable: true } };
    case 'events':
      return { status: 500, body: { reasons: [{ code: '50000060', message }] } };
    case 'admin':
    case 'oauth':
      return { status: 500, body: { error: { kind: 'Internal', message } } };
  }
}

/** Which dialect answers a path no route claimed. */
export function dialectForPath(path: string): Dialect {
  if (path.startsWith('/v2/')) return 'v2';
  if (path.startsWith('/v1/object/')) return 'v1crud';
  if (path.startsWith('/v1/action/')) return 'action';
  if (path.startsWith('/object-query/')) return 'objectQuery';
  if (path.startsWith('/objects/')) return 'objects';
  if (/^\/(v1\/)?(events|notifications)\//.test(path)) return 'events';
  if (path.startsWith('/__emulator')) return 'admin';
  if (path.startsWith('/oauth')) return 'oauth';
  return 'v1';
}

export function processId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

/** Typed failures from below the domain (the store) become domain errors, so every dialect can shape them. */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof StoreUnavailableError) return new DomainError('Unavailable', error.message);
  if (error instanceof LockContentionError) return new DomainError('LockContention', error.message, error.object, undefined, 1);
  if (error instanceof UnsafePathError) return new DomainError('InvalidValue', 'Names such as __proto__, prototype and constructor cannot be used as keys', undefined, 'path');
  return undefined;
}
