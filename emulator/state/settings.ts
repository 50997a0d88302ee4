/**
 * Per-tenant settings: how a tenant behaves where Zuora lets an administrator choose, or where a
 * test wants to exercise a client's edge (lowered rate limits, lock contention). Stored on the
 * tenant's meta; absent keys take the defaults below, so old data directories need no migration.
 */
export interface TenantSettings {
  /** Minor version applied when a request carries no `Zuora-Version` header. */
  zuoraVersion: string;
  /** Time of day (HH:mm, tenant time) at which bill runs start on the bill cycle day. */
  billRunTime: string;
  /** IANA time zone of the tenant; bill-run times and billing dates are read in it. */
  timeZone: string;
  /** `strict`: a write naming an undefined custom field is refused, as on Zuora; `lenient`: accepted with a warning header. */
  customFields: 'strict' | 'lenient';
  /** Requests per window and the concurrent requests allowed per tenant. */
  rateLimits: { requestsPerWindow: number; windowSeconds: number; concurrent: number };
  /** `on`: concurrent changes to one subscription answer Zuora's lock-contention error instead of waiting. */
  lockContention: 'off' | 'on';
}

export const DEFAULT_SETTINGS: TenantSettings = Object.freeze({
  // The version Zuora's API reference documents as current for the shapes this emulator models.
  zuoraVersion: '211.0',
  billRunTime: '00:00',
  timeZone: 'UTC',
  customFields: 'strict',
  // Out of reach of any test or local benchmark (the emulator serves well under 10,000 requests a
  // second): a tenant meets Zuora's limits only when its settings ask for them.
  rateLimits: Object.freeze({ requestsPerWindow: 10_000_000, windowSeconds: 60, concurrent: 1_000 }),
  lockContention: 'off',
}) as TenantSettings;

/** Stored settings are replaced, never changed in place, so each stored object resolves once. */
const resolved = new WeakMap<Partial<TenantSettings>, TenantSettings>();
const RESOLVED_DEFAULTS = resolve(undefined);

/**
 * The settings in force: stored values over the defaults. Read on every request (rate limits,
 * minor version), so the answer is kept per stored object; it is frozen, as it is shared.
 */
export function resolveSettings(stored: Partial<TenantSettings> | undefined): TenantSettings {
  if (!stored) return RESOLVED_DEFAULTS;
  let settings = resolved.get(stored);
  if (!settings) resolved.set(stored, (settings = resolve(stored)));
  return settings;
}

function resolve(stored: Partial<TenantSettings> | undefined): TenantSettings {
  return Object.freeze({
    ...DEFAULT_SETTINGS,
    ...stored,
    rateLimits: Object.freeze({ ...DEFAULT_SETTINGS.rateLimits, ...stored?.rateLimits }),
  });
}

/** A partial change applied over the stored settings (rate limits merge field by field). */
export function mergeSettings(stored: Partial<TenantSettings> | undefined, patch: Partial<TenantSettings>): Partial<TenantSettings> {
  const merged: Partial<TenantSettings> = { ...stored, ...patch };
  if (patch.rateLimits) merged.rateLimits = { ...resolveSettings(stored).rateLimits, ...patch.rateLimits };
  return merged;
}
