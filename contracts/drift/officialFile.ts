import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { isObject, type JsonObject } from '../official/json.js';
import type { ParsedSpec } from '../official/load.js';
import { operationMethods } from '../official/operations.js';

/** Which family an official file belongs to: V1 (zuora_openapi.yaml, or the 2017 Swagger file) or Quickstart. */
export type OfficialKind = 'v1' | 'quickstart';

export interface OfficialFile {
  kind: OfficialKind;
  /** As the shared loaders want it, so their request and response lookups serve here too. */
  spec: ParsedSpec;
  title: string;
  version: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function basePath(doc: JsonObject, format: ParsedSpec['format']): string {
  const first = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  const raw = format === 'swagger2' ? text(doc.basePath) : isObject(first) ? text(first.url) : '';
  // Server URLs may be relative; the dummy origin only lets URL parse them.
  return raw ? new URL(raw, 'http://server.invalid').pathname.replace(/\/+$/, '') : '';
}

/**
 * Quickstart files serve from a /v2 base and call themselves "Quickstart"; everything else
 * (the V1 spec, the 2017 Swagger file) is V1.
 */
export function detectKind(doc: JsonObject, base: string): OfficialKind {
  const info = isObject(doc.info) ? doc.info : {};
  return base.endsWith('/v2') || /quickstart/i.test(text(info.title)) ? 'quickstart' : 'v1';
}

/**
 * Reads an official spec file without following its refs (the V1 spec has dangling external refs,
 * and the Quickstart spec must not be dereferenced in full; FACTS.md (g)).
 */
export async function loadOfficialFile(file: string): Promise<OfficialFile> {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new Error(`no such file: ${path} (give a spec file such as zuora_openapi.yaml or swaggerv2API.yaml)`);
  const doc = (await SwaggerParser.parse(path)) as unknown as JsonObject;
  const format = typeof doc.swagger === 'string' ? 'swagger2' : 'openapi3';
  const base = basePath(doc, format);
  const kind = detectKind(doc, base);
  const info = isObject(doc.info) ? doc.info : {};
  // The spec name only steers the shared helpers' messages; the 2017 Swagger file is the legacy one.
  const name = kind === 'quickstart' ? 'quickstart' : format === 'swagger2' ? 'legacy2017' : 'v1';
  return { kind, spec: { name, file: path, format, basePath: base, doc }, title: text(info.title), version: text(info.version) };
}

/** A path with its parameters blanked, so `/accounts/{account-key}` and `/accounts/{account_key}` compare equal. */
export const pathShape = (path: string): string => path.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '');

export type OperationLookup =
  | { found: true; template: string; operation: JsonObject }
  | { found: false; reason: string };

/** The file's operation at `method path` (`path` in the file's own terms: without its base path). */
export function findOperation(official: OfficialFile, method: string, path: string): OperationLookup {
  const paths = isObject(official.spec.doc.paths) ? official.spec.doc.paths : {};
  const shape = pathShape(path);
  const template = Object.keys(paths).find((candidate) => pathShape(candidate) === shape);
  if (template === undefined) return { found: false, reason: `the file has no path ${path}` };
  const item = paths[template];
  const operation = isObject(item) ? item[method.toLowerCase()] : undefined;
  if (!isObject(operation)) {
    const declared = operationMethods(item).map((name) => name.toUpperCase()).join(', ') || 'none';
    return { found: false, reason: `the file has ${template} but no ${method.toUpperCase()} on it (only ${declared})` };
  }
  return { found: true, template, operation };
}
