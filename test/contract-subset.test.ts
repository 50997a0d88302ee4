import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { ROUTE_TABLES } from '../emulator/index.js';
import { buildSubsetDocuments } from '../contracts/subset/document.js';
import type { SubsetDocumentName } from '../contracts/subset/endpoints/index.js';
import { readCommitted, subsetFile, SUBSET_FILES, toYaml } from '../contracts/subset/files.js';
import { toOpenApiSchema } from '../contracts/subset/fromAjv.js';
import { toTemplate } from '../contracts/subset/operations.js';
import { SEED_ENDPOINTS } from '../contracts/subset/seeds.js';
import { SubsetSpecs } from '../contracts/subset/validate.js';
import { pathShape } from '../contracts/drift/officialFile.js';
import { describeOfficial, officialSpecs } from './helpers/officialSpec.js';

// The project's OpenAPI subset (contracts/openapi/) is built from the route tables and
// contracts/subset/; these tests keep the committed files equal to the build, valid OpenAPI, and
// in step with the emulator and with Zuora's official specs.

const documents = buildSubsetDocuments();
const names = Object.keys(SUBSET_FILES) as SubsetDocumentName[];

interface Operation {
  'x-official'?: { spec: 'v1' | 'quickstart' | 'legacy2017'; method: string; path: string };
  'x-seed'?: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
}

/** Every operation of the three documents, with the document it is in. */
const operations = names.flatMap((name) =>
  Object.entries(documents[name].paths).flatMap(([template, item]) =>
    Object.entries(item ?? {}).map(([method, operation]) => ({ name, template, method: method.toUpperCase(), operation: operation as Operation })),
  ),
);
const operationAt = (method: string, expressPath: string) =>
  operations.find((op) => op.method === method && op.template === toTemplate(expressPath));

describe('the committed subset', () => {
  it.each(names)('contracts/openapi/%s.yaml is what `npm run contracts:build` writes', async (name) => {
    const committed = await readCommitted(name);
    expect(committed, `contracts/openapi/${SUBSET_FILES[name]} is out of date: run npm run contracts:build`).toBe(toYaml(documents[name]));
  });

  it.each(names)('contracts/openapi/%s.yaml is valid OpenAPI 3.0.3 (swagger-parser)', async (name) => {
    const api = (await SwaggerParser.validate(subsetFile(name))) as { openapi: string };
    expect(api.openapi).toBe('3.0.3');
  });
});

describe('the subset and the emulator', () => {
  const routes = ROUTE_TABLES.flatMap((table) => table.routes);

  it('has one operation per route, in the document of its dialect', () => {
    expect(operations).toHaveLength(routes.length);
    for (const route of routes) expect(operationAt(route.method, route.path), `${route.method} ${route.path}`).toBeDefined();
    expect(operations.filter((op) => op.name === 'quickstart').every((op) => op.template.startsWith('/v2/'))).toBe(true);
    expect(operations.filter((op) => op.name === 'admin').every((op) => op.template.startsWith('/__emulator/'))).toBe(true);
  });

  it('takes its request bodies from the route tables, the schemas the emulator validates with', () => {
    for (const route of routes) {
      const content = operationAt(route.method, route.path)?.operation.requestBody?.content;
      if (route.body === undefined) expect(content, `${route.method} ${route.path}`).toBeUndefined();
      else expect(Object.values(content ?? {})[0]?.schema, `${route.method} ${route.path}`).toEqual(toOpenApiSchema(route.body));
    }
  });

  it('serves and documents every seed endpoint', () => {
    for (const seed of SEED_ENDPOINTS) {
      expect(routes.some((route) => route.method === seed.method && route.path === seed.path), `${seed.method} ${seed.path} served`).toBe(true);
      expect(operationAt(seed.method, seed.path)?.operation['x-seed'], `${seed.method} ${seed.path} marked x-seed`).toBe(seed.name);
    }
  });

  it('says where it documents its own shape instead of Zuora’s', () => {
    const own = operations.filter((op) => op.name !== 'admin' && !op.operation['x-official']).map((op) => `${op.method} ${op.template}`);
    expect(own.sort()).toEqual([
      'GET /settings/payment-terms',
      'GET /v1/creditmemos/{creditMemoKey}',
      'GET /v1/settings/payment-terms',
      'PUT /objects/definitions/default/{object_type}',
      'PUT /objects/definitions/{object_type}',
      'PUT /v1/creditmemos/{creditMemoKey}/apply',
      'PUT /v1/creditmemos/{creditMemoKey}/unapply',
    ]);
  });
});

describe('validating against the subset', () => {
  const specs = new SubsetSpecs();

  it('accepts a V1 business error with HTTP 200 and refuses a code written as text', () => {
    const validate = specs.responseValidator('GET', '/v1/accounts/A00000001', 200);
    expect(validate({ success: false, processId: 'ABC', reasons: [{ code: 50000040, message: 'Cannot find Account' }] }).errors).toEqual([]);
    expect(validate({ success: false, processId: 'ABC', reasons: [{ code: '50000040', message: 'Cannot find Account' }] }).valid).toBe(false);
  });

  it('refuses a Quickstart answer with a field Zuora does not have', () => {
    const validate = specs.responseValidator('GET', '/v2/accounts/A00000001', 200);
    expect(validate({ id: 'x', account_number: 'A1', name: 'n', currency: 'USD', colour: 'red' }).errors).toEqual([
      '(body) must NOT have additional property "colour"',
    ]);
  });

  it('checks request bodies as the emulator does', () => {
    expect(specs.requestValidator('POST', '/v2/accounts')({ name: 'Acme', currency: 'USD' }).errors).toEqual([
      "(body) must have required property 'bill_to'",
    ]);
  });
});

describeOfficial('the subset and the official specs', () => {
  it('names, for every operation with an official counterpart, a path and method the official spec has', async () => {
    const { specs } = await officialSpecs();
    const counterparts = operations.filter((op) => op.operation['x-official']);
    expect(counterparts.length).toBeGreaterThan(60);
    for (const { method, template, operation } of counterparts) {
      const official = operation['x-official'] as NonNullable<Operation['x-official']>;
      const item = (specs[official.spec].doc.paths as Record<string, Record<string, unknown>>)[official.path];
      expect(item?.[method.toLowerCase()], `${official.spec} spec: ${method} ${official.path} (for ${template})`).toBeDefined();
      // Same path but for parameter names, the Quickstart /v2 base, and the /v1 alias of events.
      const served = template.replace(/^\/v2(?=\/)/, '').replace(/^\/v1(?=\/(?:events|notifications)\/)/, '');
      expect(pathShape(served), `${method} ${template}`).toBe(pathShape(official.path));
    }
  });
});
