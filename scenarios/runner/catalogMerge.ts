// A catalog given in part, laid over the one the engine has: each list's items replace the engine's
// with the same id, and the engine's others are kept.

type CatalogLists = Record<string, Array<Record<string, unknown>> | undefined>;

const LISTS = ['features', 'currencies', 'products', 'plans', 'addons'] as const;

/** The engine's catalog as a catalog to publish: without its own bookkeeping (kind, Zuora ids, versions). */
const asGiven = ({ kind: _kind, billing: _billing, versionNumber: _version, previousVersions: _previous, ...item }: Record<string, unknown>) => item;

export function catalogOver(current: CatalogLists, incoming: CatalogLists): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const list of LISTS) {
    const given = incoming[list] ?? [];
    const ids = new Set(given.map((item) => item.id));
    merged[list] = [...(current[list] ?? []).filter((item) => !ids.has(item.id)).map(asGiven), ...given];
  }
  return merged;
}
