// The platform's own records. Ids are the platform's (strings chosen by the caller, e.g. `plan-pro`);
// `billingId` fields hold the Zuora id an entity is synced to.

export type BillingPeriod = 'MONTHLY' | 'ANNUALLY';
export type PriceModel = 'FLAT_FEE' | 'PER_UNIT' | 'USAGE_BASED' | 'TIERED' | 'VOLUME';
export type PricingType = 'PAID' | 'FREE' | 'CUSTOM';

export interface Feature {
  id: string;
  name: string;
  unit?: string;
  /** Usage-metered features are reported with POST /api/usage and synced hourly. */
  metered?: boolean;
}

/** What a custom currency's credits are sold as in Zuora: a one-time top-up charge, a recurring one per cadence. */
export type CreditCharge = 'TOP_UP' | 'MONTH' | 'YEAR';

export interface CustomCurrency {
  id: string;
  name: string;
  /** Zuora ids once made (on the first paid grant or priced credit entitlement): the product, and per kind its rate plan and charge. */
  billing?: { productId: string; ratePlans: Partial<Record<CreditCharge, { ratePlanId: string; chargeId: string }>> };
}

export interface Tier {
  /** Upper bound of the tier; absent on the last, open-ended one. */
  upTo?: number;
  unitPrice?: number;
  flatPrice?: number;
}

export interface Price {
  billingPeriod: BillingPeriod;
  model: PriceModel;
  /** The feature a per-unit, usage or tiered price counts. */
  feature?: string;
  amount?: number;
  unitPrice?: number;
  tiers?: Tier[];
  currency?: string;
  minQuantity?: number;
  maxQuantity?: number;
}

export interface Entitlement {
  feature: string;
  limit?: number;
}

export interface Product {
  id: string;
  name: string;
  description?: string;
}

/** A plan's earlier published version: its prices, and the Zuora rate plans and charges they were synced to. */
export interface PackageVersion {
  versionNumber: number;
  prices: Price[];
  billing?: Package['billing'];
  /** Platform time the version after it was published (ISO). */
  supersededAt: string;
}

/** A plan or an add-on: each is a Zuora product, each billing period a rate plan under it. */
export interface Package {
  id: string;
  kind: 'PLAN' | 'ADDON';
  product: string;
  name: string;
  description?: string;
  pricingType: PricingType;
  trialDays?: number;
  entitlements: Entitlement[];
  prices: Price[];
  /** Zuora ids once synced: the product, and per billing period the rate plan and its charges. */
  billing?: {
    productId: string;
    ratePlans: Partial<Record<BillingPeriod, { ratePlanId: string; charges: Array<{ chargeId: string; price: Price }> }>>;
  };
  /**
   * Plans only: the latest published version (1 when absent). Publishing the catalog with other
   * prices for the plan publishes a new version; subscriptions stay on theirs until migrated.
   */
  versionNumber?: number;
  /** Plans only: the versions before the latest, oldest first. */
  previousVersions?: PackageVersion[];
}

export interface Catalog {
  features: Feature[];
  currencies: CustomCurrency[];
  products: Product[];
  plans: Package[];
  addons: Package[];
}

export type PaymentMethodInput =
  | { type: 'card'; cardNumber: string; brand?: string; expMonth: number; expYear: number }
  | { type: 'cc_ref'; token: string };

/** What is kept of a payment method: never the card number. */
export interface StoredPaymentMethod {
  type: 'card' | 'cc_ref';
  brand?: string;
  last4?: string;
  expMonth?: number;
  expYear?: number;
  billingId?: string;
}

export interface BillingInfo {
  currency?: string;
  invoiceDaysUntilDue?: number;
  email?: string;
  address?: { line1?: string; line2?: string; city?: string; state?: string; country?: string; postalCode?: string };
}

export type SyncStatus = 'SYNCED' | 'FAILED' | 'NO_SYNC';

/**
 * What a FAILED sync tries again: the subscription's creation in Zuora or its current shape (SYNC),
 * its cancellation now (CANCEL), or the Scheduled order of its pending end-of-period change (SCHEDULE).
 */
export type RetryAction = 'SYNC' | 'CANCEL' | 'SCHEDULE';

export interface SyncState {
  status: SyncStatus;
  reason?: string;
  /** Platform time of the last attempt (ISO). */
  at: string;
  /** FAILED only: how many attempts failed in a row, and when the next one is due (platform time, ISO). */
  attempts?: number;
  nextRetryAt?: string;
  /** FAILED only: what the next attempt does (SYNC when absent). */
  retry?: RetryAction;
}

/** The Zuora integration's settings in this environment (seeds/000). */
export interface IntegrationSettings {
  /** Off: no customer reaches Zuora ("Syncing of customers is disabled in the environment"). */
  syncCustomers: boolean;
  /** Off: no subscription reaches Zuora ("Syncing of subscriptions is disabled in the environment"). */
  syncSubscriptions: boolean;
  /** The Zuora tenant's URL given at connect ("Zuora tenant", seeds/000): billing links open records there. */
  tenantUrl?: string;
}

export const DEFAULT_INTEGRATION: IntegrationSettings = { syncCustomers: true, syncSubscriptions: true };

export interface Customer {
  id: string;
  name: string;
  email?: string;
  paymentMethod?: StoredPaymentMethod;
  billingInfo?: BillingInfo;
  metadata: Record<string, string>;
  archived: boolean;
  /** The Zuora account id, once synced (or set by hand to link an existing account). */
  billingId?: string;
  billingAccountNumber?: string;
  sync?: SyncState;
  createdAt: string;
}

export type SubscriptionStatus = 'ACTIVE' | 'IN_TRIAL' | 'PAYMENT_PENDING' | 'CANCELED' | 'EXPIRED' | 'NOT_STARTED';
export type PaymentCollectionMethod = 'CHARGE' | 'INVOICE' | 'NONE';
export type ScheduleStrategy = 'IMMEDIATE' | 'END_OF_BILLING_PERIOD';

export interface AddonSelection {
  addonId: string;
  quantity: number;
}

export interface LatestInvoice {
  id: string;
  status: 'OPEN' | 'PAID';
  amount: number;
  requiresAction: boolean;
}

/** A change the platform will apply at a later date, scheduled in Zuora as a Scheduled order. */
export interface ScheduledUpdate {
  id: string;
  type: 'PLAN_CHANGE' | 'ADDONS' | 'UNITS' | 'BILLING_PERIOD' | 'MIGRATE_TO_LATEST' | 'CANCELLATION';
  target: { planId?: string; planVersionNumber?: number; addons?: AddonSelection[]; units?: Record<string, number>; billingPeriod?: BillingPeriod };
  effectiveAt: string;
  /** Absent while Zuora has not taken the Scheduled order (a FAILED sync retries it). */
  zuoraOrderNumber?: string;
  /** A CANCELLATION asked to write the open balance off (kept for its retry). */
  writeOffOpenBalance?: boolean;
  status: 'PENDING' | 'DONE' | 'CANCELED';
}

/** seeds/004 "Subscription Credit Entitlements": credits granted each cadence, optionally for a price. */
export interface CreditEntitlement {
  customCurrencyId: string;
  amount: number;
  cadence: 'MONTH' | 'YEAR';
  /** The price of each allocation, billed in Zuora with the plan at the entitlement's cadence. */
  price?: number;
}

/** A limit on a feature for one subscription (seeds/004 entitlement products), metered features included. */
export interface EntitlementLimit {
  featureId: string;
  limit: number;
}

export interface Subscription {
  id: string;
  customerId: string;
  planId: string;
  /** The plan version it is billed at (set at provisioning); "migrate to latest" moves it to the plan's latest. */
  planVersionNumber?: number;
  billingPeriod: BillingPeriod;
  addons: AddonSelection[];
  units: Record<string, number>;
  status: SubscriptionStatus;
  paymentCollectionMethod: PaymentCollectionMethod;
  /** Where collecting the latest invoice stands. */
  paymentCollection: 'NOT_REQUIRED' | 'PROCESSING' | 'FAILED' | 'ACTION_REQUIRED';
  trialEndsAt?: string;
  priceOverrides?: Record<string, number>;
  creditEntitlements?: CreditEntitlement[];
  entitlements?: EntitlementLimit[];
  metadata: Record<string, string>;
  /** The current Zuora subscription version id, and the versions it pointed at before. */
  billingId?: string;
  billingSubscriptionNumber?: string;
  historicalBillingIds: string[];
  latestInvoice?: LatestInvoice;
  scheduledUpdates: ScheduledUpdate[];
  /** The subscription a scheduled plan change provisioned in this one's place (this one then ended). */
  supersededBy?: string;
  startDate: string;
  cancellationDate?: string;
  endDate?: string;
  sync?: SyncState;
  createdAt: string;
}

export interface UsageReport {
  id: string;
  customerId: string;
  featureId: string;
  value: number;
  /** Platform time the usage happened (ISO). */
  at: string;
  /** The Zuora usage record it was synced into, once synced. */
  billingId?: string;
}

/** A credit grant (seeds/004 "Create Stigg Credit Grant"), and what is left of it. */
export interface CreditGrant {
  id: string;
  customerId: string;
  grantType: 'PAID' | 'PROMOTIONAL';
  currencyId: string;
  displayName: string;
  amount: number;
  resourceId?: string;
  comment?: string;
  /** When the credits become usable (ISO); the grant's creation when not given. */
  effectiveDate: string;
  expirationDate?: string;
  /** Lower numbers are consumed first. */
  priority?: number;
  paymentCollectionMethod?: 'PAYMENT_METHOD_ON_FILE' | 'INVOICE';
  cost?: { amount: number; currency: string };
  /** A PAID grant is usable once its invoice is paid (PAYMENT_PENDING until then). */
  status: 'ACTIVE' | 'PAYMENT_PENDING';
  consumed: number;
  /** The subscription whose credit entitlement granted it. */
  subscriptionId?: string;
  /** A PAID grant's Zuora invoice (its one-time charge), once billed. */
  invoiceId?: string;
  createdAt: string;
}

export type EventType =
  | 'CUSTOMER_CREATED'
  | 'CUSTOMER_UPDATED'
  | 'CUSTOMER_ARCHIVED'
  | 'SUBSCRIPTION_CREATED'
  | 'SUBSCRIPTION_UPDATED'
  | 'SUBSCRIPTION_CANCELED'
  | 'SUBSCRIPTION_EXPIRED'
  | 'PAYMENT_FAILED'
  | 'CREDITS_GRANTED'
  | 'CREDITS_CONSUMED'
  | 'SYNC_FAILED';

export interface EventLogEntry {
  id: string;
  type: EventType;
  at: string;
  customerId?: string;
  subscriptionId?: string;
  data: Record<string, unknown>;
}
