/**
 * An endpoint list as contracts/suites and contracts/fuzz export theirs (`SUITE_ENDPOINTS`,
 * `FUZZED_ENDPOINTS`): method and express-style path, as the route tables write them, e.g.
 * `{ method: 'GET', path: '/v2/accounts/:account_id' }`.
 */
export type EndpointList = Array<{ method: string; path: string; suites?: string[] }>;

/** A list, or the reason it cannot be read yet. */
export type ListSource = { status: 'ready'; endpoints: EndpointList } | { status: 'not yet'; reason: string };
