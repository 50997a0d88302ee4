import { createRequire } from 'node:module';
import type { Ajv as AjvInstance, AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import type addFormatsModule from 'ajv-formats';
import { DomainError, invalidValue, missingField, unknownField } from '../domain/errors.js';

let shared: AjvInstance | undefined;

/** ajv, loaded when the first body is validated rather than when the emulator starts. */
function ajv(): AjvInstance {
  if (shared) return shared;
  const require = createRequire(import.meta.url);
  const { Ajv } = require('ajv') as typeof import('ajv');
  // ajv-formats is CommonJS: its function is the module itself.
  const addFormats = require('ajv-formats') as typeof addFormatsModule.default;
  shared = new Ajv({ allErrors: false, strict: false, coerceTypes: false });
  addFormats(shared);
  return shared;
}

export type BodyValidator = (body: unknown) => void;

/** Compiles a body schema once; the returned function throws the domain error the first problem amounts to. */
export function compileBodyValidator(schema: AnySchema, object: string): BodyValidator {
  const validate: ValidateFunction = ajv().compile(schema);
  return (body) => {
    if (validate(body)) return;
    const [first] = validate.errors ?? [];
    throw toDomainError(first, object);
  };
}

function toDomainError(error: ErrorObject | undefined, object: string): DomainError {
  if (!error) return invalidValue(object, 'body', 'The request body is invalid');
  const base = pointerToField(error.instancePath);
  const at = (child: string): string => (base ? `${base}.${child}` : child);
  switch (error.keyword) {
    case 'required':
      return missingField(object, at(String(error.params.missingProperty)));
    case 'additionalProperties':
      return unknownField(object, at(String(error.params.additionalProperty)));
    case 'type':
      return invalidValue(object, base || 'body', `'${base || 'body'}' must be of type ${String(error.params.type)}`);
    case 'enum':
      return invalidValue(
        object,
        base,
        `'${base}' must be one of: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}`,
      );
    default:
      return invalidValue(object, base || 'body', `'${base || 'body'}' ${error.message ?? 'is invalid'}`);
  }
}

/** `/bill_to/first_name` -> `bill_to.first_name`; array indexes become `[0]`. */
function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}
