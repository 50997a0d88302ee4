import { QUERYABLE_OBJECTS, type QueryableObject } from '../../../emulator/domain/query/objects.js';
import { array, bool, int, map, nullable, object, ref, str, type SchemaMap } from '../schema.js';

// Object Query and ZOQL answers. An Object Query record has the fields of its object (the
// emulator's table of queryable objects lists them from the official Expanded<Object> schemas);
// their types are the official spec's business, which `contract run --official-spec` checks.
// Custom fields and expanded relations come as further members.

const anyValue = {};

function record(queryable: QueryableObject) {
  return object(Object.fromEntries(queryable.fields.map((field) => [field, anyValue])), ['id']);
}

export const QUERY_SCHEMAS: SchemaMap = {
  ...Object.fromEntries(
    QUERYABLE_OBJECTS.flatMap((queryable) => [
      [`ObjectQuery${queryable.name}`, record(queryable)],
      [`ObjectQuery${queryable.name}List`, object({ nextPage: nullable(str()), data: array(ref(`ObjectQuery${queryable.name}`)) }, ['nextPage', 'data'])],
    ]),
  ),
  ZoqlQueryResult: object(
    {
      done: bool(),
      size: int(),
      queryLocator: str(),
      records: array(map()),
    },
    ['done', 'size', 'records'],
  ),
};
