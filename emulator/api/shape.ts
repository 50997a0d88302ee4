/**
 * Drops undefined members, so absent values are absent on the wire rather than null. Both dialects
 * use it, so it lives above them. A plain loop: it runs for every row of every list page, and
 * `Object.fromEntries(Object.entries(...))` costs several times as much.
 */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return copyDefined({}, value) as Partial<T>;
}

/** Copies the members of `source` that are not undefined onto `target`, in their order; answers `target`. */
export function copyDefined(target: Record<string, unknown>, source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  for (const key of Object.keys(source)) {
    const member = source[key];
    if (member !== undefined) target[key] = member;
  }
  return target;
}
