import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { PACKAGE_ROOT } from '../../emulator/packageInfo.js';
import { isObject, type JsonObject } from './json.js';

/** The three Zuora specs kept outside the repo (see ../shared/zuora-openapi/SOURCES.md). */
export type OfficialSpecName = 'v1' | 'quickstart' | 'legacy2017';

export const OFFICIAL_SPEC_FILES: Readonly<Record<OfficialSpecName, string>> = {
  v1: 'zuora_openapi.yaml',
  quickstart: 'swaggerv2API.yaml',
  legacy2017: 'legacy-2017/swagger.yaml',
};

/** The order in which URL matching prefers specs when several declare the same path. */
export const OFFICIAL_SPEC_NAMES: readonly OfficialSpecName[] = ['v1', 'quickstart', 'legacy2017'];

export const OFFICIAL_SPEC_DIR_ENV = 'ZUORA_OPENAPI_DIR';

export interface ParsedSpec {
  name: OfficialSpecName;
  /** Absolute path of the YAML file, for messages. */
  file: string;
  format: 'openapi3' | 'swagger2';
  /** URL prefix the spec's path strings leave out: '/v2' for quickstart, '' for the others. */
  basePath: string;
  doc: JsonObject;
}

/** Where the specs live when neither an explicit folder nor the env variable is given. */
export const DEFAULT_OFFICIAL_SPEC_DIR = resolve(PACKAGE_ROOT, '..', 'shared', 'zuora-openapi');

/**
 * The spec folder: `explicit`, else $ZUORA_OPENAPI_DIR, else ../shared/zuora-openapi next to the repo.
 * Undefined when that folder does not exist (a clone without the shared specs).
 */
export function findOfficialSpecDir(explicit?: string): string | undefined {
  const dir = resolve(explicit ?? process.env[OFFICIAL_SPEC_DIR_ENV] ?? DEFAULT_OFFICIAL_SPEC_DIR);
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}

function basePathOf(doc: JsonObject, format: ParsedSpec['format']): string {
  let base = '';
  if (format === 'swagger2') {
    if (typeof doc.basePath === 'string') base = doc.basePath;
  } else {
    const first = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
    // Server URLs may be relative; the dummy origin only lets URL parse them.
    if (isObject(first) && typeof first.url === 'string') base = new URL(first.url, 'http://server.invalid').pathname;
  }
  return base.replace(/\/+$/, '');
}

async function parseSpec(dir: string, name: OfficialSpecName): Promise<ParsedSpec> {
  const file = join(dir, OFFICIAL_SPEC_FILES[name]);
  // swagger-parser's parse only reads the YAML (via js-yaml, several times faster than `yaml` on
  // these 3-4 MB files); it never follows refs, so the v1 spec's dangling external refs are harmless.
  const parsed = await SwaggerParser.parse(file);
  // A parsed YAML document is a plain JSON tree; the openapi-types view of it is not needed here.
  const doc = parsed as unknown as JsonObject;
  const format = typeof doc.swagger === 'string' ? 'swagger2' : 'openapi3';
  return { name, file, format, basePath: basePathOf(doc, format), doc };
}

/** Parses the three spec files in `dir` (about a second; callers cache the result). */
export async function parseOfficialSpecs(dir: string): Promise<Record<OfficialSpecName, ParsedSpec>> {
  const [v1, quickstart, legacy2017] = await Promise.all([
    parseSpec(dir, 'v1'),
    parseSpec(dir, 'quickstart'),
    parseSpec(dir, 'legacy2017'),
  ]);
  return { v1, quickstart, legacy2017 };
}
