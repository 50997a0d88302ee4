// Contract checks as a registry (Schemathesis' checks.py): named functions in one list. Every check
// sees every exchange and decides for itself whether it applies, so a report can list each check by
// name for each step, and adding a check is adding one entry here.
import type { Exchange } from '../http/client.js';
import { dialectOf, errorShapeProblems, isRejection, isV1Failure } from '../http/dialect.js';
import { MODELLED_ENDPOINTS } from '../fidelity/ledger.js';
import { FAILURE_ONLY_FIELDS } from '../wireDifferences.js';
import type { ResponseSpecSet } from './specs.js';

export interface CheckInput {
  exchange: Exchange;
  /**
   * What the caller expects: `success` (a contract suite step), `valid-input` (a fuzzed body the
   * route's schema accepts) or `invalid-input` (a fuzzed body the schema rejects).
   */
  expect: 'success' | 'valid-input' | 'invalid-input';
  /** A suite step that expects one exact status (e.g. 201, 204) instead of any 2xx. */
  expectedStatus?: number;
  /** Spec sets to validate the answer against, preferred first (official, then the subset). */
  specs?: readonly ResponseSpecSet[];
  /** Fingerprints of the target's state before and after the call, when the target offers them. */
  state?: { before: string; after: string; changed: string[] };
}

export type CheckResult = { outcome: 'pass' } | { outcome: 'fail'; message: string } | { outcome: 'skip'; message: string };

export interface Check {
  name: string;
  /** One line for `--help`-style listings and the docs. */
  description: string;
  run(input: CheckInput): CheckResult;
}

const pass: CheckResult = { outcome: 'pass' };
const fail = (message: string): CheckResult => ({ outcome: 'fail', message });
const skip = (message: string): CheckResult => ({ outcome: 'skip', message });

const rejected = ({ exchange }: CheckInput): boolean => isRejection(exchange.status, exchange.body);

export const CHECKS: readonly Check[] = [
  {
    name: 'not-server-error',
    description: 'the target never answers 5xx',
    run: ({ exchange }) => (exchange.status < 500 ? pass : fail(`answered ${exchange.status}: ${brief(exchange.body)}`)),
  },
  {
    name: 'status-is-success',
    description: 'a suite step gets a 2xx (or the exact status it names)',
    run: ({ exchange, expect, expectedStatus }) => {
      if (expect !== 'success') return skip('not a suite step');
      if (expectedStatus !== undefined) {
        return exchange.status === expectedStatus ? pass : fail(`expected ${expectedStatus}, got ${exchange.status}: ${brief(exchange.body)}`);
      }
      return exchange.status >= 200 && exchange.status < 300 ? pass : fail(`got ${exchange.status}: ${brief(exchange.body)}`);
    },
  },
  {
    name: 'v1-success-true',
    description: 'a V1 suite step answers success: true (V1 reports business errors with HTTP 200)',
    run: ({ exchange, expect }) => {
      const dialect = dialectOf(exchange.path);
      if (expect !== 'success' || (dialect !== 'v1' && dialect !== 'v1crud')) return skip('not a V1 suite step');
      if (exchange.body === undefined) return skip('no body');
      return isV1Failure(exchange.body) ? fail(`success is false: ${brief(exchange.body)}`) : pass;
    },
  },
  {
    name: 'has-request-id',
    description: 'every answer carries a Zuora-Request-Id header',
    run: ({ exchange }) => (exchange.headers.get('zuora-request-id') ? pass : fail('no Zuora-Request-Id header')),
  },
  {
    name: 'matches-official-spec',
    description: "the body fits Zuora's official OpenAPI for the operation and status",
    run: (input) => matchesSpec(input, 'official'),
  },
  {
    name: 'matches-subset-spec',
    description: "where the official specs have no such operation (or are absent), the body fits the project's own OpenAPI subset",
    run: (input) => {
      const { method, path, status } = input.exchange;
      const official = input.specs?.find((specs) => specs.name === 'official');
      if (official?.validator(method, path, status)) return skip('checked against the official spec instead');
      return matchesSpec(input, 'subset');
    },
  },
  {
    name: 'official-fields-present',
    description: 'a modelled V1 answer carries every field of its official response schema (null where it has no value)',
    run: ({ exchange, expect, specs }) => {
      if (expect !== 'success' || isV1Failure(exchange.body)) return skip('not a successful suite step');
      const found = specs?.find((set) => set.name === 'official')?.missingFields?.(exchange.method, exchange.path, exchange.status, exchange.body);
      if (!found) return skip('no official operation for this call');
      if (!MODELLED_ENDPOINTS.some((endpoint) => endpoint.operation === found.operation)) return skip(`${found.operation} is not modelled field by field yet`);
      const missing = found.missing.filter((pointer) => !FAILURE_ONLY_FIELDS.some((field) => pointer === `/${field}`));
      const shown = missing.slice(0, 8).join(', ');
      return missing.length === 0 ? pass : fail(`${found.operation} lacks ${missing.length} field(s): ${shown}${missing.length > 8 ? ', ...' : ''}`);
    },
  },
  {
    name: 'error-in-dialect-shape',
    description: "a rejection comes in its dialect's error shape (V1 reasons with 8-digit codes, Quickstart {type, errors, retryable}...)",
    run: (input) => {
      if (!rejected(input)) return skip('not a rejection');
      const { exchange } = input;
      const problems = errorShapeProblems(dialectOf(exchange.path), exchange.status, exchange.body);
      return problems.length === 0 ? pass : fail(`${problems.join('; ')}: ${brief(exchange.body)}`);
    },
  },
  {
    name: 'invalid-input-rejected',
    description: 'a body the schema rejects gets a 4xx, or a V1 200 with success: false',
    run: (input) => {
      if (input.expect !== 'invalid-input') return skip('not an invalid input');
      const { status } = input.exchange;
      if (status >= 400 && status < 500) return pass;
      return rejected(input) && status < 300 ? pass : fail(`accepted with ${status}: ${brief(input.exchange.body)}`);
    },
  },
  {
    name: 'valid-input-accepted-or-business-error',
    description: 'a body the schema accepts gets a 2xx, or a documented business error (4xx / V1 success: false)',
    run: ({ exchange, expect }) => {
      if (expect !== 'valid-input') return skip('not a valid input');
      return exchange.status >= 200 && exchange.status < 500 && !(exchange.status >= 300 && exchange.status < 400)
        ? pass
        : fail(`answered ${exchange.status}: ${brief(exchange.body)}`);
    },
  },
  {
    name: 'state-unchanged-after-rejection',
    description: "a rejected write leaves the target's state as it was",
    run: (input) => {
      if (!input.state) return skip('no state fingerprint for this target');
      if (!rejected(input)) return skip('not a rejection');
      return input.state.before === input.state.after ? pass : fail(`state changed: ${input.state.changed.join(', ') || 'fingerprint differs'}`);
    },
  },
];

export const CHECK_NAMES: readonly string[] = CHECKS.map((check) => check.name);

function matchesSpec(input: CheckInput, name: string): CheckResult {
  const set = input.specs?.find((specs) => specs.name === name);
  if (!set) return skip(`no ${name} spec loaded`);
  const { method, path, status, body } = input.exchange;
  const validate = set.validator(method, path, status);
  if (!validate) return skip(`the ${name} spec has no operation for ${method} ${path.split('?')[0]}`);
  const { valid, errors } = validate(body);
  if (valid) return pass;
  const shown = errors.slice(0, 5).join('; ');
  return fail(`${set.describe(method, path)} ${status}: ${shown}${errors.length > 5 ? ` (+${errors.length - 5} more)` : ''}`);
}

/** A body shortened for one report line. */
export function brief(body: unknown, max = 300): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text === undefined) return '(empty)';
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

export interface NamedResult {
  name: string;
  result: CheckResult;
}

/** Runs every registered check (or the named ones) on one exchange. */
export function runChecks(input: CheckInput, only?: readonly string[]): NamedResult[] {
  return CHECKS.filter((check) => !only || only.includes(check.name)).map((check) => ({ name: check.name, result: check.run(input) }));
}
