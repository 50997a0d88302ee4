import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { actionRoutes, objectDefinitionRoutes, objectQueryRoutes, v1CrudRoutes, v1Routes } from './api/v1/routes.js';
import { v2Routes } from './api/v2/routes.js';
import { adminRoutes } from './admin/routes.js';
import { isKnownVersion, LATEST_VERSION, OLDEST_VERSION } from './api/minorVersions.js';
import { Clock } from './clock/clock.js';
import { JobRegistry } from './clock/jobs.js';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_TENANT } from './config.js';
import { applyPresets } from './admin/tenants.js';
import { BILLING_JOBS } from './domain/invoices/billRuns.js';
import { Dispatcher } from './events/dispatcher.js';
import { notificationRoutes } from './events/notificationRoutes.js';
import { triggerRoutes } from './events/triggerRoutes.js';
import { LIFECYCLE_JOBS } from './domain/orders/lifecycleJobs.js';
import { ORDER_JOBS } from './domain/orders/orders.js';
import { generateAdminToken, isLoopback } from './http/adminAuth.js';
import { buildApp, endStreams, serverFor, type BuiltApp, type InProcessAnswerer } from './http/app.js';
import { answerParserErrors } from './http/parserErrors.js';
import { oauthRoutes } from './http/oauth.js';
import { registerStripe, startStripeApi, type RunningStripeApi } from './api/stripe/server.js';
import { RequestJournal } from './http/requestJournal.js';
import { inspectorRoutes } from './inspector/routes.js';
import { InspectorSessions } from './inspector/sessions.js';
import { mountedAt, type RouteTable } from './http/routeTable.js';
import type { Services } from './services.js';
import type { JournalIo } from './state/journal.js';
import { Store } from './state/store.js';
import { mergeSettings } from './state/settings.js';
import { createTenant } from './state/tenants.js';

export interface EmulatorOptions {
  /** 0 (the default here) picks a free port. */
  port?: number;
  host?: string;
  /** Where state lives; ignored with `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
  /** Start of the default tenant's virtual clock when the tenant is first created (ISO). */
  now?: string;
  /** The default tenant's default minor version (its `zuoraVersion` setting), e.g. `223.0`. */
  zuoraVersion?: string;
  /** Also serve the Stripe dialect on this port (0 picks a free one); absent, no Stripe port is opened. */
  stripePort?: number;
  /** The bearer token the admin API (`/__emulator/*`) requires; generated when absent. */
  adminToken?: string;
  /** No token needed on the admin API: for a trusted local loop only (refused on a non-loopback host). */
  adminOpen?: boolean;
  /** Wall time one callout attempt may take before it counts as failed (default 10 s). */
  calloutTimeoutMs?: number;
  /** How the journal reaches the disk: for tests that inject a full disk or an I/O error. */
  journalIo?: JournalIo;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  host: string;
  credentials: { clientId: string; clientSecret: string };
  /** Send as `Authorization: Bearer <adminToken>` on admin calls (also accepted when started admin-open). */
  adminToken: string;
  services: Services;
  /**
   * Answers a read of the API made in this very process as its HTTP server would (the bundled sync
   * engine's reads under `zuora-emulator start`); undefined for a request that must go over HTTP.
   */
  answerInProcess: InProcessAnswerer;
  /** The Stripe dialect's address and default account, when a Stripe port was asked for. */
  stripe?: Omit<RunningStripeApi, 'close'>;
  /** Stops accepting requests, waits for pending writes and compacts state to disk. */
  close(): Promise<void>;
}

/** Every surface the emulator answers, one table each. Events and notifications also answer under /v1, as the seeds call them. */
export const ROUTE_TABLES: readonly RouteTable[] = [
  oauthRoutes,
  v1Routes,
  v1CrudRoutes,
  actionRoutes,
  objectQueryRoutes,
  objectDefinitionRoutes,
  v2Routes,
  triggerRoutes,
  notificationRoutes,
  mountedAt('/v1', triggerRoutes),
  mountedAt('/v1', notificationRoutes),
  adminRoutes,
];

/** What the emulator's port serves: the API surfaces, and the inspector's page beside them (no API surface of its own, so not listed in the contracts). */
export const SERVED_TABLES: readonly RouteTable[] = [...ROUTE_TABLES, inspectorRoutes];

/** Thrown before anything starts when the options would expose the admin API unguarded. */
export class UnsafeOptionsError extends Error {}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? DEFAULT_HOST;
  if (!isLoopback(host) && (options.adminOpen || !options.adminToken)) {
    throw new UnsafeOptionsError(
      `listening on ${host} reaches beyond this machine: give an admin token (--admin-token or ZUORA_EMULATOR_ADMIN_TOKEN)${options.adminOpen ? ' and leave out --admin-open' : ''}`,
    );
  }
  if (options.zuoraVersion !== undefined && !isKnownVersion(options.zuoraVersion)) {
    throw new Error(`zuoraVersion '${options.zuoraVersion}' is not a minor version from ${OLDEST_VERSION} to ${LATEST_VERSION}`);
  }
  const adminToken = options.adminToken || generateAdminToken();
  const store = await Store.open({
    dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
    inMemory: options.inMemory ?? false,
    ...(options.journalIo ? { journalIo: options.journalIo } : {}),
  });
  const jobs = new JobRegistry();
  const wallNow = () => new Date();
  const startedAt = wallNow();
  const clock = new Clock(store, jobs);
  const services: Services = {
    store,
    jobs,
    clock,
    dispatcher: new Dispatcher(store, clock, jobs, options.calloutTimeoutMs ? { attemptTimeoutMs: options.calloutTimeoutMs } : {}),
    requests: new RequestJournal(1000, (tenant) => store.activity.notify(tenant, 'requests')),
    wallNow,
    startedAt,
    sessions: new InspectorSessions(wallNow),
    defaultTenant: DEFAULT_TENANT.clientId,
    admin: { token: adminToken, open: options.adminOpen ?? false },
  };
  for (const [kind, handler] of Object.entries({ ...ORDER_JOBS, ...LIFECYCLE_JOBS, ...BILLING_JOBS })) jobs.register(kind, handler);
  registerStripe(services);
  if (!store.tenant(DEFAULT_TENANT.clientId)) {
    // The default tenant starts with the seeds' platform custom fields, so a first call carrying them works.
    await createTenant(store, { ...DEFAULT_TENANT, presetCustomFields: true, ...(options.now ? { now: options.now } : {}) }, wallNow());
    await applyPresets(store, DEFAULT_TENANT.clientId);
  }
  if (options.zuoraVersion) {
    const zuoraVersion = options.zuoraVersion;
    await store.transact(DEFAULT_TENANT.clientId, (tx) => tx.patchMeta({ settings: mergeSettings(tx.meta().settings, { zuoraVersion }) }));
  }
  const { app, answerInProcess } = buildApp(services, SERVED_TABLES);
  // Callouts owed when the process last stopped go out now.
  services.dispatcher.resume();
  let server: Server;
  try {
    server = await listen(app, options.port ?? 0, host);
  } catch (error) {
    // Give the data directory back: whoever retries on another port may open it again.
    await store.close();
    throw error;
  }
  answerParserErrors(server);
  const { port } = server.address() as AddressInfo;
  const stripe = options.stripePort === undefined ? undefined : await startStripeApi(services, options.stripePort, host, options.now);
  let closing: Promise<void> | undefined;
  return {
    url: localUrl(host, port),
    port,
    host,
    credentials: { clientId: DEFAULT_TENANT.clientId, clientSecret: DEFAULT_TENANT.clientSecret },
    adminToken,
    services,
    answerInProcess,
    ...(stripe ? { stripe: { url: stripe.url, port: stripe.port, account: stripe.account, secretKey: stripe.secretKey } } : {}),
    close: () => {
      closing ??= (async () => {
        await stripe?.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        endStreams(app);
        await stopped;
        await store.close();
      })();
      return closing;
    },
  };
}

/** The URL this machine reaches the server at: a wildcard bind (0.0.0.0, ::) is reached on loopback. */
function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function listen(app: BuiltApp['app'], port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serverFor(app).listen(port, host);
    // Idle connections outlive the clients' own keep-alive (undici: 4 s), so a client never reuses
    // one the server is closing at that moment (seen through Docker's port proxy on a busy host).
    server.keepAliveTimeout = 30_000;
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
