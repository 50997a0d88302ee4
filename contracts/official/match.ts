import { isObject } from './json.js';
import { OFFICIAL_SPEC_NAMES, type OfficialSpecName, type ParsedSpec } from './load.js';
import { operationMethods } from './operations.js';

/** A real request mapped to the spec operation that describes it. */
export interface OperationMatch {
  spec: OfficialSpecName;
  /** Upper-case HTTP method. */
  method: string;
  /** The spec's own path template, e.g. '/accounts/{account_id}' for GET /v2/accounts/A00000001. */
  path: string;
}

interface Route {
  spec: OfficialSpecName;
  template: string;
  /** URL segments including the spec's base path; undefined marks a `{parameter}` segment. */
  segments: (string | undefined)[];
  /** '1' per literal segment, '0' per parameter: a larger string is a more specific route. */
  rank: string;
  methods: Set<string>;
}

const PARAMETER_SEGMENT = /^\{[^}]+\}$/;

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/**
 * Builds `matchOperation(method, urlPath)`. `urlPath` may be a path or a full URL; the query is ignored.
 * The most specific template wins, literal segments counting from the left (so `/v1/accounts/summary`
 * beats `/v1/accounts/{key}`); equal ranks go to the earlier spec in OFFICIAL_SPEC_NAMES, so the
 * 2017 spec only answers for paths the current v1 spec lacks.
 */
export function createOperationMatcher(specs: Record<OfficialSpecName, ParsedSpec>): (method: string, urlPath: string) => OperationMatch | undefined {
  const routes: Route[] = OFFICIAL_SPEC_NAMES.flatMap((name) => {
    const { doc, basePath } = specs[name];
    return Object.entries(isObject(doc.paths) ? doc.paths : {}).map(([template, item]) => {
      const segments = splitPath(basePath + template).map((segment) => (PARAMETER_SEGMENT.test(segment) ? undefined : segment));
      const rank = segments.map((segment) => (segment === undefined ? '0' : '1')).join('');
      return { spec: name, template, segments, rank, methods: new Set(operationMethods(item)) };
    });
  });

  return (method, urlPath) => {
    const wanted = method.toLowerCase();
    // The dummy origin only lets URL parse plain paths; it strips query and fragment for us.
    const segments = splitPath(new URL(urlPath, 'http://request.invalid').pathname);
    let best: Route | undefined;
    for (const route of routes) {
      if (!route.methods.has(wanted) || route.segments.length !== segments.length) continue;
      if (!route.segments.every((segment, i) => segment === undefined || segment === segments[i])) continue;
      if (best === undefined || route.rank > best.rank) best = route;
    }
    return best && { spec: best.spec, method: wanted.toUpperCase(), path: best.template };
  };
}
