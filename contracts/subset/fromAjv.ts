import type { AnySchema } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';

// The emulator validates request bodies with JSON Schema (draft-07, for ajv) kept in its route
// tables. The subset's request bodies are generated from those very schemas, rewritten into the
// OpenAPI 3.0 dialect of schema: no type lists, no `const`, no patternProperties, `nullable` instead
// of a null type.

type Json = Record<string, unknown>;

/** Keywords whose value is one schema, a list of schemas, or a map of name to schema. */
const ONE = new Set(['items', 'not']);
const LIST = new Set(['allOf', 'anyOf', 'oneOf']);
const MAP = new Set(['properties']);
/** Only meaningful to ajv. */
const DROPPED = new Set(['$id', '$schema', '$comment']);

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function toOpenApiSchema(schema: AnySchema): OpenAPIV3.SchemaObject {
  if (schema === true) return {};
  if (schema === false) return { not: {} };
  return convert(schema as Json);
}

function convert(schema: Json): OpenAPIV3.SchemaObject {
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (ONE.has(key) && (isJson(value) || typeof value === 'boolean')) out[key] = toOpenApiSchema(value as AnySchema);
    else if (LIST.has(key) && Array.isArray(value)) out[key] = value.map((sub) => toOpenApiSchema(sub as AnySchema));
    else if (MAP.has(key) && isJson(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toOpenApiSchema(sub as AnySchema)]));
    } else if (key === 'additionalProperties' && isJson(value)) out[key] = convert(value);
    else if (key === 'const') out.enum = [value];
    // OpenAPI 3.0 has no patternProperties; the extension keeps the fact (custom fields `Name__c` are open) readable.
    else if (key === 'patternProperties' && isJson(value)) out['x-patternProperties'] = value;
    else if (key === 'required' && Array.isArray(value) && value.length === 0) continue;
    else out[key] = value;
  }
  applyTypeList(out);
  applyEnumType(out);
  return out as OpenAPIV3.SchemaObject;
}

/** `type: ['string', 'null']` -> `type: string, nullable: true`; several real types become anyOf. */
function applyTypeList(out: Json): void {
  if (!Array.isArray(out.type)) return;
  const types = out.type as string[];
  const real = types.filter((type) => type !== 'null');
  if (types.length !== real.length) out.nullable = true;
  if (real.length === 1) out.type = real[0];
  else {
    delete out.type;
    out.anyOf = real.map((type) => ({ type }));
  }
}

/**
 * An enum without a type gets the type its values share, so readers (and the drift check) see
 * `string` rather than nothing; a null among the values makes it nullable.
 */
function applyEnumType(out: Json): void {
  if (!Array.isArray(out.enum)) return;
  const values = out.enum as unknown[];
  if (values.includes(null)) out.nullable = true;
  if (out.type !== undefined || out.anyOf !== undefined) return;
  const kinds = new Set(values.filter((value) => value !== null).map((value) => typeof value));
  const [kind] = [...kinds];
  if (kinds.size === 1 && (kind === 'string' || kind === 'boolean' || kind === 'number')) out.type = kind;
}
