import type { Change } from './changeFeed.js';

/**
 * The writes that become durable together: every transaction of one API request (its domain work,
 * the callout deliveries its changes raise, its idempotency record), or one transaction on its own.
 * Memory changes at once, so later reads see the writes; the journal gets one record per unit,
 * holding the values at the unit's paths as they stand when the unit is sealed. Records are written
 * in seal order, so replaying them always ends where memory was.
 */
export class CommitUnit {
  /** Paths as written, a path written twice twice. */
  private readonly writes: Array<readonly string[]> = [];
  /** Paths written, each once, in first-write order: `writes` up to `indexed` taken into `tree`. */
  private readonly written: Array<readonly string[]> = [];
  /**
   * The same paths as a tree of their keys, which tells a path written before without joining it
   * into one string (a key of ~100 characters to build and hash for every record written). Built
   * only when asked (a journal record, a lock or outbox check): in memory nobody asks, and building
   * it was a good part of what a commit allocated.
   */
  private readonly tree: PathNode = {};
  private indexed = 0;
  private readonly tenantsWritten = new Set<string>();
  /** Changes to publish once the unit is durable. */
  readonly changes: Change[] = [];
  /** Still taking writes; a sealed unit's context no longer gathers transactions. */
  open = true;
  /** Whether the store is done with the unit: its record durable, or failed, or nothing to write. */
  private finished = false;
  /** Made only when someone waits for the unit (rarely): a promise per commit costs every commit. */
  private waiting: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(
    /** The store's generation when the unit began; a rollback in between fails the unit. */
    readonly generation: number,
  ) {}

  /** Settles once the store is done with the unit. */
  get done(): Promise<void> {
    if (this.finished) return Promise.resolve();
    if (!this.waiting) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((settle) => (resolve = settle));
      this.waiting = { promise, resolve };
    }
    return this.waiting.promise;
  }

  /** Called by the store when it is done with the unit. */
  finish(): void {
    this.finished = true;
    this.waiting?.resolve();
  }

  touch(path: readonly string[]): void {
    this.writes.push(path);
    const [root, tenant] = path;
    if (root === 'tenants' && tenant) this.tenantsWritten.add(tenant);
  }

  holds(path: readonly string[]): boolean {
    this.index();
    let node: PathNode | undefined = this.tree;
    for (const key of path) node = node?.children?.get(key);
    return node?.written === true;
  }

  /** The tenants whose state the unit changed. */
  tenants(): ReadonlySet<string> {
    return this.tenantsWritten;
  }

  get empty(): boolean {
    return this.writes.length === 0;
  }

  /** Written paths, each once, a parent before its children, so a replayed parent never hides a child's value. */
  touched(): Array<readonly string[]> {
    this.index();
    return [...this.written].sort((a, b) => a.length - b.length);
  }

  /** Takes the paths written since the last call into the tree, each once. */
  private index(): void {
    for (; this.indexed < this.writes.length; this.indexed += 1) {
      const path = this.writes[this.indexed] as readonly string[];
      let node = this.tree;
      for (const key of path) {
        const children = (node.children ??= new Map());
        let next = children.get(key);
        if (!next) children.set(key, (next = {}));
        node = next;
      }
      if (node.written) continue;
      node.written = true;
      this.written.push(path);
    }
  }
}

interface PathNode {
  /** Made at the first path that goes on under this one (a record's id has none). */
  children?: Map<string, PathNode>;
  /** A path ending here was written. */
  written?: boolean;
}
