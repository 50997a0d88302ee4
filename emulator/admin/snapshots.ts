import type { TenantData } from '../state/document.js';
import { notFound } from '../domain/errors.js';
import type { Reply, RequestContext } from '../http/routeTable.js';
import { importSnapshot, restoreSnapshot, saveSnapshot } from '../state/tenants.js';

const FORMAT = 'zuora-emulator-snapshot/1';

interface SnapshotDocument {
  format: typeof FORMAT;
  meta: { now: string; counters: Record<string, number> };
  objects: TenantData['objects'];
}

function requireSnapshot(ctx: RequestContext): TenantData {
  const name = ctx.params.name ?? '';
  const snapshot = ctx.services.store.snapshot(ctx.tenant, name);
  if (!snapshot) throw notFound('Snapshot', name, 'name');
  return snapshot;
}

export async function postSnapshot(ctx: RequestContext): Promise<Reply> {
  const { name } = ctx.body as { name: string };
  const saved = await saveSnapshot(ctx.services.store, ctx.tenant, name);
  return { status: 201, body: { name, tenant: ctx.tenant, now: saved.meta.now } };
}

export async function restore(ctx: RequestContext): Promise<Reply> {
  const snapshot = requireSnapshot(ctx);
  await restoreSnapshot(ctx.services.store, ctx.tenant, snapshot);
  return { body: { name: ctx.params.name, tenant: ctx.tenant, now: snapshot.meta.now } };
}

/** Exports without the tenant's credentials, so a snapshot file can be shared and imported anywhere. */
export function exportSnapshot(ctx: RequestContext): Reply {
  const snapshot = requireSnapshot(ctx);
  const document: SnapshotDocument = {
    format: FORMAT,
    meta: { now: snapshot.meta.now, counters: { ...snapshot.meta.counters } },
    objects: snapshot.objects,
  };
  return { body: document };
}

export async function putSnapshot(ctx: RequestContext): Promise<Reply> {
  const name = ctx.params.name ?? '';
  const document = ctx.body as SnapshotDocument;
  const current = ctx.services.store.tenant(ctx.tenant)?.meta;
  if (!current) throw notFound('Tenant', ctx.tenant);
  const data: TenantData = {
    meta: { ...current, now: new Date(document.meta.now).toISOString(), counters: document.meta.counters },
    objects: document.objects,
  };
  await importSnapshot(ctx.services.store, ctx.tenant, name, data);
  return { body: { name, tenant: ctx.tenant, now: data.meta.now } };
}
