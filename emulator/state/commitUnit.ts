import type { Change } from './changeFeed.js';

/**
 * The writes that become durable together: every transaction of one API request (its domain work,
 * the callout deliveries its changes raise, its idempotency record), or one transaction on its own.
 * Memory changes at once, so later reads see the writes; the journal gets one record per unit,
 * holding the values at the unit's paths as they stand when the unit is sealed. Records are written
 * in seal order, so replaying them always ends where memory was.
 */
export class CommitUnit {
  /** Paths written, by their joined key, in first-write order. */
  private readonly paths = new Map<string, readonly string[]>();
  /** Changes to publish once the unit is durable. */
  readonly changes: Change[] = [];
  /** Still taking writes; a sealed unit's context no longer gathers transactions. */
  open = true;

  constructor(
    /** The store's generation when the unit began; a rollback in between fails the unit. */
    readonly generation: number,
  ) {}

  touch(path: readonly string[]): void {
    this.paths.set(path.join('\u0000'), path);
  }

  holds(path: readonly string[]): boolean {
    return this.paths.has(path.join('\u0000'));
  }

  /** The tenants whose state the unit changed. */
  tenants(): Set<string> {
    const tenants = new Set<string>();
    for (const [root, tenant] of this.paths.values()) if (root === 'tenants' && tenant) tenants.add(tenant);
    return tenants;
  }

  get empty(): boolean {
    return this.paths.size === 0;
  }

  /** Written paths, a parent before its children, so a replayed parent never hides a child's value. */
  touched(): Array<readonly string[]> {
    return [...this.paths.values()].sort((a, b) => a.length - b.length);
  }
}
