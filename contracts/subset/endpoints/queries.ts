import { QUERYABLE_OBJECTS } from '../../../emulator/domain/query/objects.js';
import { array, bool, str } from '../schema.js';
import { param } from './parameters.js';
import type { EndpointDocs, QueryParameter } from './types.js';

// Object Query (one list and one by-key read per object, generated from the emulator's table of
// queryable objects) and ZOQL through the actions API.

const OBJECT_QUERY_SHAPING: readonly QueryParameter[] = [
  param('fields[]', 'Fields to answer, repeated or comma-separated; `<object>.fields[]` selects fields of the object or of an expanded one.', array(str())),
  param('expand[]', 'Related objects to embed, e.g. `billto` or `subscriptions.rateplans.rateplancharges`.', array(str())),
  param('includeNullFields', 'Also answer fields that have no value, as null.', bool()),
];

const OBJECT_QUERY_LIST: readonly QueryParameter[] = [
  param('filter[]', 'Filters of the form `field.OP:value` (EQ, NE, LT, LE, GT, GE, SW, IN), all of which must hold.', array(str())),
  param('sort[]', 'Sort keys of the form `field.ASC` or `field.DESC`, applied in the order given.', array(str())),
  param('pageSize', 'Records per page (default 10).', { type: 'integer', minimum: 1, maximum: 99 }),
  param('cursor', 'The `nextPage` value of the previous page.', str()),
  ...OBJECT_QUERY_SHAPING,
];

const objectQueryDocs: EndpointDocs = Object.fromEntries(
  QUERYABLE_OBJECTS.flatMap((object) => [
    [
      `GET /object-query/${object.path}`,
      {
        summary: `List ${object.name} records (Object Query)`,
        official: { spec: 'v1', path: `/object-query/${object.path}` },
        query: OBJECT_QUERY_LIST,
        success: { status: 200, schema: `ObjectQuery${object.name}List` },
      },
    ],
    [
      `GET /object-query/${object.path}/:key`,
      {
        summary: `Read one ${object.name} by id${object.keys.length > 0 ? ` or ${object.keys.join(' or ')}` : ''} (Object Query)`,
        official: { spec: 'v1', path: `/object-query/${object.path}/{key}` },
        query: OBJECT_QUERY_SHAPING,
        success: { status: 200, schema: `ObjectQuery${object.name}` },
      },
    ],
  ]),
);

export const QUERY_ENDPOINTS: EndpointDocs = {
  ...objectQueryDocs,
  'POST /v1/action/query': {
    summary: 'Run a ZOQL query; the first batch of records',
    official: { spec: 'v1', path: '/v1/action/query' },
    success: { status: 200, schema: 'ZoqlQueryResult' },
  },
  'POST /v1/action/queryMore': {
    summary: 'The next batch of a ZOQL query, by its queryLocator',
    official: { spec: 'v1', path: '/v1/action/queryMore' },
    success: { status: 200, schema: 'ZoqlQueryResult' },
  },
};
