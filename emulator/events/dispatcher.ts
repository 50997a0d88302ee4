import { randomUUID } from 'node:crypto';
import { cancelJobs, scheduleJob, type JobHandler, type JobRegistry } from '../clock/jobs.js';
import type { Clock } from '../clock/clock.js';
import type { Change } from '../state/changeFeed.js';
import type { StoredRecord } from '../state/document.js';
import { numberKey, type RecordOrder } from '../state/indexes.js';
import { extend } from '../state/paths.js';
import type { Store } from '../state/store.js';
import type { PendingChange, ReadView, Transaction } from '../state/transaction.js';
import { calloutFaultInForce, takeCalloutFault, type TakenFault } from './calloutFaults.js';
import { compileCondition, conditionContext } from './conditions.js';
import { eventDataSources, type DataSources } from './dataSources.js';
import { CALLOUTS, EVENT_TRIGGERS, NOTIFICATION_DEFINITIONS, type CalloutDelivery, type RaisedEvent } from './model.js';
import { calloutsFor, type NotificationDefinition } from './notifications.js';
import { renderCallout } from './render.js';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, sendCallout, type CalloutReceiver } from './send.js';
import { standardEventOf } from './standardEvents.js';
import { activeTriggersFor } from './triggers.js';

export const RETRY_JOB = 'callout.retry';
/** Zuora's default: three attempts in all... */
export const MAX_ATTEMPTS = 3;
/** ...at least 30 minutes apart; here the wait doubles after each failure. */
const RETRY_BASE_MS = 30 * 60 * 1000;
/** What `settle` answers when there is nothing to wait for: one settled promise, not one each time. */
const SETTLED = Promise.resolve();

export type NewDelivery = Omit<CalloutDelivery, 'id' | 'seq' | 'createdAt'>;

/** Another dialect's way of turning a committed change into deliveries (Stripe events into webhooks). */
export type DeliverySource = (view: ReadView, change: PendingChange) => NewDelivery[];

/** A change's data sources, worked out on first read and shared by every event it raises. */
class ChangeData {
  private built: DataSources | undefined;

  constructor(
    private readonly view: ReadView,
    private readonly change: PendingChange,
  ) {}

  get sources(): DataSources {
    return (this.built ??= eventDataSources(this.view, this.change));
  }
}

/**
 * An event about a change. Its data is worked out on first read: most changes raise a standard
 * event no notification listens to. A class, where an object literal with a getter per event showed.
 */
class ChangeEvent implements RaisedEvent {
  constructor(
    readonly object: string,
    readonly objectId: string,
    private readonly changeData: ChangeData,
    readonly eventTypeName: string | undefined,
    readonly eventCategory: number | undefined,
  ) {}

  get sources(): DataSources {
    return this.changeData.sources;
  }
}

/**
 * The events one committed change raises: custom events whose trigger matches, and the standard
 * event, if any. `triggered` says whether the tenant has any event trigger at all (worked out once
 * per transaction; without one, no change needs its triggers looked up).
 */
export function eventsOf(view: ReadView, change: PendingChange, triggered = true): RaisedEvent[] {
  const record = change.after ?? change.before;
  if (!record) return [];
  const triggers = triggered ? activeTriggersFor(view, change.object) : [];
  const standard = standardEventOf(change);
  if (triggers.length === 0 && !standard) return [];
  const data = new ChangeData(view, change);
  const events: RaisedEvent[] = [];
  if (triggers.length > 0) {
    const context = conditionContext(change);
    for (const trigger of triggers) {
      if (compileCondition(trigger.condition).matches(context)) events.push(new ChangeEvent(change.object, record.id, data, trigger.eventType.name, undefined));
    }
  }
  if (standard) events.push(new ChangeEvent(change.object, record.id, data, undefined, standard.category));
  return events;
}

/** The callouts an event owes: one per active callout of each active notification whose filter it passes. */
function deliveriesFor(view: ReadView, event: RaisedEvent, definitions: readonly NotificationDefinition[]): NewDelivery[] {
  return calloutsFor(view, event, definitions)
    .filter(({ filterRule }) => !filterRule || compileCondition(filterRule).matches({ ...event.sources.all }))
    .map(({ notificationId, spec }) =>
      extend(
        {
          notificationId,
          eventName: event.eventTypeName ?? String(event.eventCategory),
          eventCategory: event.eventCategory ?? null,
          object: event.object,
          objectId: event.objectId,
        },
        renderCallout(spec, event),
        {
          auth: spec.requiredAuth && spec.calloutAuth ? spec.calloutAuth : null,
          retry: spec.calloutRetry,
          maxAttempts: spec.calloutRetry ? MAX_ATTEMPTS : 1,
          status: 'pending' as const,
          attempts: [],
          nextAttemptAt: null,
        },
      ),
    );
}

function insertDeliveries(tx: Transaction, deliveries: readonly NewDelivery[]): void {
  const createdAt = tx.now().toISOString();
  for (const delivery of deliveries) {
    const id = tx.newId();
    tx.insert<CalloutDelivery>(CALLOUTS, extend(delivery, { id, seq: Number(tx.meta().counters.id ?? 0), createdAt }));
  }
}

const seqOf = (record: StoredRecord): string => numberKey((record as unknown as CalloutDelivery).seq);
/** Every delivery in the order it was raised. */
const JOURNAL_ORDER: RecordOrder = { name: 'callouts by seq', keyOf: seqOf };
/** The deliveries owed now, in the order they were raised: the lane takes the first. */
const PENDING_ORDER: RecordOrder = { name: 'pending callouts by seq', keyOf: (record) => ((record as unknown as CalloutDelivery).status === 'pending' ? seqOf(record) : undefined) };

export function calloutJournal(view: ReadView): CalloutDelivery[] {
  return [...view.inOrder<CalloutDelivery>(CALLOUTS, JOURNAL_ORDER)];
}

const pendingOf = (view: ReadView): Generator<CalloutDelivery> => view.inOrder<CalloutDelivery>(CALLOUTS, PENDING_ORDER);
const firstPending = (view: ReadView): CalloutDelivery | undefined => pendingOf(view).next().value ?? undefined;

function firstAfter(deliveries: Iterable<CalloutDelivery>, seq: number): CalloutDelivery | undefined {
  for (const delivery of deliveries) if (delivery.seq > seq) return delivery;
  return undefined;
}

/** Deliveries in one status, in the order they were raised, through an index on the status. */
const inStatus = (view: ReadView, status: CalloutDelivery['status']): CalloutDelivery[] => view.filterBy<CalloutDelivery>(CALLOUTS, 'status', status).sort((a, b) => a.seq - b.seq);

/**
 * Deliveries held back by the reorder fault (waiting, with no time set), in the order they were
 * raised. Every attempt asks, and almost never finds one: an order that leaves out every other
 * delivery costs a commit next to nothing, where an index on the status moved each delivery
 * between its statuses' lists.
 */
const HELD_ORDER: RecordOrder = {
  name: 'held callouts by seq',
  keyOf: (record) => {
    const delivery = record as unknown as CalloutDelivery;
    return delivery.status === 'waiting' && delivery.nextAttemptAt === null ? seqOf(record) : undefined;
  },
};

/** Deliveries held back by the reorder fault follow the first one sent after them. */
function releaseHeld(tx: Transaction, sentSeq: number): void {
  const earlier: CalloutDelivery[] = [];
  for (const held of tx.inOrder<CalloutDelivery>(CALLOUTS, HELD_ORDER)) {
    if (held.seq >= sentSeq) break;
    earlier.push(held);
  }
  for (const held of earlier) tx.update<CalloutDelivery>(CALLOUTS, held.id, { status: 'pending' });
}

/** A waiting delivery becomes due when the clock reaches its retry time. */
const retryDue: JobHandler = (tx, payload) => {
  const delivery = tx.get<CalloutDelivery>(CALLOUTS, (payload as { calloutId: string }).calloutId);
  if (delivery?.status === 'waiting') tx.update<CalloutDelivery>(CALLOUTS, delivery.id, { status: 'pending', nextAttemptAt: null });
};

export interface DispatcherOptions {
  /** Wall time one attempt may take before it counts as failed. */
  attemptTimeoutMs?: number;
  /** Where a delivery that used up its attempts is reported; stderr by default. */
  warn?: (message: string) => void;
}

/**
 * Turns changes into callouts and delivers them over HTTP. Deliveries are written in the same
 * transaction as the changes that raise them, so an acknowledged change never loses its callouts,
 * and are attempted once that transaction is durable; a tenant's deliveries are made one at a time
 * in commit order. Delivery never holds up or fails the API request behind it, nor another tenant's.
 */
export class Dispatcher {
  private readonly lanes = new Map<string, Promise<unknown>>();
  /** Tenants whose transactions stored deliveries not yet handed to a lane. */
  private readonly owed = new Set<string>();
  private readonly attemptTimeoutMs: number;
  private readonly warn: (message: string) => void;
  private readonly sources: DeliverySource[] = [];
  /** Callout receivers in this process, by the URL their callouts go to. */
  private readonly receivers = new Map<string, CalloutReceiver>();

  constructor(
    private readonly store: Store,
    clock: Clock,
    jobs: JobRegistry,
    options: DispatcherOptions = {},
  ) {
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    this.warn = options.warn ?? ((message) => process.stderr.write(`${message}\n`));
    store.onTransaction((tx) => this.raise(tx));
    store.feed.subscribe((changes) => this.kick(changes));
    jobs.register(RETRY_JOB, retryDue);
    clock.onQuiescence((tenant) => this.settle(tenant));
  }

  /** After a restart: delivers what was owed when the process stopped. */
  resume(): void {
    for (const tenant of this.store.tenantKeys()) {
      if (firstPending(this.store.view(tenant))) this.startDraining(tenant);
    }
  }

  /**
   * Callouts to `url` go straight to `receiver` while it is registered (see CalloutReceiver); the
   * returned function ends that, and they go over HTTP again.
   */
  receiveCalloutsInProcess(url: string, receiver: CalloutReceiver): () => void {
    this.receivers.set(url, receiver);
    return () => {
      if (this.receivers.get(url) === receiver) this.receivers.delete(url);
    };
  }

  /** Another dialect's deliveries for committed changes (Stripe's webhooks). */
  addSource(source: DeliverySource): void {
    this.sources.push(source);
  }

  /**
   * Resolves once nothing is left to attempt now (waiting retries wait for the clock): the lane's
   * work is done and nothing is owed. In an advance, before and after each job, the lane is idle or
   * busy with the job's own callouts: this waits for that work to end rather than queue a drain
   * behind it, which would only find nothing (a chain of promises, twice a job).
   */
  settle(tenant: string): Promise<void> {
    const last = this.lanes.get(tenant);
    const again = (): Promise<void> => this.settle(tenant);
    if (last) return last.then(again, again);
    return firstPending(this.store.view(tenant)) ? this.lane(tenant, () => this.drain(tenant)).then(again) : SETTLED;
  }

  /**
   * Attempts everything owed now, waiting retries included, without waiting for the clock: one
   * attempt per delivery per call, so a receiver that is down is not spent in one virtual instant.
   */
  flush(tenant: string): Promise<void> {
    return this.lane(tenant, async () => {
      await this.drain(tenant);
      const waiting = inStatus(this.store.view(tenant), 'waiting');
      if (waiting.length === 0) return this.store.durable();
      await this.store.transact(tenant, (tx) => {
        for (const delivery of waiting) {
          cancelJobs(tx, 'calloutId', delivery.id, (job) => job.kind === RETRY_JOB);
          tx.update<CalloutDelivery>(CALLOUTS, delivery.id, { status: 'pending', nextAttemptAt: null });
        }
      });
      await this.drain(tenant);
      await this.store.durable();
    });
  }

  /** Gives every failed delivery of the tenant a fresh set of attempts and makes the first now; answers how many. */
  async redeliverFailed(tenant: string): Promise<number> {
    return this.lane(tenant, async () => {
      const failed = inStatus(this.store.view(tenant), 'failed');
      if (failed.length === 0) return 0;
      await this.store.transact(tenant, (tx) => {
        for (const delivery of failed) {
          const maxAttempts = delivery.attempts.length + (delivery.retry ? MAX_ATTEMPTS : 1);
          tx.update<CalloutDelivery>(CALLOUTS, delivery.id, { status: 'pending', nextAttemptAt: null, maxAttempts });
        }
      });
      await this.drain(tenant);
      await this.store.durable();
      return failed.length;
    });
  }

  /** Sends a past callout again as a new delivery, as Zuora's resend from the callout history does. */
  async redeliver(tenant: string, calloutId: string): Promise<CalloutDelivery | undefined> {
    const original = this.store.view(tenant).get<CalloutDelivery>(CALLOUTS, calloutId);
    if (!original) return undefined;
    const { id: _id, seq: _seq, createdAt: _created, ...rest } = original;
    await this.lane(tenant, async () => {
      await this.store.transact(tenant, (tx) => insertDeliveries(tx, [{ ...rest, status: 'pending', attempts: [], nextAttemptAt: null }]));
      await this.drain(tenant);
      await this.store.durable();
    });
    return calloutJournal(this.store.view(tenant)).at(-1);
  }

  /** Runs `work` after the tenant's lane work before it; the lane is dropped once its last work is done. */
  private lane<T>(tenant: string, work: () => Promise<T>): Promise<T> {
    // After the work before it, however that ended.
    const next = (this.lanes.get(tenant) ?? SETTLED).then(work, work);
    this.lanes.set(tenant, next);
    const done = (): void => {
      if (this.lanes.get(tenant) === next) this.lanes.delete(tenant);
    };
    next.then(done, done);
    return next;
  }

  /** Inside a transaction: the callouts its changes raise are stored with them. */
  private raise(tx: Transaction): void {
    const changes = tx.changes();
    if (changes.length === 0) return;
    try {
      // A tenant with no event trigger and no notification (most of them) owes no Zuora callout for
      // any change: its events are not worked out, change by change, only to find nobody listens.
      const triggered = tx.count(EVENT_TRIGGERS) > 0;
      const heard = triggered || tx.count(NOTIFICATION_DEFINITIONS) > 0;
      // Read once for every event the changes raise, at the first: most transactions raise none
      // (a callout's attempt records, a clock step).
      let definitions: NotificationDefinition[] | undefined;
      const deliveries: NewDelivery[] = [];
      for (const change of changes) {
        const events = heard ? eventsOf(tx, change, triggered) : [];
        for (const event of events) {
          definitions ??= tx.all<NotificationDefinition>(NOTIFICATION_DEFINITIONS);
          deliveries.push(...deliveriesFor(tx, event, definitions));
        }
        for (const source of this.sources) deliveries.push(...source(tx, change));
      }
      if (deliveries.length === 0) return;
      insertDeliveries(tx, deliveries);
      this.owed.add(tx.tenant);
    } catch (error) {
      // A broken template must not fail the request that raised the event; the log says why.
      console.error(`zuora-emulator: raising events for tenant ${tx.tenant} failed`, error);
    }
  }

  /** Once a transaction that stored deliveries is durable, its tenant's lane attempts them. */
  private kick(changes: readonly Change[]): void {
    // A tenant's lane starts once, at its first change: `owed` forgets it there.
    for (const { tenant } of changes) if (this.owed.delete(tenant)) this.startDraining(tenant);
  }

  private startDraining(tenant: string): void {
    void this.lane(tenant, () => this.drain(tenant)).catch((error: unknown) => console.error('zuora-emulator: delivering callouts failed', error));
  }

  private async drain(tenant: string): Promise<void> {
    for (let next = firstPending(this.store.view(tenant)); next; next = firstPending(this.store.view(tenant))) {
      // The outbox rule: a callout leaves only once the commit that stored it is on disk. Draining
      // the deliveries of one commit, the lane may reach those of another request's commit that is
      // still on its way there (in memory, not yet durable): it waits for it, then looks again.
      const stored = this.store.whenDurable(tenant, CALLOUTS, next.id);
      if (stored) {
        await stored;
        continue;
      }
      // Faults are rare: only a tenant with one in force pays for the transaction that takes it.
      const fault = calloutFaultInForce(this.store.view(tenant)) ? await this.store.transact(tenant, (tx) => takeCalloutFault(tx)) : undefined;
      await (fault ? this.deliver(tenant, next, fault) : this.attempt(tenant, next));
    }
  }

  /** A delivery under a callout fault: dropped, delayed, overtaken or sent twice. */
  private async deliver(tenant: string, delivery: CalloutDelivery, fault: TakenFault): Promise<void> {
    switch (fault.mode) {
      case 'drop':
        await this.store.transact(tenant, (tx) => tx.update<CalloutDelivery>(CALLOUTS, delivery.id, { status: 'dropped' }));
        return;
      case 'delay': {
        // A delayed delivery waits 1-60 virtual minutes, so later events overtake it.
        const minutes = 1 + Math.floor(fault.draw * 60);
        await this.store.transact(tenant, (tx) => this.wait(tx, delivery.id, minutes * 60_000));
        return;
      }
      case 'reorder': {
        // The next callout overtakes this one: at once if it is already owed, else when it is sent.
        const later = firstAfter(pendingOf(this.store.view(tenant)), delivery.seq);
        if (!later) {
          await this.store.transact(tenant, (tx) => tx.update<CalloutDelivery>(CALLOUTS, delivery.id, { status: 'waiting', nextAttemptAt: null }));
          return;
        }
        await this.attempt(tenant, later);
        await this.attempt(tenant, delivery);
        return;
      }
      case 'duplicate':
        await this.attempt(tenant, delivery);
        await this.attempt(tenant, delivery, true);
        return;
      default:
        await this.attempt(tenant, delivery);
    }
  }

  private wait(tx: Transaction, calloutId: string, delayMs: number): void {
    const due = new Date(tx.now().getTime() + delayMs);
    tx.update<CalloutDelivery>(CALLOUTS, calloutId, { status: 'waiting', nextAttemptAt: due.toISOString() });
    scheduleJob(tx, RETRY_JOB, due, { calloutId });
  }

  /** One attempt; `again` sends a delivery that already succeeded once more (the duplicate fault). */
  private async attempt(tenant: string, delivery: CalloutDelivery, again = false): Promise<void> {
    const requestId = randomUUID().replaceAll('-', '');
    const result = await sendCallout(delivery, requestId, this.attemptTimeoutMs, this.receivers.get(delivery.url));
    let gaveUp: CalloutDelivery | undefined;
    // The attempt's record does not wait for the disk: lost in a crash, the delivery is still owed and
    // is sent again after the restart (at least once, as Zuora's retries are). It shares the next
    // flush (in an advance, the next group of jobs'); an advance answers only once it is on disk.
    this.store.transactSoon(tenant, (tx) => {
      releaseHeld(tx, delivery.seq);
      const current = tx.get<CalloutDelivery>(CALLOUTS, delivery.id);
      if (!current || (current.status !== 'pending' && !again)) return;
      const attempt = current.attempts.length + 1;
      const attempts = [
        ...current.attempts,
        {
          attempt,
          requestId,
          at: tx.now().toISOString(),
          status: result.status,
          durationMs: result.durationMs,
          ...(result.error ? { error: result.error } : {}),
          ...(result.responseBody !== undefined ? { responseBody: result.responseBody } : {}),
        },
      ];
      // Zuora counts only HTTP 200 as delivered; Stripe any 2xx.
      const delivered = current.stripe ? result.status !== null && result.status >= 200 && result.status < 300 : result.status === 200;
      const retryMinutes = current.retryMinutes?.[attempt - 1];
      if (delivered) {
        tx.update<CalloutDelivery>(CALLOUTS, current.id, { attempts, status: 'delivered' });
      } else if (current.retry && attempt < current.maxAttempts && !again) {
        tx.update<CalloutDelivery>(CALLOUTS, current.id, { attempts });
        this.wait(tx, current.id, retryMinutes !== undefined ? retryMinutes * 60_000 : RETRY_BASE_MS * 2 ** (attempt - 1));
      } else {
        tx.update<CalloutDelivery>(CALLOUTS, current.id, { attempts, status: again ? current.status : 'failed' });
        if (!again) gaveUp = current;
      }
    });
    if (gaveUp) {
      const lastError = result.error ?? `HTTP ${result.status}`;
      this.warn(
        `zuora-emulator: callout ${gaveUp.id} failed after ${gaveUp.attempts.length + 1} attempt(s): tenant ${tenant}, event ${gaveUp.eventName}, notification ${gaveUp.notificationId}, ${gaveUp.url}: ${lastError}; POST /__emulator/callouts/redeliver-failed tries again`,
      );
    }
  }
}
