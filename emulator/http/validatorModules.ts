import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AnySchema, Options } from 'ajv';
import type { RouteTable } from './routeTable.js';
import { newAjv, schemaKey } from './validation.js';

const require = createRequire(import.meta.url);

/**
 * Writes every route's body validator as ajv standalone code into `dir` (emptied first), as
 * validation.ts looks them up. Returns how many were written.
 */
export function writeValidatorModules(dir: string, tables: readonly RouteTable[]): number {
  return writeSchemaModules(dir, tables.flatMap((table) => table.routes.flatMap((route) => (route.body ? [route.body] : []))));
}

/**
 * Writes each schema's validator, compiled by `newAjv(options)`, as ajv standalone code into `dir`
 * (emptied first): one CommonJS module per distinct schema, named by schemaKey, for
 * precompiledValidator. Returns how many were written.
 */
export function writeSchemaModules(dir: string, schemas: Iterable<AnySchema>, options: Options = {}): number {
  const { _ } = require('ajv') as typeof import('ajv');
  const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
  // The modules require ajv-formats' checks by name, where compiled validators hold them in memory.
  const ajv = newAjv({ ...options, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const written = new Set<string>();
  for (const schema of schemas) {
    const key = schemaKey(schema);
    if (written.has(key)) continue;
    writeFileSync(path.join(dir, `${key}.cjs`), standaloneCode(ajv, ajv.compile(schema)));
    written.add(key);
  }
  return written.size;
}
