import { isObject, type JsonObject, type JsonValue } from './json.js';

// The keywords through which OpenAPI 3.0 and Swagger 2.0 schemas nest other schemas.
/** Value is a map of name → schema. */
const SCHEMA_MAPS = new Set(['properties']);
/** Value is a schema (`additionalProperties` may also be a boolean). */
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not']);
/** Value is a list of schemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

/** Maps a spec-local ref (`#/components/schemas/X`) to one ajv can resolve. */
export type RefRewriter = (localRef: string) => string;

/**
 * Turns an OpenAPI 3.0 / Swagger 2.0 schema into draft-07 JSON Schema for ajv, as a new tree
 * (the parsed spec is shared and must stay as it was). Keywords ajv does not know (example, xml,
 * readOnly, x-*) are kept: ajv runs with strict: false and ignores them.
 */
export function toJsonSchema(schema: JsonValue, rewriteRef: RefRewriter): JsonValue {
  if (!isObject(schema)) return schema;
  const convert = (sub: JsonValue): JsonValue => toJsonSchema(sub, rewriteRef);

  if (typeof schema.$ref === 'string') {
    // OpenAPI 3.0 ignores a $ref's siblings. External refs become "anything": the compact v1 spec
    // has relative refs to files that were never published, so they cannot be resolved.
    return schema.$ref.startsWith('#') ? { $ref: rewriteRef(schema.$ref) } : {};
  }

  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub)]));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = convert(value);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(convert);
    } else {
      out[key] = value;
    }
  }

  // OpenAPI 3.0 (draft-04 style) boolean exclusive bounds → draft-07 numeric ones.
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const limit = out[bound];
    if (out[exclusive] === true && typeof limit === 'number') {
      out[exclusive] = limit;
      delete out[bound];
    } else if (typeof out[exclusive] === 'boolean') {
      delete out[exclusive];
    }
  }

  applyDiscriminator(out, rewriteRef);
  return applyNullable(out);
}

/**
 * `discriminator.mapping` picks the oneOf branch by a property's value. A mapped value must fit its
 * branch; any other body must fit at least one branch (anyOf, because plain oneOf would reject a
 * body that happens to fit two overlapping branches).
 */
function applyDiscriminator(out: JsonObject, rewriteRef: RefRewriter): void {
  const { discriminator, oneOf } = out;
  if (!isObject(discriminator) || !isObject(discriminator.mapping) || !Array.isArray(oneOf)) return;
  const property = discriminator.propertyName;
  if (typeof property !== 'string') return;
  const values: string[] = [];
  const mapped: JsonObject[] = [];
  for (const [value, target] of Object.entries(discriminator.mapping)) {
    // Mapping targets may also be bare schema names; these specs only use refs, so only refs are enforced.
    if (typeof target !== 'string' || !target.startsWith('#')) continue;
    values.push(value);
    mapped.push({
      if: { type: 'object', required: [property], properties: { [property]: { const: value } } },
      then: { $ref: rewriteRef(target) },
    });
  }
  const unmapped = {
    if: { type: 'object', required: [property], properties: { [property]: { enum: values } } },
    else: { anyOf: oneOf },
  };
  out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), ...mapped, unmapped];
  delete out.oneOf;
}

/**
 * OpenAPI 3.0 `nullable: true` → a type union. ajv's own `nullable` support throws on schemas
 * without `type` and still rejects null through `enum`, so the keyword is rewritten and removed.
 */
function applyNullable(out: JsonObject): JsonObject {
  const nullable = out.nullable === true;
  delete out.nullable;
  if (!nullable) return out;
  // An enum is a closed list, and null is not in most of the spec's nullable enums.
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}
