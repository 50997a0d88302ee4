import { resolve } from 'node:path';
import { parseOfficialSpecs } from './load.js';
import { OfficialSpecs } from './validator.js';

export { DEFAULT_OFFICIAL_SPEC_DIR, findOfficialSpecDir, OFFICIAL_SPEC_DIR_ENV, OFFICIAL_SPEC_FILES, type OfficialSpecName } from './load.js';
export type { OperationMatch } from './match.js';
export { OfficialSpecs, type BodyValidator, type ValidationResult } from './validator.js';

const loaded = new Map<string, Promise<OfficialSpecs>>();

/**
 * Parses Zuora's official specs in `dir` (see findOfficialSpecDir), once per process, so every
 * caller shares one set of compiled validators.
 */
export function loadOfficialSpecs(dir: string): Promise<OfficialSpecs> {
  const key = resolve(dir);
  let specs = loaded.get(key);
  if (!specs) {
    specs = parseOfficialSpecs(key).then((parsed) => new OfficialSpecs(parsed));
    loaded.set(key, specs);
  }
  return specs;
}
