/** One Zuora API call as the admin API lists it. */
export interface RequestEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  /** Wall time the answer was sent (ISO). */
  at: string;
  durationMs: number;
  trackId?: string;
}

/** The most recent Zuora API calls per tenant, in memory: a debugging aid, not state. */
export class RequestJournal {
  private readonly entries = new Map<string, RequestEntry[]>();

  constructor(
    private readonly capacity = 1000,
    /** Told after each call is recorded (the inspector's change feed). */
    private readonly onRecord: (tenant: string) => void = () => undefined,
  ) {}

  record(tenant: string, entry: RequestEntry): void {
    const list = this.entries.get(tenant) ?? [];
    list.push(entry);
    if (list.length > this.capacity) list.splice(0, list.length - this.capacity);
    this.entries.set(tenant, list);
    this.onRecord(tenant);
  }

  list(tenant: string): readonly RequestEntry[] {
    return this.entries.get(tenant) ?? [];
  }

  clear(tenant: string): void {
    this.entries.delete(tenant);
  }
}
