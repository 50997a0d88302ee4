import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import { extend } from '../state/paths.js';
import type { Store } from '../state/store.js';
import type { Reply } from './routeTable.js';

const COLLECTION = '_idempotency';
const LIFETIME_MS = 24 * 3600 * 1000;
/** Zuora refuses longer keys. */
export const MAX_KEY_LENGTH = 255;

interface IdempotencyRecord {
  id: string;
  /** The request the key was first used on; the key means nothing on another. */
  method: string;
  path: string;
  status: number;
  body: unknown;
  /** Virtual time after which the key may be reused (ISO). */
  expiresAt: string;
}

/**
 * `idempotency-key` on POST/PATCH, as Zuora documents it: the first answer is stored and replayed
 * for 24 virtual hours; a retry while the first request is still running answers 409, and the key
 * reused on another method or path answers 422. The answer is stored in the same commit as the
 * request's work, so after a crash either both are there (the retry replays) or neither (it runs).
 */
export class Idempotency {
  private readonly inFlight = new Set<string>();

  constructor(private readonly store: Store) {}

  async run(tenant: string, method: string, path: string, key: string, work: () => Reply | Promise<Reply>): Promise<Reply> {
    if (key.length > MAX_KEY_LENGTH) {
      throw new DomainError('InvalidValue', `The idempotency key is ${key.length} characters long; at most ${MAX_KEY_LENGTH} are allowed`, undefined, 'Idempotency-Key');
    }
    const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
    const slot = `${tenant}/${id}`;
    if (this.inFlight.has(slot)) {
      throw new DomainError('InProgress', 'A request with this idempotency key is still being processed; retry once it has finished', undefined, 'Idempotency-Key', 1);
    }
    const view = this.store.view(tenant);
    const stored = view.get<IdempotencyRecord>(COLLECTION, id);
    if (stored && stored.expiresAt > view.now().toISOString()) {
      if (stored.method !== method || stored.path !== path) {
        throw new DomainError('KeyReused', `This idempotency key was used with ${stored.method} ${stored.path}; use a new key for another request`, undefined, 'Idempotency-Key');
      }
      return { status: stored.status, body: stored.body };
    }
    this.inFlight.add(slot);
    try {
      return await this.store.unit(async () => {
        const reply = await work();
        const status = reply.status ?? 200;
        if (status < 500) await this.remember(tenant, { id, method, path, status, body: reply.body ?? null });
        return reply;
      });
    } finally {
      this.inFlight.delete(slot);
    }
  }

  private remember(tenant: string, record: Omit<IdempotencyRecord, 'expiresAt'>): Promise<void> {
    return this.store.transact(tenant, (tx) => {
      tx.remove(COLLECTION, record.id);
      // `extend`, not a spread followed by a new member: see there why.
      tx.insert<IdempotencyRecord>(COLLECTION, extend(record, { expiresAt: new Date(tx.now().getTime() + LIFETIME_MS).toISOString() }));
    });
  }
}
