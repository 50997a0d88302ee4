import type { SetOp } from './document.js';

type Mutable = Record<string, unknown>;

/**
 * Names that reach an object's prototype rather than its data. Ids, tenant names and snapshot names
 * come from requests, so a path through one of these would change every object in the process.
 */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

const isUnsafeKey = (key: string): boolean => UNSAFE_KEYS.has(key);

export class UnsafePathError extends Error {
  constructor(readonly path: readonly string[]) {
    super(`refused a state path through a prototype name: ${path.join('/')}`);
  }
}

/** The value stored under `key` itself, never one inherited from a prototype (`toString`, `constructor`...). */
export function own<T>(container: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return container !== undefined && Object.hasOwn(container, key) ? container[key] : undefined;
}

/** A container for data keyed by names that come from outside: no prototype, so no inherited keys. */
function dataMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Refuses a path through a prototype name before anything is applied. */
function checkPath(path: readonly string[]): void {
  if (path.some((key) => typeof key !== 'string' || isUnsafeKey(key))) throw new UnsafePathError(path);
}

/** Applies one set/delete op to a plain JSON tree in place, creating intermediate containers as needed. */
export function applyOp(root: Mutable, op: SetOp): void {
  const { path } = op;
  checkPath(path);
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = own(node, key);
    if (next === undefined || next === null || typeof next !== 'object') {
      if (op.value === undefined) return; // deleting under a missing parent is a no-op
      node[key] = dataMap();
    }
    node = node[key] as Mutable;
  }
  const last = path[path.length - 1];
  if (last === undefined) throw new Error('empty op path');
  if (op.value === undefined) delete node[last];
  else node[last] = op.value;
}

/** The value at `path`, or undefined (own properties only). */
export function valueAt(root: Mutable, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = own(node as Mutable, key);
  }
  return node;
}

const isPlain = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A frozen deep copy of a record about to be stored, so neither the writer (who may keep and change
 * what it passed) nor a reader can change state behind the store's back. Records are JSON data:
 * plain objects and arrays are copied by hand, several times faster than structuredClone, which
 * still copies anything else (a Date) exactly as before.
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (!isPlain(value)) return deepFreeze(structuredClone(value));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = frozenCopy((value as Record<string, unknown>)[key]);
    // A `__proto__` key from parsed JSON is data: assigning it would set the copy's prototype instead.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true, configurable: true });
    else copy[key] = field;
  }
  return Object.freeze(copy) as T;
}

/** Freezes a JSON tree so a caller holding a stored record cannot change state behind the store's back. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
