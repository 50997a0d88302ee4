import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Ajv, AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { newAjv, precompiledValidator } from '../../emulator/http/validation.js';
import { PACKAGE_ROOT } from '../../emulator/packageInfo.js';
import { CATALOG_SCHEMA, DOCUMENT_SCHEMA, STEP_NAMES, STEP_SPECS } from './schema.js';
import type { Integration, Scenario, ScenarioStep } from './types.js';

// Reading scenario files: YAML parsed with line numbers, the document and each step checked against
// its schema, every problem reported with the file, the step number and the field (and its line).

export interface LoadProblem {
  file: string;
  line?: number;
  /** 1-based step number, when the problem is in a step. */
  step?: number;
  stepName?: string;
  /** The field, as a path (`addons[0].quantity`); absent for the step or document as a whole. */
  field?: string;
  message: string;
}

export function formatProblem(problem: LoadProblem): string {
  const where = [problem.line !== undefined ? `${problem.file}:${problem.line}` : problem.file];
  if (problem.step !== undefined) where.push(`step ${problem.step}${problem.stepName ? ` (${problem.stepName})` : ''}`);
  const field = problem.field ? `field '${problem.field}' ` : '';
  return `${where.join(': ')}: ${field}${problem.message}`;
}

export class ScenarioLoadError extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioLoadError';
  }

  get file(): string {
    return this.problems[0]?.file ?? '';
  }
}

/** ajv's options for scenario files: every problem at once, each with the schema it broke (fieldProblems reads it). */
export const LOAD_AJV_OPTIONS = { allErrors: true, verbose: true } as const;

/** Where `npm run build` leaves the scenario format's validators compiled ahead (writeValidators.ts). */
export const PRECOMPILED_SCENARIO_DIR = path.join(PACKAGE_ROOT, 'dist', 'scenario-validators');

/** Every schema a scenario file is checked against: the document, the catalog and each step's arguments. */
export const SCENARIO_SCHEMAS: ReadonlyMap<string, AnySchema> = new Map<string, AnySchema>([
  ['document', DOCUMENT_SCHEMA],
  ['catalog', CATALOG_SCHEMA],
  ...STEP_NAMES.map((name): [string, AnySchema] => [`step ${name}`, STEP_SPECS[name]?.schema ?? {}]),
]);

// Each validator is made the first time it is needed, then kept: loaded from the build's module
// (far cheaper than loading ajv and compiling), else compiled; a worker thread handed loaded
// scenarios makes none.
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function validatorOf(key: 'document' | 'catalog' | `step ${string}`): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    const schema = SCENARIO_SCHEMAS.get(key) ?? {};
    validate = precompiledValidator(PRECOMPILED_SCENARIO_DIR, schema) ?? (ajv ??= newAjv(LOAD_AJV_OPTIONS)).compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/** `/addons/0/quantity` -> `addons[0].quantity` */
function fieldOf(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter((part) => part !== '').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

function describeType(type: unknown): string {
  const names: Record<string, string> = { string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'a map', array: 'a list', null: 'empty' };
  const list = Array.isArray(type) ? type : [type];
  return list.map((each) => names[String(each)] ?? String(each)).join(' or ');
}

interface FieldProblem {
  /** Path segments below the validated value. */
  path: string[];
  field: string;
  message: string;
}

/** ajv's errors as one readable problem per field; a failed `anyOf` speaks for the alternatives under it. */
export function fieldProblems(errors: readonly ErrorObject[]): FieldProblem[] {
  const anyOfFailures = errors.filter((error) => error.keyword === 'anyOf');
  const coveredBy = (error: ErrorObject) =>
    anyOfFailures.some((anyOf) => anyOf !== error && error.schemaPath.startsWith(`${anyOf.schemaPath}/`) && error.instancePath.startsWith(anyOf.instancePath));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (coveredBy(error)) continue;
    const segments = error.instancePath.split('/').filter((part) => part !== '');
    let path = segments;
    let message: string;
    const parent = (error.parentSchema ?? {}) as { title?: string; properties?: Record<string, unknown> };
    switch (error.keyword) {
      case 'required': {
        const missing = (error.params as { missingProperty: string }).missingProperty;
        path = [...segments, missing];
        message = 'is required';
        break;
      }
      case 'additionalProperties': {
        const unknown = (error.params as { additionalProperty: string }).additionalProperty;
        path = [...segments, unknown];
        const known = Object.keys(parent.properties ?? {});
        message = `is not a known field${known.length ? ` (known: ${known.join(', ')})` : ''}`;
        break;
      }
      case 'anyOf':
        message = `must be ${parent.title ?? 'one of the allowed forms'}`;
        break;
      case 'enum':
        message = `must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
        break;
      case 'type':
        message = `must be ${describeType((error.params as { type: unknown }).type)}`;
        break;
      case 'minItems':
        message = 'must not be empty';
        break;
      case 'minLength':
        message = 'must not be empty';
        break;
      case 'minimum':
        message = `must be at least ${(error.params as { limit: number }).limit}`;
        break;
      case 'format':
        message = `must be ${(error.params as { format: string }).format === 'date-time' ? 'an ISO date-time such as 2026-01-01T00:00:00Z' : `a ${(error.params as { format: string }).format}`}`;
        break;
      case 'pattern':
        message = parent.title ? `must be ${parent.title}` : `does not have the expected form (${(error.params as { pattern: string }).pattern})`;
        break;
      default:
        message = error.message ?? 'is invalid';
    }
    const field = fieldOf('/' + path.join('/'));
    const key = `${field}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, field, message });
  }
  return problems;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

function closestStep(name: string): string | undefined {
  const ranked = STEP_NAMES.map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) })).sort((a, b) => a.distance - b.distance);
  const best = ranked[0];
  return best && best.distance <= Math.max(3, Math.floor(name.length / 3)) ? best.candidate : undefined;
}

/** The line a YAML path starts on, or that of its nearest ancestor that exists. */
function lineOf(doc: Document, counter: LineCounter, keys: Array<string | number>): number | undefined {
  for (let depth = keys.length; depth >= 0; depth -= 1) {
    const node = doc.getIn(keys.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

const pathKeys = (segments: string[]): Array<string | number> => segments.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));

/** Reads a catalog file named by a scenario (readCatalogFile, or a cache of it: see catalogReader). */
export type CatalogReader = (file: string) => Promise<Record<string, unknown>>;

/** readCatalogFile, each file read once: the files of a library mostly name one shared catalog. */
export function catalogReader(): CatalogReader {
  const read = new Map<string, Promise<Record<string, unknown>>>();
  return (file) => {
    let catalog = read.get(file);
    if (!catalog) {
      catalog = readCatalogFile(file);
      read.set(file, catalog);
    }
    return catalog;
  };
}

/** Reads a scenario from YAML text; `file` names it in errors and anchors a relative catalog path. */
export async function parseScenario(text: string, file: string, readCatalog: CatalogReader = readCatalogFile): Promise<Scenario> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const problems: LoadProblem[] = [];
  for (const error of doc.errors) {
    problems.push({ file, line: error.linePos?.[0]?.line ?? counter.linePos(error.pos[0]).line, message: `is not valid YAML: ${error.message.split('\n')[0]}` });
  }
  if (problems.length > 0) throw new ScenarioLoadError(problems);
  const data = doc.toJS() as unknown;
  const validateDocument = validatorOf('document');
  if (!validateDocument(data)) {
    for (const problem of fieldProblems(validateDocument.errors ?? [])) {
      // Steps are checked one by one below, with their own numbers.
      problems.push({ file, line: lineOf(doc, counter, pathKeys(problem.path)), field: problem.field, message: problem.message });
    }
    if (!(typeof data === 'object' && data !== null && Array.isArray((data as { steps?: unknown }).steps))) throw new ScenarioLoadError(problems);
  }
  const document = data as { name: string; description?: string; tags?: string[]; integration?: Integration; pending?: string; start?: string; catalog?: unknown; steps: unknown[] };
  const steps: ScenarioStep[] = [];
  document.steps.forEach((raw, position) => {
    const index = position + 1;
    const line = lineOf(doc, counter, ['steps', position]);
    const step = readStep(raw, index, file, line, doc, counter, problems);
    if (step) steps.push(step);
  });
  let catalog: Record<string, unknown> | undefined;
  let catalogSource: string | undefined;
  if (typeof document.catalog === 'string') {
    const resolved = path.resolve(path.dirname(file), document.catalog);
    catalogSource = resolved;
    try {
      catalog = await readCatalog(resolved);
    } catch (error) {
      problems.push({ file, line: lineOf(doc, counter, ['catalog']), field: 'catalog', message: error instanceof Error ? error.message : String(error) });
    }
  } else if (document.catalog && typeof document.catalog === 'object') {
    catalogSource = 'inline';
    catalog = document.catalog as Record<string, unknown>;
    const validateCatalog = validatorOf('catalog');
    if (!validateCatalog(catalog)) {
      for (const problem of fieldProblems(validateCatalog.errors ?? [])) {
        problems.push({ file, line: lineOf(doc, counter, ['catalog', ...pathKeys(problem.path)]), field: `catalog.${problem.field}`, message: problem.message });
      }
    }
  }
  if (problems.length > 0) throw new ScenarioLoadError(problems);
  return {
    file,
    name: document.name,
    ...(document.description !== undefined ? { description: document.description } : {}),
    tags: document.tags ?? [],
    integration: document.integration ?? 'zuora',
    ...(document.pending !== undefined ? { pending: document.pending.trim() } : {}),
    start: document.start ?? defaultStart(),
    ...(catalog ? { catalog } : {}),
    ...(catalogSource ? { catalogSource } : {}),
    steps,
  };
}

/** Without a `start`, the scenario starts at today's midnight (UTC). */
function defaultStart(): string {
  return `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
}

function readStep(
  raw: unknown,
  index: number,
  file: string,
  line: number | undefined,
  doc: Document,
  counter: LineCounter,
  problems: LoadProblem[],
): ScenarioStep | undefined {
  const fail = (message: string, extra: Partial<LoadProblem> = {}) => problems.push({ file, line, step: index, message, ...extra });
  if (typeof raw === 'string') {
    if (STEP_SPECS[raw]?.shorthand?.(null)) return { index, name: raw, args: STEP_SPECS[raw]?.shorthand?.(null) ?? {}, ...(line ? { line } : {}) };
    fail(`must be a map of one step name to its arguments, e.g. "- ${STEP_SPECS[raw] ? raw : closestStep(raw) ?? 'clock.advance'}: ..."`);
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail('must be a map of one step name to its arguments');
    return undefined;
  }
  const keys = Object.keys(raw);
  // `as:` may sit beside the step name instead of inside its arguments.
  const names = keys.filter((key) => key !== 'as');
  if (names.length !== 1) {
    fail(names.length === 0 ? 'names no step' : `names ${names.length} steps (${names.join(', ')}); give each its own list item`);
    return undefined;
  }
  const name = names[0] as string;
  const spec = STEP_SPECS[name];
  if (!spec) {
    const suggestion = closestStep(name);
    fail(`'${name}' is not a step${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; steps are: ${STEP_NAMES.join(', ')}`, { stepName: name });
    return undefined;
  }
  const value = (raw as Record<string, unknown>)[name];
  let args: Record<string, unknown>;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) args = { ...(value as Record<string, unknown>) };
  else {
    const expanded = spec.shorthand?.(value);
    if (!expanded) {
      fail(`needs a map of arguments${value === null || value === undefined ? '' : `, not ${JSON.stringify(value)}`}`, { stepName: name });
      return undefined;
    }
    args = expanded;
  }
  const outerAs = (raw as Record<string, unknown>).as;
  if (outerAs !== undefined) args.as ??= outerAs;
  const validate = validatorOf(`step ${name}`);
  if (!validate(args)) {
    for (const problem of fieldProblems(validate.errors ?? [])) {
      const at = isMap(doc.getIn(['steps', index - 1, name], true)) ? lineOf(doc, counter, ['steps', index - 1, name, ...pathKeys(problem.path)]) : line;
      problems.push({ file, line: at, step: index, stepName: name, ...(problem.field ? { field: problem.field } : {}), message: problem.message });
    }
    return undefined;
  }
  return { index, name, args, ...(line ? { line } : {}) };
}

/** A catalog file: YAML or JSON, in the catalog format of the sync engine. */
export async function readCatalogFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`names a catalog file that cannot be read: ${file}`);
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`catalog file ${file} is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  const catalog = doc.toJS() as unknown;
  const validateCatalog = validatorOf('catalog');
  if (!validateCatalog(catalog)) {
    const [first] = fieldProblems(validateCatalog.errors ?? []);
    throw new Error(`catalog file ${file}: ${first?.field ? `field '${first.field}' ` : ''}${first?.message ?? 'is not a catalog'}`);
  }
  return catalog as Record<string, unknown>;
}

export async function loadScenarioFile(file: string, readCatalog: CatalogReader = readCatalogFile): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioLoadError([{ file, message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  return parseScenario(text, file, readCatalog);
}

/** Folders under a scenarios folder that hold no scenarios. */
const NOT_SCENARIOS = new Set(['catalogs', 'runner', 'node_modules']);

/** The scenario files named: files as given, folders searched for *.yaml / *.yml (catalogs/ and runner/ left out), sorted. */
export async function findScenarioFiles(targets: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const target of targets) {
    let info;
    try {
      info = await stat(target);
    } catch {
      throw new Error(`no such scenario file or folder: ${target}`);
    }
    if (info.isFile()) {
      found.push(target);
      continue;
    }
    const walk = async (dir: string): Promise<void> => {
      const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!NOT_SCENARIOS.has(entry.name) && !entry.name.startsWith('.')) await walk(full);
        } else if (/\.ya?ml$/i.test(entry.name)) found.push(full);
      }
    };
    await walk(target);
  }
  return [...new Set(found)];
}

