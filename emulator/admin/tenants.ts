import { definePlatformCustomFields } from '../domain/customFields.js';
import { DomainError, notFound } from '../domain/errors.js';
import type { Reply, RequestContext } from '../http/routeTable.js';
import { checkedSettings } from './settings.js';
import type { Store } from '../state/store.js';
import { createTenant, resetTenant, restoreSnapshot, TenantExistsError, type NewTenant } from '../state/tenants.js';

/** A tenant made with `presetCustomFields` gets the platform's custom fields on creation and again after each reset. */
export async function applyPresets(store: Store, tenant: string): Promise<void> {
  if (store.tenant(tenant)?.meta.presetCustomFields) await store.transact(tenant, definePlatformCustomFields);
}

export async function postTenant(ctx: RequestContext): Promise<Reply> {
  const body = ctx.body as NewTenant & { fromSnapshot?: string };
  if (body.settings) checkedSettings(body.settings);
  const { store, wallNow } = ctx.services;
  // A fork starts from a snapshot of the tenant named by the admin header (the default tenant if none).
  const source = body.fromSnapshot ? store.snapshot(ctx.tenant, body.fromSnapshot) : undefined;
  if (body.fromSnapshot && !source) throw notFound('Snapshot', body.fromSnapshot, 'fromSnapshot');
  try {
    const meta = await createTenant(store, body, wallNow());
    if (source) await restoreSnapshot(store, meta.clientId, source);
    else await applyPresets(store, meta.clientId);
  } catch (error) {
    if (error instanceof TenantExistsError) throw new DomainError('Conflict', error.message, 'Tenant', 'clientId');
    throw error;
  }
  const meta = store.tenant(body.clientId)?.meta;
  return { status: 201, body: { clientId: meta?.clientId, name: meta?.name, now: meta?.now } };
}

export function listTenants(ctx: RequestContext): Reply {
  const { store } = ctx.services;
  const data = store.tenantKeys().map((key) => {
    const meta = store.tenant(key)?.meta;
    return { clientId: key, name: meta?.name, now: meta?.now, createdAt: meta?.createdAt };
  });
  return { body: { data } };
}

/** Empties the tenant named by the admin header; `{"now": ISO}` restarts its clock there, else at wall time. */
export async function postReset(ctx: RequestContext): Promise<Reply> {
  const body = (ctx.body ?? {}) as { now?: string };
  const { store, wallNow, requests } = ctx.services;
  const meta = await resetTenant(store, ctx.tenant, body.now ?? wallNow().toISOString());
  await applyPresets(store, ctx.tenant);
  requests.clear(ctx.tenant);
  return { body: { tenant: ctx.tenant, now: meta.now } };
}
