/**
 * Drops undefined members, so absent values are absent on the wire rather than null. Both dialects
 * use it, so it lives above them. A plain loop: it runs for every row of every list page, and
 * `Object.fromEntries(Object.entries(...))` costs several times as much.
 */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (member !== undefined) kept[key] = member;
  }
  return kept as Partial<T>;
}
