import type { SetOp } from './document.js';

type Mutable = Record<string, unknown>;

/** Applies one set/delete op to a plain JSON tree in place, creating intermediate objects as needed. */
export function applyOp(root: Mutable, op: SetOp): void {
  const { path } = op;
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === undefined || next === null || typeof next !== 'object') {
      if (op.value === undefined) return; // deleting under a missing parent is a no-op
      node[key] = {};
    }
    node = node[key] as Mutable;
  }
  const last = path[path.length - 1];
  if (last === undefined) throw new Error('empty op path');
  if (op.value === undefined) delete node[last];
  else node[last] = op.value;
}

/** Freezes a JSON tree so a caller holding a stored record cannot change state behind the store's back. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
