import type { OfficialSpecs, ValidationResult } from '../official/index.js';

/**
 * A set of OpenAPI documents the checks validate answers against: Zuora's official specs, or the
 * project's own subset. `validator` answers undefined when the set has no operation for the call.
 */
export interface ResponseSpecSet {
  /** Names the set in reports, e.g. `official`. */
  name: string;
  validator(method: string, path: string, status: number): ((body: unknown) => ValidationResult) | undefined;
  /** Describes the operation a call maps to, e.g. `v1 POST /v1/orders`, for messages. */
  describe(method: string, path: string): string | undefined;
  /** The operation's spec path (`GET /v1/accounts/{account-key}`) and the response fields a body lacks; official set only. */
  missingFields?(method: string, path: string, status: number, body: unknown): { operation: string; missing: string[] } | undefined;
}

/**
 * The seeds call events and notifications under `/v1/...`; the official spec declares them without
 * the prefix. Both are the same operation, so an unmatched `/v1/events/...` tries the bare path.
 * Likewise `/v1/creditmemos/...`, the spelling without a hyphen, is the spec's `/v1/credit-memos/...`.
 */
function matchOfficial(specs: OfficialSpecs, method: string, path: string) {
  const direct = specs.matchOperation(method, path);
  if (direct) return direct;
  const spelt = path.replace(/^\/v1(?=\/(events|notifications)\/)/, '').replace(/^\/v1\/creditmemos\//, '/v1/credit-memos/');
  return spelt === path ? undefined : specs.matchOperation(method, spelt);
}

export function officialSpecSet(specs: OfficialSpecs): ResponseSpecSet {
  return {
    name: 'official',
    validator(method, path, status) {
      const match = matchOfficial(specs, method, path);
      return match && specs.responseValidator(match.spec, match.method, match.path, status);
    },
    describe(method, path) {
      const match = matchOfficial(specs, method, path);
      return match && `${match.spec} ${match.method} ${match.path}`;
    },
    missingFields(method, path, status, body) {
      const match = matchOfficial(specs, method, path);
      if (!match) return undefined;
      return { operation: `${match.method.toUpperCase()} ${match.path}`, missing: specs.missingResponseFields(match.spec, match.method, match.path, status, body) };
    },
  };
}

/** What the subset validator (contracts/subset/validate.ts) offers; structural, so the checks do not depend on its module. */
export interface SubsetValidators {
  matchOperation(method: string, urlPath: string): { document: string; method: string; template: string } | undefined;
  responseValidator(method: string, urlPath: string, status: number): (body: unknown) => ValidationResult;
}

export function subsetSpecSet(subset: SubsetValidators): ResponseSpecSet {
  return {
    name: 'subset',
    validator(method, path, status) {
      return subset.matchOperation(method, path) ? subset.responseValidator(method, path, status) : undefined;
    },
    describe(method, path) {
      const match = subset.matchOperation(method, path);
      return match && `subset ${match.document} ${match.method} ${match.template}`;
    },
  };
}
