import { deref, isObject, type JsonObject, type JsonValue } from './json.js';

// Which fields of an official response schema an answer leaves out. A field with no value may be
// null (Zuora's wire sends null), but it must be there. Custom and connector fields (names with
// `__`: `*__c`, `*__NS`) exist only on tenants that define or install them, so they are not asked for.

/** A schema with its $refs followed and its allOf parts merged into one list of properties. */
export function propertiesOf(doc: JsonObject, schema: JsonValue | undefined, depth = 0): { properties: JsonObject; items?: JsonValue } {
  const resolved = deref(doc, schema);
  if (!isObject(resolved) || depth > 12) return { properties: {} };
  const properties: JsonObject = {};
  for (const part of Array.isArray(resolved.allOf) ? resolved.allOf : []) Object.assign(properties, propertiesOf(doc, part, depth + 1).properties);
  if (isObject(resolved.properties)) Object.assign(properties, resolved.properties);
  return { properties, ...(resolved.items !== undefined ? { items: resolved.items } : {}) };
}

/** JSON pointers of the schema's fields that `body` lacks, at every level the body has an object for. */
export function missingFields(doc: JsonObject, schema: JsonValue, body: unknown, pointer = '', depth = 0): string[] {
  if (depth > 12 || body === null || typeof body !== 'object') return [];
  const { properties, items } = propertiesOf(doc, schema);
  if (Array.isArray(body)) return body.flatMap((element, index) => (items === undefined ? [] : missingFields(doc, items, element, `${pointer}/${index}`, depth + 1)));
  const record = body as Record<string, unknown>;
  return Object.entries(properties).flatMap(([name, sub]) => {
    if (name.includes('__')) return [];
    if (!(name in record)) return [`${pointer}/${name}`];
    return missingFields(doc, sub, record[name], `${pointer}/${name}`, depth + 1);
  });
}
