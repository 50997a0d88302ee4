import type { StoredRecord } from './document.js';

export type ChangeType = 'INSERT' | 'UPDATE' | 'DELETE';

/** One committed change to a Zuora object. Event triggers read nothing else. */
export interface Change {
  /** Position in the tenant's feed; strictly increasing in commit order. */
  readonly seq: number;
  readonly tenant: string;
  /** Zuora object name, e.g. Account, Invoice. */
  readonly object: string;
  readonly changeType: ChangeType;
  readonly before: StoredRecord | null;
  readonly after: StoredRecord | null;
  /** Tenant virtual time of the commit (ISO). */
  readonly at: string;
}

export type ChangeListener = (changes: readonly Change[]) => void;

/**
 * Per-tenant stream of committed changes, published only after the commit is durable and always in
 * commit order. Listeners see every change; the feed keeps none itself.
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private readonly seqs = new Map<string, number>();

  nextSeq(tenant: string): number {
    const seq = (this.seqs.get(tenant) ?? 0) + 1;
    this.seqs.set(tenant, seq);
    return seq;
  }

  publish(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
