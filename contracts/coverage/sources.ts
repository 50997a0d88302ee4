import { existsSync } from 'node:fs';
import type { EndpointList, ListSource } from './types.js';

// The suites and the fuzzer are written alongside this report and may not exist yet. Their lists
// are read through a dynamic import, so this module compiles and runs without them; an absent
// module (or export) shows as "not yet" in the table, never as a tick.

interface Source {
  /** The module, relative to this file, without extension. */
  module: string;
  exportName: string;
}

export const SUITES: Source = { module: '../suites/index', exportName: 'SUITE_ENDPOINTS' };
export const FUZZ: Source = { module: '../fuzz/index', exportName: 'FUZZED_ENDPOINTS' };

/** The module file next to this one, from sources (.ts) or compiled (.js). */
function moduleUrl(source: Source): URL | undefined {
  return ['.ts', '.js'].map((ext) => new URL(`${source.module}${ext}`, import.meta.url)).find((url) => existsSync(url));
}

function isEndpointList(value: unknown): value is EndpointList {
  return Array.isArray(value) && value.every((item) => typeof item?.method === 'string' && typeof item?.path === 'string');
}

/** Reads a list; a module that exists but fails to load is an error worth seeing, so it is thrown. */
export async function readList(source: Source): Promise<ListSource> {
  const url = moduleUrl(source);
  if (!url) return { status: 'not yet', reason: `contracts/${source.module.replace('../', '')}.ts does not exist yet` };
  // The `.js` specifier resolves to the .ts source under tsx and vitest, and to itself when compiled.
  const loaded = (await import(new URL(`${source.module}.js`, import.meta.url).href)) as Record<string, unknown>;
  const list = loaded[source.exportName];
  if (list === undefined) return { status: 'not yet', reason: `contracts/${source.module.replace('../', '')} does not export ${source.exportName} yet` };
  if (!isEndpointList(list)) throw new Error(`${source.exportName} must be an array of {method, path}`);
  return { status: 'ready', endpoints: list };
}
