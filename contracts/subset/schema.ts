import type { OpenAPIV3 } from 'openapi-types';

// Small builders for the OpenAPI 3.0 schemas the subset is written in, so the response files read
// like the field lists they are.

export type Schema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;
export type SchemaMap = Record<string, Schema>;

export const str = (): OpenAPIV3.SchemaObject => ({ type: 'string' });
export const num = (): OpenAPIV3.SchemaObject => ({ type: 'number' });
export const int = (): OpenAPIV3.SchemaObject => ({ type: 'integer' });
export const bool = (): OpenAPIV3.SchemaObject => ({ type: 'boolean' });
export const date = (): OpenAPIV3.SchemaObject => ({ type: 'string', format: 'date' });
export const dateTime = (): OpenAPIV3.SchemaObject => ({ type: 'string', format: 'date-time' });

/** A string limited to `values` (Zuora's enums are all strings). */
export const oneOf = (...values: readonly string[]): OpenAPIV3.SchemaObject => ({ type: 'string', enum: [...values] });

/** A boolean that is always `value`: V1 bodies say `success: true` on success and `false` on failure. */
export const always = (value: boolean): OpenAPIV3.SchemaObject => ({ type: 'boolean', enum: [value] });

/** Adds null to a schema's values; an enum lists null too, as OpenAPI 3.0.3 asks. */
export function nullable(schema: OpenAPIV3.SchemaObject): OpenAPIV3.SchemaObject {
  return { ...schema, nullable: true, ...(schema.enum ? { enum: [...schema.enum, null] } : {}) };
}

export const ref = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

export const array = (items: Schema): OpenAPIV3.ArraySchemaObject => ({ type: 'array', items });

/** A map of name to value, e.g. custom fields. */
export const map = (values: Schema | true = true): OpenAPIV3.SchemaObject => ({ type: 'object', additionalProperties: values });

/** An object; unknown members stay allowed unless `closed`, since Zuora adds fields between releases. */
export function object(properties: SchemaMap, required: readonly string[] = [], closed = false): OpenAPIV3.SchemaObject {
  return {
    type: 'object',
    ...(required.length > 0 ? { required: [...required] } : {}),
    properties,
    ...(closed ? { additionalProperties: false } : {}),
  };
}

export const described = (description: string, schema: OpenAPIV3.SchemaObject): OpenAPIV3.SchemaObject => ({ ...schema, description });
