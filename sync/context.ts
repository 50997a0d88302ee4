import type { Catalog, CreditGrant, Customer, EventLogEntry, EventType, Feature, IntegrationSettings, Package, Subscription, UsageReport } from './model/types.js';
import type { StripeIntegration } from './stripe/types.js';
import type { TimeSource } from './time.js';
import type { ZuoraClient } from './zuora/client.js';

/**
 * The platform's records. Reads return copies; writes replace whole records and are durable when
 * they resolve. Implemented in model/store.ts.
 */
export interface SyncStore {
  catalog(): Catalog;
  /** The catalog's features alone: every usage report and usage sync reads them, and nothing else of the catalog. */
  features(): Feature[];
  replaceCatalog(catalog: Catalog): Promise<void>;
  /** A plan or add-on by id. */
  package(id: string): Package | undefined;
  putPackage(pkg: Package): Promise<void>;

  customer(id: string): Customer | undefined;
  customers(): Customer[];
  putCustomer(customer: Customer): Promise<void>;
  customerByBillingId(billingId: string): Customer | undefined;

  subscription(id: string): Subscription | undefined;
  subscriptions(): Subscription[];
  subscriptionsOf(customerId: string): Subscription[];
  putSubscription(subscription: Subscription): Promise<void>;
  /** The subscription whose current or historical billing id is this Zuora subscription id. */
  subscriptionByBillingId(billingId: string): Subscription | undefined;

  usage(): UsageReport[];
  putUsage(report: UsageReport): Promise<void>;

  credits(customerId: string): CreditGrant[];
  allCredits(): CreditGrant[];
  putCredit(grant: CreditGrant): Promise<void>;

  events(filter?: { type?: EventType; customerId?: string; subscriptionId?: string }): EventLogEntry[];
  appendEvent(entry: Omit<EventLogEntry, 'id'>): Promise<EventLogEntry>;

  /** The integration's settings (defaults until changed). */
  integration(): IntegrationSettings;
  putIntegration(settings: IntegrationSettings): Promise<void>;
  /** The connected Stripe integration; while there is one, it is the engine's billing integration instead of Zuora. */
  stripeIntegration(): StripeIntegration | undefined;
  putStripeIntegration(integration: StripeIntegration | undefined): Promise<void>;
  /** Stripe ids of platform records (customers, subscriptions, products, prices). */
  stripeLink(key: string): string | undefined;
  putStripeLink(key: string, id: string): Promise<void>;

  /** Whether a callout (by Zuora-Request-Id-independent key) was already applied: keeps handlers idempotent. */
  seen(key: string): boolean;
  markSeen(key: string): Promise<void>;
}

/** Everything the sync engine's parts work with. */
export interface SyncContext {
  store: SyncStore;
  zuora: ZuoraClient;
  time: TimeSource;
  /** The platform's own base URL (for `stiggEntityUrl__c` links). */
  entityBaseUrl: string;
}
