import { deref, isObject, type JsonObject, type JsonValue } from './json.js';
import type { ParsedSpec } from './load.js';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** The operation at `method path` (`path` is the spec's own template string); throws when absent. */
export function findOperation(spec: ParsedSpec, method: string, path: string): JsonObject {
  const paths = spec.doc.paths;
  const item = isObject(paths) ? paths[path] : undefined;
  if (!isObject(item)) throw new Error(`the ${spec.name} spec has no path ${path}`);
  const operation = item[method.toLowerCase()];
  if (!isObject(operation)) {
    const declared = operationMethods(item).join(', ').toUpperCase();
    throw new Error(`the ${spec.name} spec has no ${method.toUpperCase()} ${path} (only ${declared})`);
  }
  return operation;
}

/** The methods a path item declares, lower-case. */
export function operationMethods(pathItem: JsonValue | undefined): string[] {
  return isObject(pathItem) ? Object.keys(pathItem).filter((key) => HTTP_METHODS.has(key)) : [];
}

export type ResponseBody =
  | { kind: 'schema'; statusKey: string; schema: JsonValue }
  /** Declared without content, e.g. 204: the body must be empty. */
  | { kind: 'none'; statusKey: string }
  | { kind: 'undeclared'; declared: string[] };

/** The body schema for `status`, falling back to the spec's `2XX`-style range key, then `default`. */
export function responseBody(spec: ParsedSpec, operation: JsonObject, status: number): ResponseBody {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const range = `${Math.floor(status / 100)}XX`;
  const statusKey = [String(status), range, range.toLowerCase(), 'default'].find((key) => key in responses);
  if (statusKey === undefined) return { kind: 'undeclared', declared: Object.keys(responses) };
  const response = deref(spec.doc, responses[statusKey]);
  if (!isObject(response)) return { kind: 'none', statusKey };
  if (spec.format === 'swagger2') {
    return response.schema === undefined ? { kind: 'none', statusKey } : { kind: 'schema', statusKey, schema: response.schema };
  }
  const content = isObject(response.content) ? response.content : {};
  const mediaTypes = Object.keys(content);
  const mediaType = mediaTypes.find((type) => type === 'application/json') ?? mediaTypes.find((type) => type.includes('json')) ?? mediaTypes[0];
  if (mediaType === undefined) return { kind: 'none', statusKey };
  const media = content[mediaType];
  // Content declared without a schema allows any body.
  return { kind: 'schema', statusKey, schema: isObject(media) && media.schema !== undefined ? media.schema : {} };
}

export interface RequestBody {
  mediaType: string;
  required: boolean;
  schema: JsonValue;
}

/**
 * The request body schema for `mediaType`, by default the JSON one, else the form-encoded one.
 * Only JSON and form-encoded bodies are supported; throws for others and for operations without a
 * body. `label` names the operation in those errors.
 */
export function requestBody(spec: ParsedSpec, operation: JsonObject, label: string, mediaType?: string): RequestBody {
  if (spec.format === 'swagger2') {
    // Swagger 2.0 puts the body in an `in: body` parameter; the 2017 spec has no formData parameters.
    const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
    const body = parameters.map((parameter) => deref(spec.doc, parameter)).find((parameter) => isObject(parameter) && parameter.in === 'body');
    if (!isObject(body) || (mediaType !== undefined && mediaType !== 'application/json')) {
      throw new Error(`${label} has no ${mediaType ?? 'JSON'} request body`);
    }
    return { mediaType: 'application/json', required: body.required === true, schema: body.schema ?? {} };
  }
  const body = deref(spec.doc, operation.requestBody);
  const content = isObject(body) && isObject(body.content) ? body.content : {};
  const mediaTypes = Object.keys(content);
  const chosen =
    mediaType ??
    mediaTypes.find((type) => type === 'application/json') ??
    mediaTypes.find((type) => type.includes('json')) ??
    mediaTypes.find((type) => type === FORM_MEDIA_TYPE);
  const media = chosen === undefined ? undefined : content[chosen];
  if (chosen === undefined || !isObject(media)) {
    throw new Error(`${label} has no ${chosen ?? 'JSON or form-encoded'} request body (it has: ${mediaTypes.join(', ') || 'none'})`);
  }
  if (!chosen.includes('json') && chosen !== FORM_MEDIA_TYPE) throw new Error(`request bodies of type ${chosen} are not supported`);
  return { mediaType: chosen, required: isObject(body) && body.required === true, schema: media.schema ?? {} };
}
