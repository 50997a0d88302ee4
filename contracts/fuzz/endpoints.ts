import type { AnySchema } from 'ajv';
import { ROUTE_TABLES } from '../../emulator/index.js';
import type { HttpMethod } from '../http/client.js';

/** A write endpoint the fuzzer sends generated bodies to, with the JSON Schema its bodies follow. */
export interface FuzzEndpoint {
  method: HttpMethod;
  /** Express-style path from the emulator's route table. */
  path: string;
  schema: AnySchema;
  /** Form-encoded body (the token endpoint). */
  form: boolean;
  /** Called without a bearer token. */
  unauthenticated: boolean;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Every write route of the Zuora surfaces that declares a body schema. The emulator's admin API is
 * left out on purpose: it is not Zuora, and fuzzing `/__emulator/reset` would wipe the state the
 * other checks compare.
 */
export const FUZZ_TARGETS: readonly FuzzEndpoint[] = ROUTE_TABLES.filter((table) => table.dialect !== 'admin').flatMap((table) =>
  table.routes
    .filter((route) => WRITES.has(route.method) && route.body !== undefined)
    .map((route) => ({
      method: route.method as HttpMethod,
      path: route.path,
      schema: route.body as AnySchema,
      form: route.bodyFormat === 'form',
      unauthenticated: route.auth === 'none',
    })),
);

/** What `contract fuzz` exercises, for the coverage table. */
export const FUZZED_ENDPOINTS: ReadonlyArray<{ method: string; path: string }> = FUZZ_TARGETS.map(({ method, path }) => ({ method, path }));
