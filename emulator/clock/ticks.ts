import type { Store } from '../state/store.js';
import type { Transaction } from '../state/transaction.js';
import { outbound } from '../http/outbound.js';

/** URLs told about every step of a tenant's clock (a platform whose own jobs follow the virtual clock). */
const SUBSCRIBERS = '_clockSubscribers';
const TICK_TIMEOUT_MS = 30_000;

interface ClockSubscriber {
  id: string;
  url: string;
}

export function addClockSubscriber(tx: Transaction, url: string): void {
  if (tx.findBy(SUBSCRIBERS, 'url', url)) return;
  tx.insert<ClockSubscriber>(SUBSCRIBERS, { id: tx.newId(), url });
}

export function removeClockSubscriber(tx: Transaction, url: string): boolean {
  const subscriber = tx.findBy<ClockSubscriber>(SUBSCRIBERS, 'url', url);
  if (subscriber) tx.remove(SUBSCRIBERS, subscriber.id);
  return !!subscriber;
}

export function hasClockSubscribers(store: Store, tenant: string): boolean {
  return store.view(tenant).count(SUBSCRIBERS) > 0;
}

export function clockSubscribers(store: Store, tenant: string): string[] {
  return store.view(tenant).all<ClockSubscriber>(SUBSCRIBERS).map((subscriber) => subscriber.url);
}

/**
 * A subscriber running in this very process (a sync engine started beside the emulator), called
 * directly with what its URL would be posted: the same work at the same virtual time, without an
 * HTTP round trip on every step of the clock.
 */
export type TickReceiver = (now: string) => Promise<void>;

/**
 * Tells each subscriber the clock now stands at `now`, and waits for its answer: what it does in
 * reply (an hourly usage sync, say) happens at that virtual time, before the clock moves on.
 * A subscriber that fails is logged and skipped; it never stops the clock.
 */
export async function announceTick(store: Store, tenant: string, now: string, inProcess: ReadonlyMap<string, TickReceiver>): Promise<void> {
  for (const url of clockSubscribers(store, tenant)) {
    try {
      const receiver = inProcess.get(url);
      if (receiver) {
        await receiver(now);
        continue;
      }
      const response = await (await outbound()).request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant, now }),
        headersTimeout: TICK_TIMEOUT_MS,
        bodyTimeout: TICK_TIMEOUT_MS,
      });
      await response.body.dump();
    } catch (error) {
      console.error(`zuora-emulator: clock subscriber ${url} failed`, error);
    }
  }
}
