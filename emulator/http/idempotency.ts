import { createHash } from 'node:crypto';
import type { Store } from '../state/store.js';
import type { Reply } from './routeTable.js';

const COLLECTION = '_idempotency';
const LIFETIME_MS = 24 * 3600 * 1000;

interface IdempotencyRecord {
  id: string;
  status: number;
  body: unknown;
  /** Virtual time after which the key may be reused (ISO). */
  expiresAt: string;
}

/**
 * `idempotency-key` on POST/PATCH: the first answer is stored and replayed for 24 virtual hours;
 * a retry that arrives while the first attempt is still running waits for it rather than running twice.
 */
export class Idempotency {
  private readonly inFlight = new Map<string, Promise<Reply>>();

  constructor(private readonly store: Store) {}

  async run(tenant: string, method: string, path: string, key: string, work: () => Promise<Reply>): Promise<Reply> {
    const id = createHash('sha256').update(`${method} ${path} ${key}`).digest('hex').slice(0, 32);
    const slot = `${tenant}/${id}`;
    const running = this.inFlight.get(slot);
    if (running) return running;
    const view = this.store.view(tenant);
    const stored = view.get<IdempotencyRecord>(COLLECTION, id);
    if (stored && stored.expiresAt > view.now().toISOString()) return { status: stored.status, body: stored.body };
    const attempt = this.remember(tenant, id, work).finally(() => this.inFlight.delete(slot));
    this.inFlight.set(slot, attempt);
    return attempt;
  }

  private async remember(tenant: string, id: string, work: () => Promise<Reply>): Promise<Reply> {
    const reply = await work();
    const status = reply.status ?? 200;
    if (status < 500) {
      await this.store.transact(tenant, (tx) => {
        const record: IdempotencyRecord = {
          id,
          status,
          body: reply.body ?? null,
          expiresAt: new Date(tx.now().getTime() + LIFETIME_MS).toISOString(),
        };
        tx.remove(COLLECTION, id);
        tx.insert(COLLECTION, record);
      });
    }
    return reply;
  }
}
