import { emulatorTime } from './emulatorTime.js';
import { startSyncEngine, type RunningSyncEngine, type SyncEngineOptions } from './index.js';

/** An emulator tenant, as the sync engine reaches it over HTTP (it never imports emulator code). */
export interface EmulatorTenant {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The emulator's admin token, for following its clock. */
  adminToken?: string;
}

/**
 * The sync engine as `zuora-emulator start` runs it beside an emulator: its Zuora is the tenant,
 * its time is the tenant's virtual clock (so clock advances move it too), and the tenant's
 * callouts are connected to its webhook. Closed again if any of that fails.
 */
export async function startSyncEngineBeside(tenant: EmulatorTenant, options: Pick<SyncEngineOptions, 'port' | 'host' | 'dataDir' | 'inMemory'>): Promise<RunningSyncEngine> {
  const { url, clientId, clientSecret, adminToken } = tenant;
  const engine = await startSyncEngine({
    ...options,
    zuora: { baseUrl: url, clientId, clientSecret },
    time: emulatorTime(url, clientId, adminToken),
  });
  try {
    await engine.connect();
    // As the tenant's Zuora administrator would: the standard notifications the platform's webhook
    // handles (seeds/002: not the platform's to create).
    await engine.configureStandardNotifications();
    await engine.followEmulatorClock(url, clientId, adminToken);
    return engine;
  } catch (error) {
    await engine.close();
    throw error;
  }
}
