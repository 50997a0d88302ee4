import { deref, isObject, type JsonObject, type JsonValue } from '../official/json.js';
import { requestBody, responseBody } from '../official/operations.js';
import { V1_ERROR_WITH_200 } from '../subset/dialectErrors.js';
import { buildSubsetDocuments, type SubsetDocuments } from '../subset/document.js';
import { toTemplate } from '../subset/operations.js';
import { SEED_ENDPOINTS } from '../subset/seeds.js';
import { compareSchemas } from './compare.js';
import { findOperation, type OfficialFile } from './officialFile.js';

/** The differences found for one seed endpoint. */
export interface EndpointDrift {
  method: string;
  /** The subset's path template. */
  path: string;
  /** The official operation compared with, as `METHOD /path` in the file's terms, when the file has it. */
  official?: string;
  /** Set when the file lacks the operation. */
  missing?: string;
  findings: string[];
}

export interface DriftReport {
  official: OfficialFile;
  /** The subset document compared: V1 or Quickstart, after the file's kind. */
  document: 'v1' | 'quickstart';
  endpoints: EndpointDrift[];
  /** Seed endpoints of the other family, left out because this file cannot speak for them. */
  skipped: number;
}

type Operation = JsonObject & { 'x-official'?: { path: string }; requestBody?: JsonObject; responses?: JsonObject };

/**
 * Where the file should have the operation: the official counterpart the subset names, else the
 * subset's own path in the file's terms (Quickstart files leave out /v2; the /v1 aliases of events
 * and notifications are served without /v1).
 */
function expectedPath(document: 'v1' | 'quickstart', template: string, operation: Operation): string {
  const named = operation['x-official']?.path;
  if (named) return named;
  if (document === 'quickstart') return template.replace(/^\/v2(?=\/)/, '');
  return template.replace(/^\/v1(?=\/(?:events|notifications)\/)/, '');
}

/** The success answer's schema; for V1 REST, the branch that is not the business error. */
function successSchema(operation: Operation): { status: number; schema: JsonValue | undefined } | undefined {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const status = Object.keys(responses).find((key) => key.startsWith('2'));
  if (status === undefined) return undefined;
  const response = responses[status];
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  const media = content['application/json'];
  let schema = isObject(media) ? media.schema : undefined;
  if (isObject(schema) && Array.isArray(schema.oneOf)) {
    schema = schema.oneOf.find((branch) => !(isObject(branch) && String(branch.$ref).endsWith(`/${V1_ERROR_WITH_200}`)));
  }
  return { status: Number(status), schema };
}

/** Query parameters the subset names that the official operation does not declare. */
function compareQuery(official: OfficialFile, operation: Operation, found: JsonObject): string[] {
  const names = (parameters: JsonValue | undefined): string[] =>
    (Array.isArray(parameters) ? parameters : [])
      .map((parameter) => deref(official.spec.doc, parameter))
      .filter((parameter): parameter is JsonObject => isObject(parameter) && parameter.in === 'query')
      .map((parameter) => String(parameter.name));
  const theirs = new Set(names(found.parameters));
  const extra = names(operation.parameters as JsonValue).filter((name) => !theirs.has(name));
  return extra.length > 0 ? [`query parameters not in the official operation: ${extra.join(', ')}`] : [];
}

function compareOperation(official: OfficialFile, subsetDoc: JsonObject, operation: Operation, found: JsonObject, label: string): string[] {
  const findings: string[] = compareQuery(official, operation, found);
  const spec = official.spec;
  const officialDoc = spec.doc;

  const myBody = isObject(operation.requestBody) && isObject(operation.requestBody.content) ? operation.requestBody.content : undefined;
  const [mediaType, media] = Object.entries(myBody ?? {})[0] ?? [];
  let theirs: ReturnType<typeof requestBody> | undefined;
  try {
    theirs = requestBody(spec, found, label, mediaType);
  } catch {
    theirs = undefined;
  }
  if (isObject(media) && theirs) {
    compareSchemas({ doc: subsetDoc, schema: media.schema as JsonObject }, { doc: officialDoc, schema: theirs.schema as JsonObject }, 'request', '', findings);
  } else if (isObject(media)) {
    findings.push(`request: the subset takes a ${mediaType} body; the official operation declares none of that type`);
  } else if (theirs) {
    findings.push(`request: the official operation takes a ${theirs.mediaType} body; the subset declares none`);
  }

  const success = successSchema(operation);
  if (success) {
    const answer = responseBody(spec, found, success.status);
    if (answer.kind === 'undeclared') findings.push(`response ${success.status}: not declared by the official operation (it declares ${answer.declared.join(', ')})`);
    else if (answer.kind === 'none' && success.schema !== undefined) findings.push(`response ${success.status}: the official operation declares no body`);
    else if (answer.kind === 'schema' && isObject(success.schema) && isObject(answer.schema)) {
      compareSchemas({ doc: subsetDoc, schema: success.schema }, { doc: officialDoc, schema: answer.schema }, 'response', '', findings);
    }
  }
  return findings;
}

/** Compares the subset's seed endpoints of the file's family with the file. */
export function driftReport(official: OfficialFile, documents: SubsetDocuments = buildSubsetDocuments()): DriftReport {
  const document = official.kind;
  const subsetDoc = JSON.parse(JSON.stringify(documents[document])) as JsonObject;
  const paths = (subsetDoc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const endpoints: EndpointDrift[] = [];
  let skipped = 0;
  for (const seed of SEED_ENDPOINTS) {
    // Quickstart paths start with /v2; every other seed endpoint is V1.
    if (seed.path.startsWith('/v2/') !== (document === 'quickstart')) {
      skipped += 1;
      continue;
    }
    const template = toTemplate(seed.path);
    const operation = paths[template]?.[seed.method.toLowerCase()];
    if (!operation) {
      endpoints.push({ method: seed.method, path: template, missing: 'the subset itself lacks it (is the route gone from the route tables?)', findings: [] });
      continue;
    }
    const wanted = expectedPath(document, template, operation);
    const lookup = findOperation(official, seed.method, wanted);
    const entry: EndpointDrift = { method: seed.method, path: template, findings: [] };
    if (!lookup.found) {
      entry.missing = operation['x-official'] === undefined ? `${lookup.reason} (expected: no saved Zuora spec has it, so the subset documents the emulator's own shape)` : lookup.reason;
    } else {
      entry.official = `${seed.method} ${lookup.template}`;
      entry.findings = compareOperation(official, subsetDoc, operation, lookup.operation, `${seed.method} ${lookup.template}`);
    }
    endpoints.push(entry);
  }
  return { official, document, endpoints, skipped };
}
