/** What moved in a tenant: its stored state (any commit, bookkeeping included) or its request log. */
export type ActivityKind = 'state' | 'requests';

export type ActivityListener = (tenant: string, kind: ActivityKind) => void;

/**
 * Tells watchers (the inspector's change feed) that something of a tenant changed, whatever changed
 * it. Unlike the change feed of Zuora objects it carries no data and includes the emulator's own
 * bookkeeping (jobs, callout attempts, the clock), which is what a live view needs to refresh.
 */
export class Activity {
  private readonly listeners = new Set<ActivityListener>();

  subscribe(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(tenant: string, kind: ActivityKind): void {
    for (const listener of this.listeners) listener(tenant, kind);
  }
}
