import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { SyncStore } from '../context.js';
import type { StripeIntegration } from '../stripe/types.js';
import { DEFAULT_INTEGRATION, type Catalog, type CreditGrant, type Customer, type EventLogEntry, type EventType, type Feature, type IntegrationSettings, type Package, type Subscription, type UsageReport } from './types.js';
import { setMember } from './members.js';

/** The whole of the platform's state: one JSON document, small enough to rewrite on every write. */
interface SyncDocument {
  version: 1;
  catalog: Catalog;
  customers: Record<string, Customer>;
  subscriptions: Record<string, Subscription>;
  usage: Record<string, UsageReport>;
  credits: Record<string, CreditGrant>;
  events: EventLogEntry[];
  /** Event ids are a counter so logs and snapshots diff cleanly. */
  eventCount: number;
  /** Keys of callouts already applied. */
  seen: Record<string, true>;
  integration: IntegrationSettings;
  /** The Stripe integration, when one is connected. */
  stripe?: StripeIntegration;
  /** Stripe ids of platform records, by `<kind>:<platform id>` (see sync/stripe/links.ts). */
  stripeLinks: Record<string, string>;
}

const emptyDocument = (): SyncDocument => ({
  version: 1,
  catalog: { features: [], currencies: [], products: [], plans: [], addons: [] },
  customers: {},
  subscriptions: {},
  usage: {},
  credits: {},
  events: [],
  eventCount: 0,
  seen: {},
  integration: { ...DEFAULT_INTEGRATION },
  stripeLinks: {},
});

export interface SyncStoreOptions {
  /** Directory holding `state.json`. Ignored when `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
}

/**
 * SyncStore over lowdb. State is held in memory and changed synchronously, so no two writes
 * interleave; each write then rewrites the file (lowdb's writer lets concurrent writes share one
 * rewrite) and fsyncs it and its directory before it resolves.
 */
export class FileSyncStore implements SyncStore {
  private readonly pending = new Set<Promise<void>>();

  private constructor(
    private readonly doc: SyncDocument,
    private readonly low: Low<SyncDocument> | null,
    private readonly file: string | null,
  ) {}

  static async open(options: SyncStoreOptions = {}): Promise<FileSyncStore> {
    if (options.inMemory || !options.dataDir) return new FileSyncStore(emptyDocument(), null, null);
    await mkdir(options.dataDir, { recursive: true });
    const file = path.join(options.dataDir, 'state.json');
    const low = new Low<SyncDocument>(new JSONFile(file), emptyDocument());
    await low.read();
    // Areas added after a file was written start empty rather than missing.
    low.data = { ...emptyDocument(), ...low.data };
    return new FileSyncStore(low.data, low, file);
  }

  catalog(): Catalog {
    return copy(this.doc.catalog);
  }

  features(): Feature[] {
    return this.doc.catalog.features.map(copy);
  }

  replaceCatalog(catalog: Catalog): Promise<void> {
    this.doc.catalog = copy(catalog);
    return this.persist();
  }

  package(id: string): Package | undefined {
    const { plans, addons } = this.doc.catalog;
    return copyOf(plans.find((pkg) => pkg.id === id) ?? addons.find((pkg) => pkg.id === id));
  }

  putPackage(pkg: Package): Promise<void> {
    const list = pkg.kind === 'PLAN' ? this.doc.catalog.plans : this.doc.catalog.addons;
    const index = list.findIndex((existing) => existing.id === pkg.id);
    if (index === -1) list.push(copy(pkg));
    else list[index] = copy(pkg);
    return this.persist();
  }

  customer(id: string): Customer | undefined {
    return copyOf(this.doc.customers[id]);
  }

  customers(): Customer[] {
    return byCreation(Object.values(this.doc.customers)).map(copy);
  }

  putCustomer(customer: Customer): Promise<void> {
    this.doc.customers[customer.id] = copy(customer);
    return this.persist();
  }

  customerByBillingId(billingId: string): Customer | undefined {
    return copyOf(Object.values(this.doc.customers).find((customer) => customer.billingId === billingId));
  }

  subscription(id: string): Subscription | undefined {
    return copyOf(this.doc.subscriptions[id]);
  }

  subscriptions(): Subscription[] {
    return byCreation(Object.values(this.doc.subscriptions)).map(copy);
  }

  subscriptionsOf(customerId: string): Subscription[] {
    return byCreation(Object.values(this.doc.subscriptions).filter((sub) => sub.customerId === customerId)).map(copy);
  }

  putSubscription(subscription: Subscription): Promise<void> {
    this.doc.subscriptions[subscription.id] = copy(subscription);
    return this.persist();
  }

  subscriptionByBillingId(billingId: string): Subscription | undefined {
    return copyOf(
      Object.values(this.doc.subscriptions).find(
        (sub) => sub.billingId === billingId || sub.historicalBillingIds.includes(billingId),
      ),
    );
  }

  usage(): UsageReport[] {
    return Object.values(this.doc.usage)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(copy);
  }

  putUsage(report: UsageReport): Promise<void> {
    this.doc.usage[report.id] = copy(report);
    return this.persist();
  }

  credits(customerId: string): CreditGrant[] {
    return byCreation(Object.values(this.doc.credits).filter((grant) => grant.customerId === customerId)).map(copy);
  }

  allCredits(): CreditGrant[] {
    return Object.values(this.doc.credits).map(copy);
  }

  putCredit(grant: CreditGrant): Promise<void> {
    this.doc.credits[grant.id] = copy(grant);
    return this.persist();
  }

  /** The log, oldest first; `after` (an event id) keeps the events logged after it, all of them when it is unknown. */
  events(filter: { type?: EventType; customerId?: string; subscriptionId?: string; after?: string } = {}): EventLogEntry[] {
    const after = filter.after === undefined ? -1 : this.doc.events.findLastIndex((entry) => entry.id === filter.after);
    return this.doc.events
      .slice(after + 1)
      .filter(
        (entry) =>
          (filter.type === undefined || entry.type === filter.type) &&
          (filter.customerId === undefined || entry.customerId === filter.customerId) &&
          (filter.subscriptionId === undefined || entry.subscriptionId === filter.subscriptionId),
      )
      .map(copy);
  }

  async appendEvent(entry: Omit<EventLogEntry, 'id'>): Promise<EventLogEntry> {
    this.doc.eventCount += 1;
    const stored: EventLogEntry = { id: `evt-${String(this.doc.eventCount).padStart(8, '0')}`, ...copy(entry) };
    this.doc.events.push(stored);
    await this.persist();
    return copy(stored);
  }

  integration(): IntegrationSettings {
    return { ...DEFAULT_INTEGRATION, ...copy(this.doc.integration) };
  }

  putIntegration(settings: IntegrationSettings): Promise<void> {
    this.doc.integration = copy(settings);
    return this.persist();
  }

  stripeIntegration(): StripeIntegration | undefined {
    return copyOf(this.doc.stripe);
  }

  putStripeIntegration(integration: StripeIntegration | undefined): Promise<void> {
    if (integration) this.doc.stripe = copy(integration);
    else delete this.doc.stripe;
    return this.persist();
  }

  stripeLink(key: string): string | undefined {
    return this.doc.stripeLinks[key];
  }

  putStripeLink(key: string, id: string): Promise<void> {
    this.doc.stripeLinks[key] = id;
    return this.persist();
  }

  seen(key: string): boolean {
    return this.doc.seen[key] === true;
  }

  markSeen(key: string): Promise<void> {
    this.doc.seen[key] = true;
    return this.persist();
  }

  /** Waits for the writes under way; the store keeps nothing else open. */
  async close(): Promise<void> {
    await Promise.all(this.pending);
  }

  private persist(): Promise<void> {
    if (!this.low || !this.file) return Promise.resolve();
    const write = durableWrite(this.low, this.file);
    this.pending.add(write);
    const forget = () => this.pending.delete(write);
    write.then(forget, forget);
    return write;
  }
}

/** lowdb writes a temporary file and renames it over the old one; neither step is flushed, so flush both. */
async function durableWrite(low: Low<SyncDocument>, file: string): Promise<void> {
  await low.write();
  await fsync(file);
  await fsync(path.dirname(file));
}

async function fsync(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A deep copy of a record. Records are plain JSON (the store is a JSON file), so copying key by key
 * gives what structuredClone gives, at a fraction of its cost (the engine copies on every read).
 */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) setMember(out, key, copy(field));
  return out as T;
}

const copyOf = <T>(value: T | undefined): T | undefined => (value === undefined ? undefined : copy(value));

/** Records keyed by caller-chosen ids come back in the order they were created, not key order. */
function byCreation<T extends { createdAt: string }>(records: T[]): T[] {
  return [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
