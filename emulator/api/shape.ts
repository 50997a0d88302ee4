/**
 * Drops undefined members, so absent values are absent on the wire rather than null. Both dialects
 * use it, so it lives above them.
 */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}
