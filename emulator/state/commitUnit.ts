import type { Change } from './changeFeed.js';

/**
 * The writes that become durable together: every transaction of one API request (its domain work,
 * the callout deliveries its changes raise, its idempotency record), or one transaction on its own.
 * Memory changes at once, so later reads see the writes; the journal gets one record per unit,
 * holding the values at the unit's paths as they stand when the unit is sealed. Records are written
 * in seal order, so replaying them always ends where memory was.
 */
export class CommitUnit {
  /**
   * Paths written, in write order, repeats included. Only the journal needs them deduplicated (see
   * `touched`); in memory a unit is never written to disk, so every write skips building a key.
   */
  private readonly written: Array<readonly string[]> = [];
  private readonly tenantsWritten = new Set<string>();
  /** Changes to publish once the unit is durable. */
  readonly changes: Change[] = [];
  /** Still taking writes; a sealed unit's context no longer gathers transactions. */
  open = true;

  constructor(
    /** The store's generation when the unit began; a rollback in between fails the unit. */
    readonly generation: number,
  ) {}

  touch(path: readonly string[]): void {
    this.written.push(path);
    const [root, tenant] = path;
    if (root === 'tenants' && tenant) this.tenantsWritten.add(tenant);
  }

  holds(path: readonly string[]): boolean {
    return this.written.some((written) => samePath(written, path));
  }

  /** The tenants whose state the unit changed. */
  tenants(): ReadonlySet<string> {
    return this.tenantsWritten;
  }

  get empty(): boolean {
    return this.written.length === 0;
  }

  /** Written paths, each once, a parent before its children, so a replayed parent never hides a child's value. */
  touched(): Array<readonly string[]> {
    const paths = new Map<string, readonly string[]>();
    for (const path of this.written) paths.set(path.join('\u0000'), path);
    return [...paths.values()].sort((a, b) => a.length - b.length);
  }
}

const samePath = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((key, index) => key === b[index]);
