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

/** A call as recorded: its wall time as epoch ms, turned into the listed entry only when someone reads the journal. */
export interface RecordedRequest extends Omit<RequestEntry, 'at'> {
  atMs: number;
}

/** The last `capacity` calls of one tenant, in a ring: recording one never moves the others. */
class Ring {
  private readonly slots: RecordedRequest[] = [];
  /** Where the next call goes once the ring is full (its oldest). */
  private next = 0;

  constructor(private readonly capacity: number) {}

  push(call: RecordedRequest): void {
    if (this.slots.length < this.capacity) this.slots.push(call);
    else this.slots[this.next] = call;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  inOrder(): RecordedRequest[] {
    return this.slots.length < this.capacity ? this.slots : [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)];
  }
}

/** The most recent Zuora API calls per tenant, in memory: a debugging aid, not state. */
export class RequestJournal {
  private readonly rings = new Map<string, Ring>();

  constructor(
    private readonly capacity = 1000,
    /** Told after each call is recorded (the inspector's change feed). */
    private readonly onRecord: (tenant: string) => void = () => undefined,
  ) {}

  record(tenant: string, call: RecordedRequest): void {
    let ring = this.rings.get(tenant);
    if (!ring) this.rings.set(tenant, (ring = new Ring(this.capacity)));
    ring.push(call);
    this.onRecord(tenant);
  }

  /**
   * Oldest first: the calls after `after` (a request id; all of them when it is no longer in the
   * journal), then the last `limit` of those. Cut before the entries are built, so a reader that
   * asks only for what is new pays for what is new.
   */
  list(tenant: string, options: { after?: string; limit?: number } = {}): RequestEntry[] {
    let calls = this.rings.get(tenant)?.inOrder() ?? [];
    if (options.after !== undefined) {
      const at = calls.findLastIndex((call) => call.requestId === options.after);
      if (at >= 0) calls = calls.slice(at + 1);
    }
    if (options.limit !== undefined) calls = calls.slice(Math.max(0, calls.length - options.limit));
    return calls.map(({ requestId, method, path, status, atMs, durationMs, trackId }) => ({
      requestId,
      method,
      path,
      status,
      at: new Date(atMs).toISOString(),
      durationMs,
      ...(trackId !== undefined ? { trackId } : {}),
    }));
  }

  clear(tenant: string): void {
    this.rings.delete(tenant);
  }
}
