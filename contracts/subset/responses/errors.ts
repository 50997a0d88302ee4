import { always, array, described, int, object, oneOf, str, type SchemaMap } from '../schema.js';

// The error bodies of each wire dialect (FACTS.md section (a)), as the emulator sends them.

/** V1 codes are 8 digits: a 6-digit resource code and a 2-digit category (20 invalid value, 22 missing field, 40 not found...). */
const v1Code = described(
  'An 8-digit number: resource code and category. Real Zuora sends a number although its spec types the code as a string.',
  { ...int(), minimum: 10000000, maximum: 99999999 },
);

export const ERROR_SCHEMAS: SchemaMap = {
  V1ErrorResponse: described(
    'A V1 failure. Business errors come with HTTP 200 and `success: false`; an authentication failure with 401.',
    object({ success: always(false), processId: str(), reasons: array(object({ code: v1Code, message: str() }, ['code', 'message'])) }, [
      'success',
      'reasons',
    ]),
  ),
  V1ServerError: described(
    'What a V1 endpoint answers with HTTP 500 (ErrorResponse: reasons without `success`).',
    object({ reasons: array(object({ code: v1Code, message: str() }, ['code', 'message'])) }, ['reasons']),
  ),
  CrudErrorResponse: described(
    'A `/v1/object/*` failure (ProxyBadRequestResponse of the current V1 spec).',
    object({ success: always(false), errors: array(object({ code: str(), message: str() }, ['code', 'message'])) }, ['success', 'errors']),
  ),
  CrudUnauthorized: described('ProxyUnauthorizedResponse, sent with a `WWW-Authenticate` header.', object({ message: str() }, ['message'])),
  CrudNoData: described(
    'ProxyNoDataResponse: a CRUD read of a record that does not exist.',
    object({ done: { type: 'boolean' }, records: array(object({})), size: int() }, ['done', 'records', 'size']),
  ),
  ActionFault: described(
    'A failure of the actions API (`/v1/action/*`): a fault code such as MALFORMED_QUERY or INVALID_FIELD and its message.',
    object({ FaultCode: str(), FaultMessage: str() }, ['FaultCode', 'FaultMessage']),
  ),
  ObjectQueryError: described(
    'CommonOQErrorResponse: Object Query failures with numeric 8-digit codes and the request id.',
    object({ reasons: array(object({ code: v1Code, message: str() }, ['code', 'message'])), requestId: str() }, ['reasons']),
  ),
  EventsErrorResponse: described(
    'ErrorResponse of the events and notifications APIs; the code is the 8-digit V1 code written as a string.',
    object({ reasons: array(object({ code: str(), message: str() }, ['code', 'message'])) }, ['reasons']),
  ),
  QuickstartErrorResponse: described(
    'Every Quickstart error. 401 and 5xx answers carry an empty `errors` list.',
    object(
      {
        type: str(),
        errors: array(object({ code: str(), parameter: str(), message: str() }, ['code', 'message'])),
        retryable: { type: 'boolean' },
      },
      ['type', 'errors', 'retryable'],
    ),
  ),
  OAuthErrorResponse: described(
    'RFC 6749 error of the token endpoint: `invalid_request`, `invalid_client` (401) or `unsupported_grant_type`.',
    object({ error: oneOf('invalid_request', 'invalid_client', 'unsupported_grant_type'), message: str() }, ['error']),
  ),
  EmulatorError: described(
    'Failures of the admin API, and of the token endpoint with HTTP 500.',
    object({ error: object({ kind: str(), field: str(), message: str() }, ['kind', 'message']) }, ['error']),
  ),
};
