import { request } from './httpClient.js';
import type { TimeSource } from './time.js';

/** The tenant header of the emulator's admin API; a real Zuora has no such thing. */
const TENANT_HEADER = 'X-Emulator-Tenant';
/** Generous, as fetch's was (5 minutes to the headers): a long clock advance may keep the emulator busy. */
const TIMEOUT_MS = 300_000;

/** Headers of an admin API call for a tenant: its header, and the admin token when there is one. */
function adminHeaders(tenant: string, adminToken: string | undefined): Record<string, string> {
  return { [TENANT_HEADER]: tenant, ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}) };
}

const ok = (status: number): boolean => status >= 200 && status < 300;

/**
 * The platform clock of an engine wired to an emulator: that tenant's virtual clock, read over the
 * emulator's admin API on every call, so clock advances move the platform's time too. HTTP only, so
 * the engine keeps no tie to emulator code. `adminToken` is the emulator's admin token (none needed
 * when it runs admin-open).
 */
export function emulatorTime(emulatorUrl: string, tenant: string, adminToken?: string): TimeSource {
  const clockUrl = `${emulatorUrl.replace(/\/+$/, '')}/__emulator/clock`;
  return {
    async now() {
      const { status, text } = await request(clockUrl, { method: 'GET', headers: adminHeaders(tenant, adminToken), timeoutMs: TIMEOUT_MS });
      if (!ok(status)) throw new Error(`reading the emulator clock failed: HTTP ${status} ${text}`);
      const { now } = JSON.parse(text) as { now?: unknown };
      const date = typeof now === 'string' ? new Date(now) : undefined;
      if (!date || Number.isNaN(date.getTime())) throw new Error(`the emulator clock answered no date: ${text}`);
      return date;
    },
  };
}

/** Asks the emulator to announce each step of the tenant's clock to `tickUrl` (its admin API). */
export async function subscribeToEmulatorClock(emulatorUrl: string, tenant: string, tickUrl: string, adminToken?: string): Promise<void> {
  const { status, text } = await request(`${emulatorUrl.replace(/\/+$/, '')}/__emulator/clock/subscribers`, {
    method: 'POST',
    headers: { ...adminHeaders(tenant, adminToken), 'content-type': 'application/json' },
    body: JSON.stringify({ url: tickUrl }),
    timeoutMs: TIMEOUT_MS,
  });
  if (!ok(status)) throw new Error(`subscribing to the emulator clock failed: HTTP ${status} ${text}`);
}

/** Tells the emulator where this engine's API is, so its inspector can show the platform's side of the tenant. */
export async function announceToEmulator(emulatorUrl: string, tenant: string, apiUrl: string, adminToken?: string): Promise<void> {
  const { status, text } = await request(`${emulatorUrl.replace(/\/+$/, '')}/__emulator/sync-engine`, {
    method: 'PUT',
    headers: { ...adminHeaders(tenant, adminToken), 'content-type': 'application/json' },
    body: JSON.stringify({ url: apiUrl }),
    timeoutMs: TIMEOUT_MS,
  });
  if (!ok(status)) throw new Error(`announcing the sync engine to the emulator failed: HTTP ${status} ${text}`);
}
