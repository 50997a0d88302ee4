import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnySchema, ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_TABLES } from '../emulator/index.js';
import { writeSchemaModules, writeValidatorModules } from '../emulator/http/validatorModules.js';
import { newAjv, schemaKey } from '../emulator/http/validation.js';
import { fieldProblems, LOAD_AJV_OPTIONS, SCENARIO_SCHEMAS } from '../scenarios/runner/load.js';

// `npm run build` compiles every route's body validator, and the scenario format's, ahead (the bin
// loads those instead of ajv); whatever a body or a scenario step gets from them must be what the
// schema compiled at run time gives it.

const require = createRequire(import.meta.url);
/** Inside the project, as dist/ is: the modules require ajv's runtime and ajv-formats from its node_modules. */
const SCRATCH = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url));

interface PropertySchema {
  type?: string | string[];
  format?: string;
}

/** A value the property's schema refuses, when there is one to guess: the wrong type, or a string of the wrong format. */
function wrongValue(property: PropertySchema): unknown {
  const types = [property.type ?? []].flat();
  if (property.format === 'date' || property.format === 'date-time') return '2026-13-45';
  if (types.includes('string')) return 12;
  if (types.length > 0) return 'not of the type';
  return undefined;
}

/** Bodies every schema has an opinion on: the wrong shapes, an unknown field, each property with a wrong value. */
function bodiesFor(schema: AnySchema): unknown[] {
  const { properties = {} } = schema as { properties?: Record<string, PropertySchema> };
  const bodies: unknown[] = [null, [], 'text', {}, { zzUnknownField: 1 }];
  for (const [name, property] of Object.entries(properties)) {
    const wrong = wrongValue(property);
    if (wrong !== undefined) bodies.push({ [name]: wrong });
  }
  return bodies;
}

const verdict = (validate: ValidateFunction, body: unknown) => {
  const valid = validate(body);
  const [first] = validate.errors ?? [];
  return { valid, first: first ? { keyword: first.keyword, instancePath: first.instancePath, params: first.params } : undefined };
};

/** A scratch folder of its own for the describe block that asks for it, removed after the block. */
function scratchFolder(prefix: string): () => string {
  let dir = '';
  beforeAll(async () => {
    await mkdir(SCRATCH, { recursive: true });
    dir = await mkdtemp(path.join(SCRATCH, prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

describe('body validators compiled ahead by the build', () => {
  const dir = scratchFolder('validators-');
  const schemas = new Map<string, AnySchema>();
  for (const table of SERVED_TABLES) for (const route of table.routes) if (route.body) schemas.set(schemaKey(route.body), route.body);

  it('writes one module per distinct route schema, named by its content', async () => {
    expect(writeValidatorModules(dir(), SERVED_TABLES)).toBe(schemas.size);
    expect((await readdir(dir())).sort()).toEqual([...schemas.keys()].map((key) => `${key}.cjs`).sort());
  });

  it('judges every body as the schema compiled at run time does, first error included', () => {
    const ajv = newAjv();
    let refused = 0;
    for (const [key, schema] of schemas) {
      const ahead = require(path.join(dir(), `${key}.cjs`)) as ValidateFunction;
      const now = ajv.compile(schema);
      for (const body of bodiesFor(schema)) {
        const expected = verdict(now, body);
        expect(verdict(ahead, body), `${key} on ${JSON.stringify(body)}`).toEqual(expected);
        if (!expected.valid) refused += 1;
      }
    }
    // The bodies are no formality: most of them are refused, formats (dates) included.
    expect(refused).toBeGreaterThan(schemas.size * 3);
  });
});

describe('scenario file validators compiled ahead by the build', () => {
  const dir = scratchFolder('scenario-validators-');

  it('reports every problem of a document, catalog or step as the schema compiled at run time does', async () => {
    const distinct = new Set([...SCENARIO_SCHEMAS.values()].map((schema) => schemaKey(schema)));
    expect(writeSchemaModules(dir(), SCENARIO_SCHEMAS.values(), LOAD_AJV_OPTIONS)).toBe(distinct.size);
    const ajv = newAjv(LOAD_AJV_OPTIONS);
    let refused = 0;
    for (const [name, schema] of SCENARIO_SCHEMAS) {
      const ahead = require(path.join(dir(), `${schemaKey(schema)}.cjs`)) as ValidateFunction;
      const now = ajv.compile(schema);
      for (const args of bodiesFor(schema)) {
        const expected = now(args) ? [] : fieldProblems(now.errors ?? []);
        expect(ahead(args) ? [] : fieldProblems(ahead.errors ?? []), `${name} on ${JSON.stringify(args)}`).toEqual(expected);
        if (expected.length > 0) refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(SCENARIO_SCHEMAS.size * 3);
  });
});
