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
export function checkPath(path: readonly string[]): void {
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

/**
 * The empty list and object stored records share: most records carry a few (`customFields: {}`,
 * `tiers: []`), and frozen, one of each serves them all.
 */
const NO_ITEMS: readonly never[] = Object.freeze([]);
const NO_MEMBERS: Readonly<Record<string, never>> = Object.freeze({});

/**
 * Whether a JSON tree is frozen already. Nothing here makes an object non-extensible without
 * freezing it (whole trees, children first, or `deepFreeze`), so not extensible means frozen: a
 * flag V8 reads off the object's map, where `Object.isFrozen` walks every property of it, and
 * every record handed out or stored asks.
 */
const isFrozen = (value: object): boolean => !Object.isExtensible(value);

function hasNoKeys(value: object): boolean {
  for (const _key in value) return false;
  return true;
}

/**
 * A frozen deep copy of a JSON tree, made in one pass: what a transaction stores, so neither the
 * caller's later changes nor a reader's can reach it. Parts already frozen are shared, not copied:
 * they come from stored records, which are frozen throughout (here or by `deepFreeze`).
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object' || isFrozen(value)) return value;
  if (Array.isArray(value)) return (value.length === 0 ? NO_ITEMS : Object.freeze(value.map(frozenCopy))) as T;
  const prototype: unknown = Object.getPrototypeOf(value);
  // Not a plain object (a Date, say): copied the general way.
  if (prototype !== Object.prototype && prototype !== null) return deepFreeze(structuredClone(value));
  if (prototype === Object.prototype && hasNoKeys(value)) return NO_MEMBERS as T;
  // Copied whole first, then children replaced in place: adding keys one by one would turn a large
  // record into a slow dictionary-mode object (V8), slower to read and to serialise ever after.
  const copy: Mutable = prototype === null ? Object.assign(dataMap(), value) : { ...(value as Mutable) };
  return frozenFresh(copy) as T;
}

/**
 * `frozenCopy` of a plain object the caller has just built and holds alone (an `extend` of a stored
 * record and a patch, say): frozen in place rather than copied once more, its children that are
 * not frozen yet copied as `frozenCopy` copies them.
 */
export function frozenFresh<T extends object>(fresh: T): T {
  const record = fresh as Mutable;
  // for-in walks the object's own keys without building their list (a record-sized array for every
  // record written); a plain object (what `extend` builds) inherits no enumerable key.
  for (const key in record) {
    const child = record[key];
    if (child === null || typeof child !== 'object' || isFrozen(child)) continue;
    // Assigning `__proto__` would set the copy's prototype; a parsed body may carry it as a plain key.
    if (key === '__proto__') Object.defineProperty(record, key, { value: frozenCopy(child) });
    else record[key] = frozenCopy(child);
  }
  return Object.freeze(fresh);
}

/**
 * `{ ...base, ...extra }` (and `...last`): the same members in the same order, built the way Node 20
 * builds fast. A spread followed by members the spread object lacks (`{ ...record, id, createdDate }`)
 * makes V8 add each through a slow path, tens of µs for a record-sized object (measured); copying
 * onto a fresh object follows the shape transitions V8 has cached and costs well under one. Typed
 * as the intersection: callers override a member only with a value of its own type.
 */
export function extend<A extends object, B extends object>(base: A, extra: B): A & B;
export function extend<A extends object, B extends object, C extends object>(base: A, extra: B, last: C): A & B & C;
export function extend(...parts: object[]): object {
  // Object.assign would set the copy's prototype for a `__proto__` key (a parsed body may carry one); a spread defines it.
  for (const part of parts) if (Object.hasOwn(part, '__proto__')) return parts.reduce((merged, part) => ({ ...merged, ...part }), {});
  return Object.assign({}, ...parts) as object;
}

/** Freezes a JSON tree so a caller holding a stored record cannot change state behind the store's back. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
