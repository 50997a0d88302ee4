import type { HttpMethod } from '../http/client.js';

/** Values steps share: run facts (prefix, dates) and what earlier steps captured with `as`. */
export type Vars = Record<string, unknown>;

/**
 * One call of a contract suite, as data. Strings anywhere in `params`, `query` and `body` may hold
 * `${name.path}` references to vars; a string that is exactly one reference keeps the value's type
 * (a number stays a number). A step whose references cannot be resolved is skipped, with the
 * missing name as the reason, so one failure does not cascade into a wall of red.
 */
export interface Step {
  name: string;
  method: HttpMethod;
  /** Express-style path, spelled as the emulator's route table spells it (`/v2/accounts/:account_id`). */
  path: string;
  /** Values of the path's `:params`. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Request body (data with references), or a function of the vars for shapes that need logic. */
  body?: unknown;
  build?: (vars: Vars) => unknown;
  /** Form-encoded instead of JSON (the token endpoint). */
  form?: boolean;
  /** The exact status expected; any 2xx otherwise. */
  status?: number;
  /** Stores the answer's body under this name. */
  as?: string;
  /** Small step function: derives more vars from the answer (e.g. a charge number inside a subscription). */
  capture?: (body: unknown, vars: Vars) => Vars;
  /** `emulator`: only when the target is this emulator; `other`: only when it is not. */
  only?: 'emulator' | 'other';
  /** `none` for the token endpoint; `admin` for the emulator's control plane (not a Zuora endpoint, not validated). */
  auth?: 'bearer' | 'none' | 'admin';
}

export interface Suite {
  name: string;
  /** What the suite proves, one line. */
  description: string;
  steps: Step[];
}
