import { Ajv, type ErrorObject } from 'ajv';
import { CONTRACT_FORMATS } from '../formats.js';
import type { BodyValidator, ValidationResult } from '../official/index.js';
import { deref, isObject, type JsonObject, type JsonValue } from '../official/json.js';
import { toJsonSchema } from '../official/toJsonSchema.js';
import { buildSubsetDocuments, type SubsetDocuments } from './document.js';
import type { SubsetDocumentName } from './endpoints/index.js';

// ajv validators compiled from the subset documents, for checking answers of any Zuora-like target
// when the official specs are not at hand. Refs resolve lazily inside ajv, as for the official specs.

export interface SubsetMatch {
  document: SubsetDocumentName;
  /** Upper-case method. */
  method: string;
  /** The subset's path template, e.g. `/v2/accounts/{account_id}`. */
  template: string;
}

const VALID: ValidationResult = { valid: true, errors: [] };
const rootId = (name: SubsetDocumentName) => `https://zuora-emulator.invalid/subset/${name}.json`;
const segments = (path: string) => path.split('/').filter((segment) => segment !== '');
const isParameter = (segment: string) => /^\{.+\}$/.test(segment);

function render(error: ErrorObject): string {
  const at = error.instancePath === '' ? '(body)' : error.instancePath;
  if (error.keyword === 'additionalProperties') return `${at} must NOT have additional property ${JSON.stringify(error.params.additionalProperty)}`;
  if (error.keyword === 'enum') return `${at} must be one of ${JSON.stringify(error.params.allowedValues)}`;
  return `${at} ${error.message ?? `fails ${error.keyword}`}`;
}

export class SubsetSpecs {
  private readonly docs: Record<SubsetDocumentName, JsonObject>;
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, BodyValidator>();

  /** `documents` defaults to the subset built from this checkout (equal to contracts/openapi/*.yaml, as a test checks). */
  constructor(documents: SubsetDocuments = buildSubsetDocuments()) {
    // A JSON copy: the validators must not share (or change) the builder's objects.
    this.docs = JSON.parse(JSON.stringify(documents)) as Record<SubsetDocumentName, JsonObject>;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    for (const [name, format] of Object.entries(CONTRACT_FORMATS)) this.ajv.addFormat(name, format);
    for (const name of Object.keys(this.docs) as SubsetDocumentName[]) {
      const components = isObject(this.docs[name].components) ? this.docs[name].components : {};
      const schemas = isObject(components.schemas) ? components.schemas : {};
      const converted = Object.fromEntries(Object.entries(schemas).map(([key, schema]) => [key, this.convert(name, schema)]));
      this.ajv.addSchema({ $id: rootId(name), components: { schemas: converted } });
    }
  }

  /** The operation that serves `method urlPath` (a real path, a template or an express path); literal segments win. */
  matchOperation(method: string, urlPath: string): SubsetMatch | undefined {
    const wanted = segments(new URL(urlPath.replace(/\/:([A-Za-z0-9_]+)/g, '/{$1}'), 'http://request.invalid').pathname);
    let best: (SubsetMatch & { rank: string }) | undefined;
    for (const [document, doc] of Object.entries(this.docs) as Array<[SubsetDocumentName, JsonObject]>) {
      for (const [template, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
        if (!isObject(item) || !isObject(item[method.toLowerCase()])) continue;
        const parts = segments(template);
        if (parts.length !== wanted.length || !parts.every((part, i) => isParameter(part) || part === decodeURIComponent(wanted[i] ?? ''))) continue;
        const rank = parts.map((part) => (isParameter(part) ? '0' : '1')).join('');
        if (!best || rank > best.rank) best = { document, method: method.toUpperCase(), template, rank };
      }
    }
    return best && { document: best.document, method: best.method, template: best.template };
  }

  /** Checks an answer against the subset; an undeclared status or unknown operation fails. */
  responseValidator(method: string, urlPath: string, status: number): BodyValidator {
    const match = this.matchOperation(method, urlPath);
    if (!match) return () => ({ valid: false, errors: [`the subset has no ${method.toUpperCase()} ${urlPath}`] });
    const doc = this.docs[match.document];
    const operation = this.operation(match);
    const responses = isObject(operation.responses) ? operation.responses : {};
    const declared = deref(doc, responses[String(status)] ?? responses.default);
    if (!isObject(declared)) {
      return () => ({ valid: false, errors: [`${match.method} ${match.template} declares no ${status} answer (only ${Object.keys(responses).join(', ')})`] });
    }
    const content = isObject(declared.content) ? declared.content : {};
    const media = content['application/json'];
    if (!isObject(media)) return (body) => (body === undefined || body === '' ? VALID : { valid: false, errors: ['(body) must be empty'] });
    return this.compiled(`response ${match.document} ${match.method} ${match.template} ${status}`, match.document, media.schema ?? {});
  }

  /** Checks a request body against the subset (the same schema the emulator validates with). */
  requestValidator(method: string, urlPath: string): BodyValidator {
    const match = this.matchOperation(method, urlPath);
    if (!match) return () => ({ valid: false, errors: [`the subset has no ${method.toUpperCase()} ${urlPath}`] });
    const body = this.operation(match).requestBody;
    const content = isObject(body) && isObject(body.content) ? body.content : {};
    const media = Object.values(content)[0];
    if (!isObject(media)) return (value) => (value === undefined ? VALID : { valid: false, errors: ['(body) must be empty'] });
    return this.compiled(`request ${match.document} ${match.method} ${match.template}`, match.document, media.schema ?? {});
  }

  private operation(match: SubsetMatch): JsonObject {
    const paths = this.docs[match.document].paths as JsonObject;
    return (paths[match.template] as JsonObject)[match.method.toLowerCase()] as JsonObject;
  }

  private convert(name: SubsetDocumentName, schema: JsonValue): JsonValue {
    return toJsonSchema(schema, (localRef) => rootId(name) + localRef);
  }

  private compiled(key: string, name: SubsetDocumentName, schema: JsonValue): BodyValidator {
    let validator = this.cache.get(key);
    if (!validator) {
      const validate = this.ajv.compile(this.convert(name, schema) as object);
      validator = (body) => (validate(body) ? VALID : { valid: false, errors: [...new Set((validate.errors ?? []).map(render))] });
      this.cache.set(key, validator);
    }
    return validator;
  }
}
