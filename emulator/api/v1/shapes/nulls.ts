/**
 * Fields of an official V1 schema the emulator does not model (no feature behind them), sent as
 * null as Zuora sends an unset field, so a client reading them finds them present. Listed by name
 * so each shape states what it leaves unmodelled.
 */
export function unmodelled(names: readonly string[]): Record<string, null> {
  return Object.fromEntries(names.map((name) => [name, null]));
}

/** A value the emulator may not have, sent as null rather than left out. */
export const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
