import type { TenantData, TenantMeta } from './document.js';
import type { TenantSettings } from './settings.js';
import type { Store } from './store.js';

export interface NewTenant {
  clientId: string;
  clientSecret: string;
  name?: string;
  /** Start of the virtual clock (ISO); defaults to the wall time of creation. */
  now?: string;
  /** Settings that differ from the defaults. */
  settings?: Partial<TenantSettings>;
  /** Makes the tenant a Stripe account. */
  stripe?: { connectedTo: string | null };
  /** Start with the seeds' platform custom fields defined, and keep them across resets. */
  presetCustomFields?: boolean;
}

export class TenantExistsError extends Error {
  constructor(readonly clientId: string) {
    super(`tenant ${clientId} already exists`);
  }
}

/** Tenants are namespaces keyed by their OAuth client id. */
export async function createTenant(store: Store, input: NewTenant, wallNow: Date): Promise<TenantMeta> {
  if (store.tenant(input.clientId)) throw new TenantExistsError(input.clientId);
  const meta: TenantMeta = {
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    name: input.name ?? input.clientId,
    createdAt: wallNow.toISOString(),
    now: new Date(input.now ?? wallNow).toISOString(),
    counters: {},
    ...(input.settings ? { settings: input.settings } : {}),
    ...(input.stripe ? { stripe: input.stripe } : {}),
    ...(input.presetCustomFields ? { presetCustomFields: true } : {}),
  };
  const data: TenantData = { meta, objects: {} };
  await store.commit([{ path: ['tenants', input.clientId], value: data }]);
  return meta;
}

/** Empties a tenant: objects, counters and pending jobs go; credentials stay; the clock restarts. */
export async function resetTenant(store: Store, clientId: string, now: string): Promise<TenantMeta> {
  const current = store.tenant(clientId)?.meta;
  if (!current) throw new Error(`unknown tenant ${clientId}`);
  const meta: TenantMeta = { ...current, now: new Date(now).toISOString(), counters: {} };
  await store.commit([{ path: ['tenants', clientId], value: { meta, objects: {} } }]);
  return meta;
}

export async function saveSnapshot(store: Store, clientId: string, name: string): Promise<TenantData> {
  const data = store.tenant(clientId);
  if (!data) throw new Error(`unknown tenant ${clientId}`);
  const copy = structuredClone(data);
  await store.commit([{ path: ['snapshots', clientId, name], value: copy }]);
  return copy;
}

/** Replaces the tenant's state with a snapshot, keeping the tenant's own credentials. */
export async function restoreSnapshot(store: Store, clientId: string, snapshot: TenantData): Promise<void> {
  const current = store.tenant(clientId)?.meta;
  if (!current) throw new Error(`unknown tenant ${clientId}`);
  const meta: TenantMeta = {
    ...snapshot.meta,
    clientId: current.clientId,
    clientSecret: current.clientSecret,
    name: current.name,
    // Settings given when the tenant was created win over the snapshot's.
    ...(current.settings ? { settings: current.settings } : {}),
  };
  await store.commit([{ path: ['tenants', clientId], value: { meta, objects: structuredClone(snapshot.objects) } }]);
}

export async function importSnapshot(store: Store, clientId: string, name: string, snapshot: TenantData): Promise<void> {
  await store.commit([{ path: ['snapshots', clientId, name], value: structuredClone(snapshot) }]);
}
