/**
 * Sets `target[key]` as plain data. Assigning `__proto__` would set the object's prototype instead,
 * and a parsed body may carry it as an ordinary key (in metadata, say).
 */
export function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
