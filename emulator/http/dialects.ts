import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type DomainErrorKind } from '../domain/errors.js';
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
  PaymentMethod: 500060,
  Usage: 500050,
};
const V1_UNKNOWN_RESOURCE = 500000;

const V1_CATEGORY: Record<DomainErrorKind, number> = {
  Unauthenticated: 11,
  InvalidValue: 20,
  UnknownField: 21,
  MissingField: 22,
  Conflict: 30,
  NotFound: 40,
  Malformed: 90,
};

/** Zuora answers V1 business errors with HTTP 200 and `success: false`; only auth failures change the status. */
function v1Error(error: DomainError, method: string): Reply {
  const resource =
    method === 'GET' || method === 'DELETE' ? V1_UNKNOWN_RESOURCE : (V1_RESOURCE_CODES[error.object ?? ''] ?? V1_UNKNOWN_RESOURCE);
  const code = error.kind === 'Unauthenticated' ? 90000011 : resource * 100 + V1_CATEGORY[error.kind];
  // V1 reasons carry no field of their own, so a nested field's path leads the message.
  const nested = error.field && /[.[]/.test(error.field) && !error.message.includes(error.field);
  const message = nested ? `${error.field}: ${error.message}` : error.message;
  return {
    status: error.kind === 'Unauthenticated' ? 401 : 200,
    body: { success: false, processId: processId(), reasons: [{ code, message }] },
  };
}

const CRUD_CODES: Record<DomainErrorKind, string> = {
  Unauthenticated: 'INVALID_SESSION',
  InvalidValue: 'INVALID_VALUE',
  UnknownField: 'INVALID_FIELD',
  MissingField: 'MISSING_REQUIRED_VALUE',
  Conflict: 'INVALID_VALUE',
  NotFound: 'INVALID_ID',
  Malformed: 'MALFORMED_QUERY',
};

function crudError(error: DomainError, method: string): Reply {
  if (error.kind === 'Unauthenticated') return PROXY_UNAUTHORIZED;
  if (error.kind === 'NotFound' && method === 'GET') return { status: 404, body: { done: true, records: [], size: 0 } };
  return { status: 400, body: { success: false, errors: [{ code: CRUD_CODES[error.kind], message: error.message }] } };
}

const PROXY_UNAUTHORIZED: Reply = {
  status: 401,
  body: { message: 'Authentication error' },
  headers: { 'WWW-Authenticate': 'Basic realm=Zuora API, ZSession realm=Zuora API, Bearer realm=Zuora API' },
};

/** The actions API (ZOQL query and queryMore) faults with HTTP 400 and `{FaultCode, FaultMessage}`. */
function actionError(error: DomainError): Reply {
  if (error.kind === 'Unauthenticated') return PROXY_UNAUTHORIZED;
  return { status: 400, body: { FaultCode: CRUD_CODES[error.kind], FaultMessage: error.message } };
}

/** Object Query answers failures with real statuses and CommonOQErrorResponse: numeric codes and the request id. */
function objectQueryError(error: DomainError): Reply {
  const code = error.kind === 'Unauthenticated' ? 90000011 : V1_UNKNOWN_RESOURCE * 100 + V1_CATEGORY[error.kind];
  return { status: EVENTS_STATUS[error.kind], body: { reasons: [{ code, message: error.message }], requestId: randomUUID() } };
}

const V2_STATUS: Record<DomainErrorKind, { status: number; type: string; code: string }> = {
  Unauthenticated: { status: 401, type: 'unauthorized', code: 'unauthorized' },
  InvalidValue: { status: 400, type: 'bad_request', code: 'invalid_parameter' },
  UnknownField: { status: 400, type: 'bad_request', code: 'invalid_parameter' },
  MissingField: { status: 400, type: 'bad_request', code: 'invalid_parameter' },
  Conflict: { status: 400, type: 'bad_request', code: 'invalid_request' },
  NotFound: { status: 404, type: 'not_found', code: 'resource_not_found' },
  Malformed: { status: 400, type: 'bad_request', code: 'invalid_parameter' },
};

function v2Error(error: DomainError): Reply {
  const { status, type, code } = V2_STATUS[error.kind];
  const errors = error.kind === 'Unauthenticated' ? [] : [{ code, parameter: error.field ?? 'body', message: error.message }];
  return { status, body: { type, errors, retryable: false } };
}

const EVENTS_STATUS: Record<DomainErrorKind, number> = {
  Unauthenticated: 401,
  InvalidValue: 400,
  UnknownField: 400,
  MissingField: 400,
  Conflict: 400,
  NotFound: 404,
  Malformed: 400,
};

function eventsError(error: DomainError): Reply {
  const code = error.kind === 'Unauthenticated' ? 90000011 : V1_UNKNOWN_RESOURCE * 100 + V1_CATEGORY[error.kind];
  return { status: EVENTS_STATUS[error.kind], body: { reasons: [{ code: String(code), message: error.message }] } };
}

const ADMIN_STATUS: Record<DomainErrorKind, number> = { ...EVENTS_STATUS, Conflict: 409 };

function adminError(error: DomainError): Reply {
  return { status: ADMIN_STATUS[error.kind], body: { error: { kind: error.kind, field: error.field, message: error.message } } };
}

/** RFC 6749 error answers for the token endpoint. */
function oauthError(error: DomainError): Reply {
  if (error.kind === 'Unauthenticated') return { status: 401, body: { error: 'invalid_client', message: error.message } };
  const code = error.field === 'grant_type' && error.kind === 'InvalidValue' ? 'unsupported_grant_type' : 'invalid_request';
  return { status: 400, body: { error: code, message: error.message } };
}

export function errorReply(dialect: Dialect, error: DomainError, method: string): Reply {
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
      return { ...v1Error(error, method), status: EVENTS_STATUS[error.kind] };
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

export function asDomainError(error: unknown): DomainError | undefined {
  return error instanceof DomainError ? error : undefined;
}
