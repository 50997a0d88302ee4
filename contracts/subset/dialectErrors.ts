import type { Dialect } from '../../emulator/http/routeTable.js';

/** An error answer an operation can give: status and the response component of its body. */
export interface ErrorAnswer {
  status: number;
  schema: string;
  description: string;
}

// Which failures each dialect answers with which status (emulator/http/dialects.ts, FACTS.md (a)).
// V1 sends its business errors with HTTP 200; that case is folded into the success answer.

const V1: readonly ErrorAnswer[] = [
  { status: 401, schema: 'V1ErrorResponse', description: 'Not authenticated (code 90000011)' },
  { status: 500, schema: 'V1ServerError', description: 'Internal error' },
];

const ACTION: readonly ErrorAnswer[] = [
  { status: 400, schema: 'ActionFault', description: 'A query Zuora refuses (`MALFORMED_QUERY`, `INVALID_FIELD`, `INVALID_VALUE`)' },
  { status: 401, schema: 'CrudUnauthorized', description: 'Not authenticated' },
  { status: 500, schema: 'ActionFault', description: 'Internal error' },
];

const OBJECT_QUERY: readonly ErrorAnswer[] = [
  { status: 400, schema: 'ObjectQueryError', description: 'Invalid filter, sort, field, expansion or paging' },
  { status: 401, schema: 'ObjectQueryError', description: 'Not authenticated' },
  { status: 404, schema: 'ObjectQueryError', description: 'No such record' },
  { status: 500, schema: 'ObjectQueryError', description: 'Internal error' },
];

const OBJECTS: readonly ErrorAnswer[] = [
  { status: 400, schema: 'V1ErrorResponse', description: 'Invalid request' },
  { status: 401, schema: 'V1ErrorResponse', description: 'Not authenticated' },
  { status: 404, schema: 'V1ErrorResponse', description: 'No such object' },
  { status: 500, schema: 'V1ServerError', description: 'Internal error' },
];

const CRUD = (method: string): readonly ErrorAnswer[] => [
  { status: 400, schema: 'CrudErrorResponse', description: 'Invalid request' },
  { status: 401, schema: 'CrudUnauthorized', description: 'Not authenticated' },
  ...(method === 'GET' ? [{ status: 404, schema: 'CrudNoData', description: 'No such record' }] : []),
  { status: 500, schema: 'CrudErrorResponse', description: 'Internal error' },
];

const QUICKSTART: readonly ErrorAnswer[] = [
  { status: 400, schema: 'QuickstartErrorResponse', description: 'Invalid request (`bad_request`, code `invalid_parameter`)' },
  { status: 401, schema: 'QuickstartErrorResponse', description: 'Not authenticated (`unauthorized`)' },
  { status: 404, schema: 'QuickstartErrorResponse', description: 'Not found (`not_found`, code `resource_not_found`)' },
  { status: 500, schema: 'QuickstartErrorResponse', description: 'Internal error (`internal_server_error`)' },
];

const EVENTS: readonly ErrorAnswer[] = [
  { status: 400, schema: 'EventsErrorResponse', description: 'Invalid request' },
  { status: 401, schema: 'EventsErrorResponse', description: 'Not authenticated' },
  { status: 404, schema: 'EventsErrorResponse', description: 'Not found' },
  { status: 500, schema: 'EventsErrorResponse', description: 'Internal error' },
];

const ADMIN: readonly ErrorAnswer[] = [
  { status: 400, schema: 'EmulatorError', description: 'Invalid request' },
  { status: 404, schema: 'EmulatorError', description: 'Unknown tenant, snapshot or record' },
  { status: 409, schema: 'EmulatorError', description: 'Conflict, e.g. a tenant that already exists' },
  { status: 500, schema: 'EmulatorError', description: 'Internal error' },
];

const OAUTH: readonly ErrorAnswer[] = [
  { status: 400, schema: 'OAuthErrorResponse', description: 'Invalid request or unsupported grant type' },
  { status: 401, schema: 'OAuthErrorResponse', description: 'Invalid client credentials' },
  { status: 500, schema: 'EmulatorError', description: 'Internal error' },
];

export function errorAnswers(dialect: Dialect, method: string): readonly ErrorAnswer[] {
  switch (dialect) {
    case 'v1':
      return V1;
    case 'v1crud':
      return CRUD(method);
    case 'action':
      return ACTION;
    case 'objectQuery':
      return OBJECT_QUERY;
    case 'objects':
      return OBJECTS;
    case 'v2':
      return QUICKSTART;
    case 'events':
      return EVENTS;
    case 'admin':
      return ADMIN;
    case 'oauth':
      return OAUTH;
  }
}

/** V1 REST answers business errors with HTTP 200 and `success: false`. */
export const V1_ERROR_WITH_200 = 'V1ErrorResponse';
