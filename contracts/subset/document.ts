import type { OpenAPIV3 } from 'openapi-types';
import type { RouteTable } from '../../emulator/http/routeTable.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../emulator/config.js';
import { errorAnswers, V1_ERROR_WITH_200, type ErrorAnswer } from './dialectErrors.js';
import type { SubsetDocumentName } from './endpoints/index.js';
import { toOpenApiSchema } from './fromAjv.js';
import { subsetOperations, type SubsetOperation } from './operations.js';
import { RESPONSE_SCHEMAS } from './responses/index.js';
import { ref, type Schema } from './schema.js';

// Builds the three subset documents from the route tables (paths, request bodies) and the files
// under endpoints/ and responses/ (what the emulator answers). Same input, same output: the YAML
// files are this function's result written out.

const INFO: Record<SubsetDocumentName, { title: string; description: string }> = {
  v1: {
    title: 'Zuora V1 API: the subset zuora-emulator serves',
    description:
      "OAuth token, V1 REST, CRUD (/v1/object/*), custom field definitions, event triggers and notifications: every V1 endpoint the emulator serves, written from the facts of Zuora's official specs. V1 REST answers business errors with HTTP 200 and `success: false`.",
  },
  quickstart: {
    title: 'Zuora Quickstart API: the subset zuora-emulator serves',
    description:
      "Every Quickstart (\"v2\") endpoint the emulator serves, written from the facts of Zuora's Quickstart spec. Zuora's spec keeps /v2 in its server URL; the paths here include it.",
  },
  admin: {
    title: 'zuora-emulator admin API',
    description: "The emulator's control plane: reset, virtual clock, tenants, snapshots, journals and fault injection. No Zuora spec has it; every shape here is the emulator's own.",
  },
};

/** Bumped by hand when the subset changes shape in a way its users should notice. */
const SUBSET_VERSION = '1.0.0';

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No content' };

const REQUEST_ID_HEADER: OpenAPIV3.HeaderObject = { description: 'A fresh id for every answer (36 characters).', schema: { type: 'string' } };

const PARAMETERS: Record<string, OpenAPIV3.ParameterObject> = {
  ZuoraTrackId: { name: 'Zuora-Track-Id', in: 'header', description: 'Echoed back on the answer.', schema: { type: 'string', maxLength: 64 } },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    description: 'A retried POST or PATCH with the same key gets the stored answer for 24 virtual hours.',
    schema: { type: 'string', maxLength: 255 },
  },
  EmulatorTenant: {
    name: 'X-Emulator-Tenant',
    in: 'header',
    description: 'The tenant (OAuth client id) to act on; the default tenant when absent.',
    schema: { type: 'string' },
  },
};

const paramRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/parameters/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });

function response(description: string, schema: Schema | null): OpenAPIV3.ResponseObject {
  return {
    description,
    headers: { 'Zuora-Request-Id': { $ref: '#/components/headers/ZuoraRequestId' } },
    ...(schema ? { content: json(schema) } : {}),
  };
}

function responses(op: SubsetOperation): OpenAPIV3.ResponsesObject {
  const { status, schema } = op.doc.success;
  // A V1 REST 200 is either the answer or a business error; `success` (true or false) tells which.
  const body: Schema | null = schema === null ? null : op.dialect === 'v1' ? { oneOf: [ref(schema), ref(V1_ERROR_WITH_200)] } : ref(schema);
  const success = op.dialect === 'v1' ? 'OK, or a business error with `success: false`' : (STATUS_TEXT[status] ?? 'Success');
  const out: OpenAPIV3.ResponsesObject = { [String(status)]: response(success, body) };
  for (const error of errorAnswers(op.dialect, op.method)) out[String(error.status)] = { $ref: `#/components/responses/${errorResponseName(error)}` };
  return out;
}

/** Error answers repeat across a dialect's operations, so each is written once under components.responses. */
const errorResponseName = (error: ErrorAnswer): string => `${error.schema}${error.status}`;

function errorResponses(ops: readonly SubsetOperation[]): Record<string, OpenAPIV3.ResponseObject> {
  const all = ops.flatMap((op) => errorAnswers(op.dialect, op.method));
  const named = new Map(all.map((error) => [errorResponseName(error), response(error.description, ref(error.schema))]));
  return Object.fromEntries([...named.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function parameters(op: SubsetOperation): Array<OpenAPIV3.ParameterObject | OpenAPIV3.ReferenceObject> {
  const path = [...op.template.matchAll(/\{([^}]+)\}/g)].map(
    ([, name]): OpenAPIV3.ParameterObject => ({ name: name as string, in: 'path', required: true, schema: { type: 'string' } }),
  );
  const query = (op.doc.query ?? []).map(
    (param): OpenAPIV3.ParameterObject => ({ name: param.name, in: 'query', description: param.description, schema: param.schema }),
  );
  const auth = op.route.auth ?? 'bearer';
  const idempotent = auth === 'bearer' && (op.method === 'POST' || op.method === 'PATCH');
  const headers =
    op.document === 'admin'
      ? auth === 'admin'
        ? [paramRef('EmulatorTenant')]
        : []
      : [paramRef('ZuoraTrackId'), ...(idempotent ? [paramRef('IdempotencyKey')] : [])];
  return [...path, ...query, ...headers];
}

function requestBody(op: SubsetOperation): OpenAPIV3.RequestBodyObject | undefined {
  if (op.route.body === undefined) return undefined;
  const schema = toOpenApiSchema(op.route.body);
  const mediaType = op.route.bodyFormat === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  // A body schema that admits null lets the caller send no body at all.
  return { required: schema.nullable !== true, content: { [mediaType]: { schema } } };
}

function description(op: SubsetOperation): string {
  const lines: string[] = [];
  const official = op.doc.official;
  if (official?.spec === 'legacy2017') {
    lines.push(
      `Zuora: ${op.method} ${official.path} in the 2017 Swagger spec only; the current V1 spec does not have it. The shape follows the 2017 spec.`,
    );
  } else if (official) lines.push(`Zuora: ${op.method} ${official.path} in the ${official.spec === 'v1' ? 'V1' : 'Quickstart'} spec.`);
  else lines.push(`Not in Zuora's saved specs. ${op.doc.ownShape}`);
  if (op.aliasOf) lines.push(`Also answered under /v1 because the seeds call it that way; Zuora serves it at ${op.aliasOf}.`);
  if (op.seed) lines.push(`Called by the platform (seeds/001): ${op.seed}.`);
  lines.push('The request body schema is the one the emulator validates with (generated from its route table).');
  return lines.join('\n');
}

const operationId = (op: SubsetOperation): string =>
  `${op.method.toLowerCase()}_${op.path.replace(/^\//, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '')}`;

function operation(op: SubsetOperation): OpenAPIV3.OperationObject {
  const body = requestBody(op);
  const extensions: Record<string, unknown> = {
    ...(op.doc.official ? { 'x-official': { spec: op.doc.official.spec, method: op.method, path: op.doc.official.path } } : {}),
    ...(op.seed ? { 'x-seed': op.seed } : {}),
  };
  return {
    operationId: operationId(op),
    summary: op.doc.summary,
    description: description(op),
    ...extensions,
    parameters: parameters(op),
    ...(body ? { requestBody: body } : {}),
    responses: responses(op),
    ...(op.route.auth === 'none' ? { security: [] } : {}),
  };
}

/** The names of the component schemas `value` refers to, following refs inside the pool. */
function reachableSchemas(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) reachableSchemas(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      const name = key === '$ref' && typeof member === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(member)?.[1] : undefined;
      if (name === undefined) reachableSchemas(member, found);
      else if (!found.has(name)) {
        const schema = RESPONSE_SCHEMAS[name];
        if (!schema) throw new Error(`the subset refers to a response schema ${name} that responses/ does not define`);
        found.add(name);
        reachableSchemas(schema, found);
      }
    }
  }
  return found;
}

function document(name: SubsetDocumentName, ops: readonly SubsetOperation[]): OpenAPIV3.Document {
  const paths: OpenAPIV3.PathsObject = {};
  for (const op of ops) {
    const item = (paths[op.template] ??= {});
    (item as Record<string, OpenAPIV3.OperationObject>)[op.method.toLowerCase()] = operation(op);
  }
  const responses = errorResponses(ops);
  const used = [...reachableSchemas([paths, responses])].sort();
  const parameterNames = name === 'admin' ? ['EmulatorTenant'] : ['ZuoraTrackId', 'IdempotencyKey'];
  return {
    openapi: '3.0.3',
    info: { title: INFO[name].title, version: SUBSET_VERSION, description: INFO[name].description },
    servers: [{ url: `http://${DEFAULT_HOST}:${DEFAULT_PORT}`, description: 'zuora-emulator start (any Zuora-like base URL works)' }],
    ...(name === 'admin' ? {} : { security: [{ bearerAuth: [] }] }),
    paths,
    components: {
      schemas: Object.fromEntries(used.map((schema) => [schema, RESPONSE_SCHEMAS[schema] as Schema])),
      responses,
      parameters: Object.fromEntries(parameterNames.map((param) => [param, PARAMETERS[param] as OpenAPIV3.ParameterObject])),
      headers: { ZuoraRequestId: REQUEST_ID_HEADER },
      ...(name === 'admin'
        ? {}
        : { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The access_token of POST /oauth/token.' } } }),
    },
  };
}

export type SubsetDocuments = Record<SubsetDocumentName, OpenAPIV3.Document>;

export function buildSubsetDocuments(tables?: readonly RouteTable[]): SubsetDocuments {
  const ops = subsetOperations(tables);
  const of = (name: SubsetDocumentName) => document(name, ops.filter((op) => op.document === name));
  return { v1: of('v1'), quickstart: of('quickstart'), admin: of('admin') };
}
