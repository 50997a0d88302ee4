import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv as AjvInstance, AnySchema, ErrorObject, Options, ValidateFunction } from 'ajv';
import type addFormatsModule from 'ajv-formats';
import { DomainError, invalidValue, missingField, unknownField } from '../domain/errors.js';
import { PACKAGE_ROOT } from '../packageInfo.js';

const require = createRequire(import.meta.url);
/**
 * Where `npm run build` leaves every route's validator compiled ahead (writeValidators.ts), found from
 * the package's root whether the code runs from sources, dist/ or the CLI's bundle; absent in a
 * checkout that has not built.
 */
export const PRECOMPILED_DIR = path.join(PACKAGE_ROOT, 'dist', 'validators');

/** ajv as the emulator uses it, here and in the build's validator modules alike. */
export function newAjv(extra: Options = {}): AjvInstance {
  const { Ajv } = require('ajv') as typeof import('ajv');
  // ajv-formats is CommonJS: its function is the module itself.
  const addFormats = require('ajv-formats') as typeof addFormatsModule.default;
  const instance = new Ajv({ allErrors: false, strict: false, coerceTypes: false, ...extra });
  addFormats(instance);
  return instance;
}

let shared: AjvInstance | undefined;

/** The name of a schema's validator module: its content, so a module built from another version of the schema is never used. */
export function schemaKey(schema: AnySchema): string {
  return createHash('sha1').update(JSON.stringify(schema)).digest('hex').slice(0, 20);
}

/** The build's validator module for this exact schema in `dir` (validatorModules.ts), if there is one. */
export function precompiledValidator(dir: string, schema: AnySchema): ValidateFunction | undefined {
  const file = path.join(dir, `${schemaKey(schema)}.cjs`);
  return existsSync(file) ? (require(file) as ValidateFunction) : undefined;
}

/**
 * The schema's validator: the build's module when there is one for this exact schema (loading it
 * is far cheaper than loading ajv and compiling), else compiled here.
 */
function validatorOf(schema: AnySchema): ValidateFunction {
  const ahead = precompiledValidator(PRECOMPILED_DIR, schema);
  if (ahead) return ahead;
  shared ??= newAjv();
  return shared.compile(schema);
}

export type BodyValidator = (body: unknown) => void;

/** Makes a schema's validator once; the returned function throws the domain error the first problem amounts to. */
export function compileBodyValidator(schema: AnySchema, object: string): BodyValidator {
  const validate = validatorOf(schema);
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
