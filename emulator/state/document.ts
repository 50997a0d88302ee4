// The shape of the one JSON document a data directory holds.
import type { TenantSettings } from './settings.js';

/** A stored object. Every record has a 32-hex `id`; the rest is the domain's business. */
export interface StoredRecord {
  readonly id: string;
  readonly [field: string]: unknown;
}

/** Records of one kind, keyed by id. The collection name is the Zuora object name (Account, Product...). */
export type Collection = Record<string, StoredRecord>;

export interface TenantMeta {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly name: string;
  /** Wall time the tenant was created (ISO). */
  readonly createdAt: string;
  /** The tenant's virtual clock (ISO). Frozen between advances so runs are reproducible. */
  readonly now: string;
  /** Seeded counters behind deterministic ids and numbers. */
  readonly counters: Readonly<Record<string, number>>;
  /** Settings changed from the defaults (see settings.ts); absent on tenants that changed none. */
  readonly settings?: Partial<TenantSettings>;
  /** The tenant starts (and restarts on reset) with the seeds' platform custom fields defined. */
  readonly presetCustomFields?: boolean;
}

export interface TenantData {
  readonly meta: TenantMeta;
  readonly objects: Readonly<Record<string, Collection>>;
}

export interface StateDocument {
  readonly version: 1;
  /** Signs OAuth tokens so they survive a restart on the same data dir. */
  readonly tokenSecret: string;
  readonly tenants: Readonly<Record<string, TenantData>>;
  /** Named snapshots per tenant (clientId -> name -> tenant data). */
  readonly snapshots: Readonly<Record<string, Readonly<Record<string, TenantData>>>>;
}

/**
 * One durable write: set the value at `path` in the document, or delete it when `value` is undefined.
 * Replaying the same ops in order always yields the same document, so replay is idempotent.
 */
export interface SetOp {
  readonly path: readonly string[];
  readonly value?: unknown;
}
