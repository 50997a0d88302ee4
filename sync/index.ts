import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSyncApp } from './api/app.js';
import type { Engine } from './api/routeTable.js';
import { webhookInProcess, type InProcessAnswer, type InProcessRequest } from './api/inProcessWebhook.js';
import { syncRoutes } from './api/routes.js';
import { calloutCredentials } from './calloutCredentials.js';
import { DEFAULT_SYNC_DATA_DIR, DEFAULT_SYNC_HOST, HOURLY_POLL_MS, STRIPE_WEBHOOK_PATH, WEBHOOK_PATH, type SyncEngineOptions } from './config.js';
import type { SyncContext } from './context.js';
import { configureStandardNotifications, connect, type SetupReport } from './integration/index.js';
import { FileSyncStore } from './model/store.js';
import { wallClock } from './time.js';
import { announceToEmulator, subscribeToEmulatorClock } from './emulatorTime.js';
import { UsageSyncRunner } from './usageSyncRunner.js';
import { ZuoraClient } from './zuora/client.js';

export type { SyncEngineOptions } from './config.js';

export interface RunningSyncEngine {
  /** Base URL, e.g. http://127.0.0.1:4020 */
  url: string;
  port: number;
  host: string;
  /** Where Zuora is told to post its callouts. */
  webhookUrl: string;
  context: SyncContext;
  /** Sets Zuora up to send callouts here, with the credentials the webhook checks (as `POST /api/integration/connect`). */
  connect(): Promise<SetupReport>;
  /**
   * Does what a Zuora administrator does by hand for this engine: Zuora's standard Account and
   * Subscription change notifications, sent to the webhook (seeds/002; connect leaves them alone).
   */
  configureStandardNotifications(): Promise<SetupReport>;
  /**
   * Puts the hourly work on an emulator tenant's virtual clock: the emulator calls
   * `/api/clock/tick` at each step of its clock, and the wall-clock polling stops. The emulator is
   * also told where the engine is, for its inspector. `adminToken` is the emulator's admin token
   * (not needed when it runs admin-open).
   */
  followEmulatorClock(emulatorUrl: string, tenant: string, adminToken?: string): Promise<void>;
  /** Where the emulator announces the steps of its clock: `POST /api/clock/tick`. */
  tickUrl: string;
  /** What `POST /api/clock/tick` `{now}` does, for an emulator in this very process to call directly. */
  tick(now: string): Promise<void>;
  /**
   * What a callout posted to `webhookUrl` gets, for an emulator in this very process to hand it
   * directly: the webhook's answer as its HTTP server sends it, or undefined for a request the server
   * must read itself (anything but plain JSON), which then goes over HTTP.
   */
  answerCallout(request: InProcessRequest): Promise<InProcessAnswer | undefined>;
  /** Stops the hourly work and the server, and waits for pending writes. */
  close(): Promise<void>;
}

export async function startSyncEngine(options: SyncEngineOptions): Promise<RunningSyncEngine> {
  const store = await FileSyncStore.open({ dataDir: options.dataDir ?? DEFAULT_SYNC_DATA_DIR, inMemory: options.inMemory ?? false });
  const host = options.host ?? DEFAULT_SYNC_HOST;
  // Listening comes first because the links written to Zuora need the port; requests are only
  // answered once the app is attached below, in the same tick.
  const server = await listen(options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  const ctx: SyncContext = {
    store,
    zuora: new ZuoraClient(options.zuora),
    time: options.time ?? wallClock,
    entityBaseUrl: options.entityBaseUrl ?? publicUrl,
  };
  const usage = new UsageSyncRunner(ctx);
  const tickUrl = `${publicUrl}/api/clock/tick`;
  const engine: Engine = { ctx, webhookUrl: `${publicUrl}${WEBHOOK_PATH}`, stripeWebhookUrl: `${publicUrl}${STRIPE_WEBHOOK_PATH}`, callouts: calloutCredentials(options.zuora.clientSecret), usage };
  server.on('request', buildSyncApp(engine, syncRoutes));
  if (options.hourlyUsageSync ?? true) usage.followHours(HOURLY_POLL_MS);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    host,
    webhookUrl: engine.webhookUrl,
    context: ctx,
    connect: () => connect(ctx, engine.webhookUrl, engine.callouts),
    tickUrl,
    // The emulator holds its clock at `now` until this returns.
    tick: (now) => usage.tick(new Date(now), true),
    answerCallout: webhookInProcess(engine, syncRoutes),
    configureStandardNotifications: () => configureStandardNotifications(ctx, engine.webhookUrl, engine.callouts),
    followEmulatorClock: async (emulatorUrl, tenant, adminToken) => {
      await usage.stopPolling();
      await subscribeToEmulatorClock(emulatorUrl, tenant, tickUrl, adminToken);
      await announceToEmulator(emulatorUrl, tenant, publicUrl, adminToken);
    },
    close: () => {
      closing ??= (async () => {
        await usage.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await store.close();
      })();
      return closing;
    },
  };
}

function listen(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('listening', () => resolve(server));
    server.once('error', reject);
    server.listen(port, host);
  });
}
