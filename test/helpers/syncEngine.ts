import { afterAll, beforeAll } from 'vitest';
import type { EmulatorOptions } from '../../emulator/index.js';
import { emulatorTime } from '../../sync/emulatorTime.js';
import { startSyncEngine, type RunningSyncEngine, type SyncEngineOptions } from '../../sync/index.js';
import type { ZuoraClientOptions } from '../../sync/zuora/types.js';
import { request, useEmulator, type HttpResult, type TestEmulator } from './emulator.js';

export interface SyncEngineSetup {
  emulator?: EmulatorOptions;
  /** Engine options beyond its wiring to the emulator's default tenant (Zuora client, clock, free port, in memory). */
  engine?: Omit<Partial<SyncEngineOptions>, 'zuora'>;
  /** Sees every Zuora request the engine makes. */
  onCall?: ZuoraClientOptions['onCall'];
}

/** The engine's REST API, as a platform client calls it. */
export interface SyncApi {
  get(path: string): Promise<HttpResult>;
  post(path: string, body?: unknown): Promise<HttpResult>;
  patch(path: string, body?: unknown): Promise<HttpResult>;
  request(method: string, path: string, body?: unknown): Promise<HttpResult>;
}

export interface TestSyncEngine extends TestEmulator {
  engine: RunningSyncEngine;
  api: SyncApi;
  /** The options the engine was started with, changed by `overrides`: for starting another one like it. */
  engineOptions(overrides?: Partial<SyncEngineOptions>): SyncEngineOptions;
}

/**
 * Starts an in-memory emulator and a sync engine wired to its default tenant (its Zuora and its
 * clock) for the file's tests, and stops both afterwards. Connecting the engine is left to the
 * tests. As with useEmulator, read the fields inside tests and hooks only.
 */
export function useSyncEngine(setup: SyncEngineSetup = {}): TestSyncEngine {
  const context = useEmulator(setup.emulator) as TestSyncEngine;
  const send = (method: string, path: string, body?: unknown) => request(`${context.engine.url}${path}`, method, body);
  context.api = {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    patch: (path, body) => send('PATCH', path, body),
    request: send,
  };
  context.engineOptions = (overrides = {}) => {
    const { clientId, clientSecret } = context.emulator.credentials;
    return {
      port: 0,
      inMemory: true,
      zuora: { baseUrl: context.url, clientId, clientSecret, ...(setup.onCall ? { onCall: setup.onCall } : {}) },
      time: emulatorTime(context.url, clientId, context.emulator.adminToken),
      ...setup.engine,
      ...overrides,
    };
  };
  beforeAll(async () => {
    context.engine = await startSyncEngine(context.engineOptions());
  });
  afterAll(async () => {
    await context.engine?.close();
  });
  return context;
}

/**
 * Connects the engine as a platform would (`POST /api/integrations/zuora`, with `settings`), plays
 * the Zuora administrator's part (the standard notifications), has the engine follow the emulator's
 * clock and publishes `catalog`. For a beforeAll.
 */
export async function connectWithCatalog(sync: TestSyncEngine, catalog: unknown, settings: Record<string, unknown> = {}): Promise<void> {
  const connected = await sync.api.post('/api/integrations/zuora', settings);
  if (connected.status !== 200) throw new Error(`connect answered ${connected.status}: ${JSON.stringify(connected.body)}`);
  await sync.engine.configureStandardNotifications();
  await sync.engine.followEmulatorClock(sync.url, sync.emulator.credentials.clientId, sync.emulator.adminToken);
  const published = await sync.api.post('/api/catalog', catalog);
  if (published.status !== 200) throw new Error(`the catalog was refused (${published.status}): ${JSON.stringify(published.body)}`);
}
