import { Ajv, type AnySchema, type ErrorObject } from 'ajv';
// The plugin's default export is typed differently under NodeNext and bundler resolution (CommonJS
// interop); its format table is a plain named export that works under both.
import { CONTRACT_FORMATS } from '../formats.js';
import { isObject, type JsonObject, type JsonValue } from './json.js';
import { OFFICIAL_SPEC_NAMES, type OfficialSpecName, type ParsedSpec } from './load.js';
import { createOperationMatcher, type OperationMatch } from './match.js';
import { missingFields } from './fields.js';
import { findOperation, FORM_MEDIA_TYPE, requestBody, responseBody } from './operations.js';
import { toJsonSchema, type RefRewriter } from './toJsonSchema.js';
import { wireAccepts } from '../wireDifferences.js';

export interface ValidationResult {
  valid: boolean;
  /** One line per problem: JSON pointer into the body, then what is wrong. */
  errors: string[];
}

export type BodyValidator = (body: unknown) => ValidationResult;

const VALID: ValidationResult = { valid: true, errors: [] };

/** Each spec's schemas are registered with ajv under this id, so refs resolve lazily inside ajv. */
function rootId(spec: OfficialSpecName): string {
  return `https://zuora-emulator.invalid/official/${spec}.json`;
}

function refRewriter(spec: OfficialSpecName): RefRewriter {
  const id = rootId(spec);
  return (localRef) => id + localRef;
}

function convertAll(schemas: JsonValue | undefined, rewriteRef: RefRewriter): JsonObject {
  const entries = isObject(schemas) ? Object.entries(schemas) : [];
  return Object.fromEntries(entries.map(([name, schema]) => [name, toJsonSchema(schema, rewriteRef)]));
}

/**
 * The spec's named schemas at the same JSON pointers as in the spec, converted for ajv.
 * Only the named schemas are needed: operation schemas are compiled on their own and refer here.
 * Nothing is dereferenced up front, because the quickstart schemas refer to each other in cycles.
 */
function rootSchema(spec: ParsedSpec): JsonObject {
  const rewriteRef = refRewriter(spec.name);
  if (spec.format === 'swagger2') return { $id: rootId(spec.name), definitions: convertAll(spec.doc.definitions, rewriteRef) };
  const components = isObject(spec.doc.components) ? spec.doc.components : {};
  return { $id: rootId(spec.name), components: { schemas: convertAll(components.schemas, rewriteRef) } };
}

function asSchema(value: JsonValue): AnySchema {
  if (isObject(value) || typeof value === 'boolean') return value;
  throw new Error(`not a schema: ${JSON.stringify(value)}`);
}

function renderError(error: ErrorObject): string {
  const at = error.instancePath === '' ? '(body)' : error.instancePath;
  if (error.keyword === 'additionalProperties') return `${at} must NOT have additional property ${JSON.stringify(error.params.additionalProperty)}`;
  if (error.keyword === 'enum') return `${at} must be one of ${JSON.stringify(error.params.allowedValues)}`;
  return `${at} ${error.message ?? `fails ${error.keyword}`}`;
}

/** Form bodies arrive as text or URLSearchParams; validate them as an object of string fields. */
function formFields(body: unknown): unknown {
  if (typeof body !== 'string' && !(body instanceof URLSearchParams)) {
    // ajv's type coercion rewrites the data it checks; the caller's object must stay as it was.
    return structuredClone(body);
  }
  const params = typeof body === 'string' ? new URLSearchParams(body) : body;
  const fields: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    fields[key] = values.length === 1 && values[0] !== undefined ? values[0] : values;
  }
  return fields;
}

/** The value at a JSON pointer of a body, or undefined. */
function valueAt(body: unknown, pointer: string): unknown {
  let current: unknown = body;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** A type or enum mismatch that is the real wire's form of the field (see contracts/wireDifferences.ts). */
function wireTolerates(operation: string, error: ErrorObject, value: unknown): boolean {
  if (error.keyword !== 'type' && error.keyword !== 'enum' && error.keyword !== 'format') return false;
  return wireAccepts(operation, error.instancePath, value);
}

export class OfficialSpecs {
  /** Maps a real request (`GET /v2/accounts/A00000001`) to the spec operation that describes it. */
  readonly matchOperation: (method: string, urlPath: string) => OperationMatch | undefined;
  private readonly roots = new Map<OfficialSpecName, JsonObject>();
  private readonly validators = new Map<string, BodyValidator>();
  private jsonAjv: Ajv | undefined;
  private formAjv: Ajv | undefined;

  constructor(readonly specs: Readonly<Record<OfficialSpecName, ParsedSpec>>) {
    this.matchOperation = createOperationMatcher(specs);
  }

  /**
   * Checks a response body against `spec`'s `method path` response for `status` (or the spec's
   * `4XX`/`default` entry when the status itself is not declared). An undeclared status gives a
   * validator that always fails; an unknown operation throws.
   */
  responseValidator(spec: OfficialSpecName, method: string, path: string, status: number): BodyValidator {
    const parsed = this.specs[spec];
    const label = `${spec} ${method.toUpperCase()} ${path}`;
    const body = responseBody(parsed, findOperation(parsed, method, path), status);
    if (body.kind === 'undeclared') {
      const errors = [`${label} declares no response for status ${status} (only ${body.declared.join(', ')})`];
      return () => ({ valid: false, errors });
    }
    if (body.kind === 'none') {
      const errors = [`(body) must be empty: ${label} ${body.statusKey} declares no body`];
      return (value) => (value === undefined || value === null || value === '' ? VALID : { valid: false, errors });
    }
    // V1 answers (the 2026 spec and the 2017 one that still has the CRUD invoice and transactions
    // reads) are read as the real wire sends them: null for unset fields, and the listed types.
    const operation = `${method.toUpperCase()} ${path}`;
    const tolerated = spec !== 'quickstart' ? (error: ErrorObject, value: unknown) => wireTolerates(operation, error, value) : undefined;
    return this.cached(`response ${label} ${body.statusKey}`, () => this.compile(parsed, body.schema, false, tolerated));
  }

  /**
   * The fields of `spec`'s `method path` response schema for `status` that `body` leaves out (JSON
   * pointers); none when the operation declares no body schema for that status.
   */
  missingResponseFields(spec: OfficialSpecName, method: string, path: string, status: number, body: unknown): string[] {
    const parsed = this.specs[spec];
    const response = responseBody(parsed, findOperation(parsed, method, path), status);
    return response.kind === 'schema' ? missingFields(parsed.doc, response.schema, body) : [];
  }

  /**
   * Checks a request body against `spec`'s `method path` request body: the JSON one by default,
   * else form-encoded (given as text, URLSearchParams or an object of fields). Throws when the
   * operation takes no such body.
   */
  requestValidator(spec: OfficialSpecName, method: string, path: string, mediaType?: string): BodyValidator {
    const parsed = this.specs[spec];
    const label = `${spec} ${method.toUpperCase()} ${path}`;
    const body = requestBody(parsed, findOperation(parsed, method, path), label, mediaType);
    return this.cached(`request ${label} ${body.mediaType}`, () => {
      const validate = this.compile(parsed, body.schema, body.mediaType === FORM_MEDIA_TYPE);
      return (value) => (value === undefined && !body.required ? VALID : validate(value));
    });
  }

  private cached(key: string, create: () => BodyValidator): BodyValidator {
    let validator = this.validators.get(key);
    if (!validator) {
      validator = create();
      this.validators.set(key, validator);
    }
    return validator;
  }

  private compile(spec: ParsedSpec, schema: JsonValue, form: boolean, tolerated?: (error: ErrorObject, value: unknown) => boolean): BodyValidator {
    const ajv = form ? (this.formAjv ??= this.createAjv(true)) : (this.jsonAjv ??= this.createAjv(false));
    const validate = ajv.compile(asSchema(toJsonSchema(schema, refRewriter(spec.name))));
    return (body) => {
      if (validate(form ? formFields(body) : body)) return VALID;
      // A failed `if`/`then` only summarises the errors listed beside it.
      const errors = (validate.errors ?? []).filter(
        (error) => error.keyword !== 'if' && !tolerated?.(error, valueAt(body, error.instancePath)),
      );
      return errors.length === 0 ? VALID : { valid: false, errors: [...new Set(errors.map(renderError))] };
    };
  }

  private createAjv(coerceTypes: boolean): Ajv {
    const ajv = new Ajv({
      // OpenAPI keywords (example, discriminator, readOnly, x-*) are not JSON Schema.
      strict: false,
      // Report every mismatch in a body, not only the first.
      allErrors: true,
      // OpenAPI 3.0 schemas are not draft-07 meta-schema instances; real mistakes still fail compile.
      validateSchema: false,
      // Without this ajv logs every invented format (UUID, URL, BigDecimal, ...) that it ignores.
      logger: false,
      // Form fields are all text; coercion lets `type: integer` fields be checked as numbers.
      coerceTypes,
    });
    for (const [name, format] of Object.entries(CONTRACT_FORMATS)) ajv.addFormat(name, format);
    for (const name of OFFICIAL_SPEC_NAMES) ajv.addSchema(this.root(name));
    return ajv;
  }

  /** Converted once and shared by both ajv instances (ajv does not modify schemas). */
  private root(name: OfficialSpecName): JsonObject {
    let root = this.roots.get(name);
    if (!root) {
      root = rootSchema(this.specs[name]);
      this.roots.set(name, root);
    }
    return root;
  }
}
