import { beforeAll, beforeEach, inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { EmulatorAdmin, fetchToken, type Credentials } from './admin.js';

export { EmulatorAdmin, fetchToken, type Credentials, type NewTenantOptions } from './admin.js';

// vitest helpers: one emulator (and optionally the sync engine) for the whole run, started by a
// globalSetup, and a fresh tenant per test or per file, forked from a named snapshot in
// milliseconds, with its own credentials and clock. Test files then run in parallel without
// touching each other.

/** What the globalSetup hands to every test file (through vitest's provide/inject). */
export interface ZuoraEmulatorContext {
  url: string;
  adminToken: string;
  /** The default tenant's client: the one the sync engine is connected to, and where snapshots are taken. */
  credentials: Credentials;
  /** The bundled sync engine's URL, when the setup started it. */
  syncUrl?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    zuoraEmulator: ZuoraEmulatorContext;
  }
}

export interface ZuoraGlobalSetupOptions {
  /** Start the bundled sync engine beside the emulator, connected to the default tenant. */
  syncEngine?: boolean;
  /** Start of the default tenant's clock (ISO). */
  now?: string;
  /** Port to listen on (default: a free one). */
  port?: number;
  /**
   * Runs once before any test, on the default tenant: create what every test starts from, then
   * save it with `admin.snapshot(name)`, and let tests fork from that name.
   */
  prepare?: (context: ZuoraEmulatorContext & { admin: EmulatorAdmin }) => Promise<void>;
}

/**
 * A vitest globalSetup starting one in-memory emulator for the run. In a file named in
 * `test.globalSetup`:  export default zuoraGlobalSetup({ syncEngine: true, prepare })
 */
export function zuoraGlobalSetup(options: ZuoraGlobalSetupOptions = {}) {
  return async function setup(project: Pick<TestProject, 'provide'>): Promise<() => Promise<void>> {
    // Loaded here, in vitest's main process, and not in every test file that imports the helpers.
    const { startEmulator } = await import('../emulator/index.js');
    const { startSyncEngineBeside } = await import('../sync/besideEmulator.js');
    const emulator = await startEmulator({ inMemory: true, port: options.port ?? 0, ...(options.now ? { now: options.now } : {}) });
    const context: ZuoraEmulatorContext = { url: emulator.url, adminToken: emulator.adminToken, credentials: emulator.credentials };
    const sync = options.syncEngine ? await startSyncEngineBeside({ url: emulator.url, ...emulator.credentials, adminToken: emulator.adminToken }, { inMemory: true, port: 0 }) : undefined;
    const stop = async () => {
      await sync?.close();
      await emulator.close();
    };
    try {
      if (sync) context.syncUrl = sync.url;
      await options.prepare?.({ ...context, admin: new EmulatorAdmin(emulator.url, emulator.adminToken) });
    } catch (error) {
      await stop();
      throw error;
    }
    project.provide('zuoraEmulator', context);
    return stop;
  };
}

/** The emulator the globalSetup started, from inside a test file. */
export function zuoraEmulator(): ZuoraEmulatorContext {
  const context = inject('zuoraEmulator');
  if (!context) throw new Error("no emulator: add a globalSetup file with `export default zuoraGlobalSetup()` from 'zuora-emulator/vitest'");
  return context;
}

/** A tenant of its own: credentials for the Zuora APIs and admin calls acting on it (clock, callouts, snapshots). */
export interface ZuoraTenant extends Credentials {
  url: string;
  admin: EmulatorAdmin;
  /** A bearer token for the tenant (POST /oauth/token with its credentials). */
  token(): Promise<string>;
}

export interface UseZuoraTenantOptions {
  /** Fork from this snapshot of the default tenant (saved in `prepare`); else start empty. */
  fromSnapshot?: string;
  /** Start of the new tenant's clock (ISO), when not forked. */
  now?: string;
  /** Define the sync engine's custom fields in the new tenant, when not forked (a fork has its snapshot's). */
  presetCustomFields?: boolean;
  /** `test` (default): a fresh tenant before each test; `file`: one for the file's tests. */
  per?: 'test' | 'file';
}

/**
 * A fresh tenant for each test (or the file), forked from a named snapshot when given. The object
 * is filled in by a hook, so read its fields inside tests only.
 */
export function useZuoraTenant(options: UseZuoraTenantOptions = {}): ZuoraTenant {
  const tenant = {} as ZuoraTenant;
  const create = async () => {
    const { url, adminToken } = zuoraEmulator();
    const credentials = await new EmulatorAdmin(url, adminToken).newTenant({
      ...(options.fromSnapshot ? { fromSnapshot: options.fromSnapshot } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.presetCustomFields ? { presetCustomFields: true } : {}),
    });
    Object.assign(tenant, credentials, { url, admin: new EmulatorAdmin(url, adminToken, credentials.clientId), token: () => fetchToken(url, credentials) });
  };
  if (options.per === 'file') beforeAll(create);
  else beforeEach(create);
  return tenant;
}

