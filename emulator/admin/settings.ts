import type { AnySchema } from 'ajv';
import { isKnownVersion, LATEST_VERSION, OLDEST_VERSION } from '../api/minorVersions.js';
import { invalidValue, notFound } from '../domain/errors.js';
import { retimeBillRuns } from '../domain/invoices/billRuns.js';
import { retimeLifecycleJobs } from '../domain/orders/lifecycleJobs.js';
import { retimeScheduledOrders } from '../domain/orders/orders.js';
import type { Reply, RequestContext } from '../http/routeTable.js';
import { mergeSettings, resolveSettings, type TenantSettings } from '../state/settings.js';

/** The calling tenant's settings in force (defaults filled in). */
export function getSettings(ctx: RequestContext): Reply {
  const meta = ctx.services.store.tenant(ctx.tenant)?.meta;
  if (!meta) throw notFound('Tenant', ctx.tenant, 'X-Emulator-Tenant');
  return { body: resolveSettings(meta.settings) };
}

/** Changes some settings of the calling tenant; answers the settings now in force. */
export async function patchSettings(ctx: RequestContext): Promise<Reply> {
  const patch = checkedSettings(ctx.body as Partial<TenantSettings>);
  const settings = await ctx.services.store.transact(ctx.tenant, (tx) => {
    const merged = mergeSettings(tx.meta().settings, patch);
    tx.patchMeta({ settings: merged });
    // Jobs not yet run move to the new time of day or zone; those already run stay as they ran.
    if (patch.billRunTime !== undefined || patch.timeZone !== undefined) retimeBillRuns(tx);
    if (patch.timeZone !== undefined) {
      retimeScheduledOrders(tx);
      retimeLifecycleJobs(tx);
    }
    return resolveSettings(merged);
  });
  return { body: settings };
}

/** What the schema cannot say: the time zone must be one the runtime knows, the version one Zuora serves. */
export function checkedSettings(settings: Partial<TenantSettings>): Partial<TenantSettings> {
  if (settings.zuoraVersion !== undefined && !isKnownVersion(settings.zuoraVersion)) {
    throw invalidValue('Settings', 'zuoraVersion', `'${settings.zuoraVersion}' is not a minor version from ${OLDEST_VERSION} to ${LATEST_VERSION}`);
  }
  if (settings.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone });
    } catch {
      throw invalidValue('Settings', 'timeZone', `'${settings.timeZone}' is not an IANA time zone`);
    }
  }
  return settings;
}

const positiveInteger = { type: 'integer', minimum: 1, maximum: 1_000_000_000 } as const;

/** Every setting, all optional: the body of PATCH and the `settings` of tenant creation. */
export const settingsSchema: AnySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    zuoraVersion: { type: 'string', pattern: '^[0-9]{3}\\.[0-9]{1,2}$' },
    billRunTime: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    customFields: { enum: ['strict', 'lenient'] },
    rateLimits: {
      type: 'object',
      additionalProperties: false,
      properties: { requestsPerWindow: positiveInteger, windowSeconds: positiveInteger, concurrent: positiveInteger },
    },
    lockContention: { enum: ['off', 'on'] },
  },
};
