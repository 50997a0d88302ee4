import { beforeAll, describe, expect } from 'vitest';
import {
  DEFAULT_OFFICIAL_SPEC_DIR,
  findOfficialSpecDir,
  loadOfficialSpecs,
  OFFICIAL_SPEC_DIR_ENV,
  type OfficialSpecName,
  type OfficialSpecs,
} from '../../contracts/official/index.js';

/** Zuora's official OpenAPI specs folder, or undefined in a clone without ../shared/zuora-openapi. */
export const officialSpecDir = findOfficialSpecDir();

const missingNote =
  `Zuora's official OpenAPI specs were not found at ${process.env[OFFICIAL_SPEC_DIR_ENV] ?? DEFAULT_OFFICIAL_SPEC_DIR}, ` +
  `so the tests that check bodies against them are skipped (set ${OFFICIAL_SPEC_DIR_ENV} to the folder holding zuora_openapi.yaml).`;

/** The parsed specs, shared by every test in the process. Use inside describeOfficial only. */
export function officialSpecs(): Promise<OfficialSpecs> {
  if (!officialSpecDir) throw new Error(missingNote);
  return loadOfficialSpecs(officialSpecDir);
}

/**
 * describe() for tests that need the official specs. Without the spec folder the suite is skipped
 * and a console note says why; with it, the specs are parsed before the suite's tests run (about a
 * second, longer than vitest's default per-test timeout allows on a slow machine).
 */
export function describeOfficial(name: string, body: () => void): void {
  if (!officialSpecDir) console.warn(`${name}: ${missingNote}`);
  describe.skipIf(!officialSpecDir)(name, () => {
    beforeAll(async () => {
      await officialSpecs();
    }, 60_000);
    body();
  });
}

/** Asserts that `body` is a valid `status` response of `method path` (the spec's own path template). */
export async function expectOfficialResponse(spec: OfficialSpecName, method: string, path: string, status: number, body: unknown): Promise<void> {
  const { errors } = (await officialSpecs()).responseValidator(spec, method, path, status)(body);
  expect(errors, `${spec} ${method.toUpperCase()} ${path} ${status} response does not match Zuora's official spec`).toEqual([]);
}

/** Asserts that `body` is a valid request body of `method path` (JSON by default, see requestValidator). */
export async function expectOfficialRequest(spec: OfficialSpecName, method: string, path: string, body: unknown, mediaType?: string): Promise<void> {
  const { errors } = (await officialSpecs()).requestValidator(spec, method, path, mediaType)(body);
  expect(errors, `${spec} ${method.toUpperCase()} ${path} request does not match Zuora's official spec`).toEqual([]);
}
