import { randomBytes } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { receiveInProcess } from '../../emulator/services.js';
import { emulatorTime } from '../../sync/emulatorTime.js';
import { answerLocally } from '../../sync/httpClient.js';
import { startSyncEngine, type RunningSyncEngine } from '../../sync/index.js';
import { ScenarioHttp, type StripeAccess, type ZuoraCredentials } from './http.js';
import { journalsInProcess, journalsOverHttp, type Journals } from './journals.js';
import type { Integration, Scenario } from './types.js';

// Where a scenario runs. In process (the default): one emulator for the whole run, and per scenario
// a fresh tenant with its own clock and a fresh sync engine started beside it, connected to that
// tenant through the engine's own integration API. With a target: an emulator and a sync engine
// that are already running, shared by every scenario. Steps always go through the public surfaces;
// the runner's own bookkeeping (journals.ts), and the engine's reads of the clock, go straight to an
// emulator this process started.

export interface ScenarioEnv {
  http: ScenarioHttp;
  /** Where the runner reads what each step did, and waits for quiet. */
  journals: Journals;
  mode: 'in-process' | 'target';
  /** What the engine bills with: Zuora, or (`integration: stripe`) Stripe, reached with `http.stripe`. */
  integration: Integration;
  /** The emulator tenant (client id) the scenario runs on. */
  tenant: string;
  /** The clock the scenario starts at (its `start`, moved on by whole years against a target whose clock is past it). */
  start: string;
  /** An absolute date or date-time of the scenario file, moved as `start` was (same form back). */
  shiftTime(iso: string): string;
  /** The platform id for a customer the scenario creates (made unique per run against a shared target). */
  newCustomerId(id: string): string;
  /** The platform id a customer id of the file stands for. */
  customerId(id: string): string;
  /** Whether the catalog is merged into the engine's (shared engine) or replaces it (own engine). */
  mergeCatalog: boolean;
  /** Customers the scenario created, by their platform id, for the teardown. */
  created: Set<string>;
  /** Tenants whose clocks follow this one's (`clock.advance` moves them to the same instant after it). */
  followingClocks?: ScenarioHttp[];
  /** Readies the engine before the first step (connects it to its tenant); nothing to do for a target. */
  connect(): Promise<void>;
  close(): Promise<void>;
}

export interface ScenarioHost {
  /** One line saying where scenarios run. */
  readonly description: string;
  open(scenario: Scenario): Promise<ScenarioEnv>;
  close(): Promise<void>;
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32) || 'scenario';

export interface InProcessHostOptions {
  /** An emulator already running (in this process or not); one is started in memory when absent. */
  emulatorUrl?: string;
  /** That emulator's admin token (not needed when it runs admin-open). */
  adminToken?: string;
  /** That emulator's Stripe API (its `--stripe-port`), for `integration: stripe` files. */
  stripeUrl?: string;
}

/** Where a scenario's engine bills: a fresh Zuora tenant, or a fresh Stripe account (an emulator tenant too). */
interface Billing {
  credentials: ZuoraCredentials;
  stripe?: StripeAccess;
}

/** A fresh tenant and a fresh sync engine per scenario, so scenarios are independent and can run side by side. */
export class InProcessHost implements ScenarioHost {
  private counter = 0;
  private readonly stopLocalReads: (() => void) | undefined;

  private constructor(
    readonly emulatorUrl: string,
    private readonly adminToken: string | undefined,
    private readonly stripeUrl: string | undefined,
    private readonly emulator: RunningEmulator | undefined,
  ) {
    // The engines' reads of their tenants are answered by the emulator in this process, as under `zuora-emulator start`.
    this.stopLocalReads = emulator ? answerLocally(emulator.url, emulator.answerInProcess) : undefined;
  }

  static async start(options: InProcessHostOptions = {}): Promise<InProcessHost> {
    if (options.emulatorUrl) return new InProcessHost(options.emulatorUrl.replace(/\/+$/, ''), options.adminToken, options.stripeUrl, undefined);
    const emulator = await startEmulator({ inMemory: true, port: 0, stripePort: 0 });
    return new InProcessHost(emulator.url, emulator.adminToken, emulator.stripe?.url, emulator);
  }

  get description(): string {
    return `in process: emulator at ${this.emulatorUrl}, a fresh tenant (or Stripe account) and sync engine per scenario`;
  }

  /** The scenario's own tenant: a Zuora tenant (OAuth client), or for `integration: stripe` a Stripe account and its key. */
  private async billingFor(scenario: Scenario): Promise<Billing> {
    const adminToken = this.adminToken;
    const bootstrap = new ScenarioHttp({ emulatorUrl: this.emulatorUrl, syncUrl: 'http://127.0.0.1:0', credentials: { clientId: '', clientSecret: '' }, tenant: '', ...(adminToken ? { adminToken } : {}) });
    if (scenario.integration === 'stripe') {
      if (!this.stripeUrl) throw new Error('a Stripe scenario needs the emulator\'s Stripe API: give --stripe-url with --emulator-url');
      const account = await bootstrap.adminOk<{ id: string; secretKey: string }>('POST', '/stripe/accounts', { now: scenario.start }, true);
      return { credentials: { clientId: account.id, clientSecret: account.secretKey }, stripe: { url: this.stripeUrl, secretKey: account.secretKey } };
    }
    const credentials: ZuoraCredentials = {
      clientId: `scenario-${slug(scenario.name)}-${this.counter}-${randomBytes(4).toString('hex')}`,
      clientSecret: randomBytes(16).toString('hex'),
    };
    await bootstrap.adminOk('POST', '/tenants', { ...credentials, name: scenario.name, now: scenario.start }, true);
    return { credentials };
  }

  async open(scenario: Scenario): Promise<ScenarioEnv> {
    this.counter += 1;
    const { credentials, stripe } = await this.billingFor(scenario);
    const adminToken = this.adminToken;
    let engine: RunningSyncEngine | undefined;
    const services = this.emulator?.services;
    const tenant = credentials.clientId;
    try {
      engine = await startSyncEngine({
        port: 0,
        host: '127.0.0.1',
        inMemory: true,
        // A Stripe scenario's engine never calls Zuora; the account stands in as its (unused) Zuora client.
        zuora: { baseUrl: this.emulatorUrl, ...credentials },
        // The platform lives on the tenant's virtual clock: GET /__emulator/clock, or read in process.
        time: services ? { now: async () => new Date(services.clock.now(tenant).getTime()) } : emulatorTime(this.emulatorUrl, tenant, adminToken),
        // The hour is followed through the emulator's clock (below) instead of a wall-clock poll, so runs repeat exactly.
        hourlyUsageSync: false,
      });
    } catch (error) {
      throw new Error(`the sync engine could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    const http = new ScenarioHttp({ emulatorUrl: this.emulatorUrl, syncUrl: engine.url, credentials, ...(adminToken ? { adminToken } : {}), ...(stripe ? { stripe } : {}) });
    const running = engine;
    let stopInProcess: (() => void) | undefined;
    return {
      http,
      journals: services ? journalsInProcess(services, running.context, http) : journalsOverHttp(http),
      mode: 'in-process',
      integration: scenario.integration,
      tenant: credentials.clientId,
      start: scenario.start,
      shiftTime: (iso) => iso,
      newCustomerId: (id) => id,
      customerId: (id) => id,
      mergeCatalog: false,
      created: new Set(),
      connect: async () => {
        if (stripe) {
          // Through the engine's integration API: a webhook endpoint on the account for the engine.
          await http.syncOk('POST', '/api/integrations/stripe', { secretKey: stripe.secretKey, apiUrl: stripe.url });
        } else {
          // Through the engine's integration API: triggers, callout templates and notifications in the tenant.
          await http.syncOk('POST', '/api/integrations/zuora', {});
          // The standard Account and Subscription notifications are the Zuora administrator's to set
          // up (seeds/002); the runner plays that administrator, as `zuora-emulator start` does.
          await running.configureStandardNotifications();
        }
        // The engine's hourly work follows the tenant's virtual clock: the emulator announces each
        // step of the clock to the engine (its clock subscriber) and waits for it.
        await running.followEmulatorClock(this.emulatorUrl, credentials.clientId, adminToken);
        // The emulator in this process calls the engine's tick directly instead of posting it, and
        // hands the engine its callouts as its webhook would read them.
        if (services) stopInProcess = receiveInProcess(services, running);
      },
      close: () => {
        stopInProcess?.();
        return running.close();
      },
    };
  }

  async close(): Promise<void> {
    this.stopLocalReads?.();
    await this.emulator?.close();
  }
}

export interface TargetHostOptions {
  /** The running emulator (or Zuora-like target with the emulator's admin API). */
  emulatorUrl: string;
  /** The running sync engine, connected to the tenant below. */
  syncUrl: string;
  credentials: ZuoraCredentials;
  /** The emulator's admin token (not needed when it runs admin-open). */
  adminToken?: string;
  /** For `integration: stripe` files: the emulator's Stripe API and the account the engine is connected to for them. */
  stripe?: StripeAccess & { account: string };
}

function addYears(iso: string, years: number): string {
  const date = new Date(iso);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  // A date stays a date; a date-time comes back in full ISO form.
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? date.toISOString().slice(0, 10) : date.toISOString();
}

/**
 * Scenarios against an emulator and a sync engine that are already running (`--target`): one tenant
 * and one engine for all. The tenant's clock only moves forward, so a scenario whose start has
 * passed runs whole years later (same calendar days, same bill cycle days); customer ids get a
 * per-run suffix so the shared engine never sees one twice; and the subscriptions a scenario leaves
 * live are cancelled when the next scenario of the run opens, so later scenarios do not bill them on,
 * while the last one's stay as it left them for whoever looks afterwards (the inspector, a person).
 */
export class TargetHost implements ScenarioHost {
  /** Whether the shared engine is connected to Stripe (by this run's last Stripe scenario). */
  private onStripe = false;
  /** What the scenario opened last left live: wound down when the next one opens. */
  private leftover: { http: ScenarioHttp; customers: ReadonlySet<string> } | undefined;

  constructor(private readonly options: TargetHostOptions) {}

  get description(): string {
    return `target: emulator at ${this.options.emulatorUrl}, sync engine at ${this.options.syncUrl}, client ${this.options.credentials.clientId}`;
  }

  async open(scenario: Scenario): Promise<ScenarioEnv> {
    const { emulatorUrl, syncUrl, credentials, adminToken, stripe } = this.options;
    const admin = adminToken ? { adminToken } : {};
    if (scenario.integration === 'stripe' && !stripe) throw new Error('a Stripe scenario against a target needs the Stripe account the engine may use: --stripe-url, --stripe-account, --stripe-key');
    const onStripe = scenario.integration === 'stripe' && stripe ? stripe : undefined;
    // The engine's own tenant, whose clock the platform lives on; a Stripe scenario's steps act on the Stripe account.
    const engineTenant = new ScenarioHttp({ emulatorUrl, syncUrl, credentials, ...admin });
    const http = onStripe
      ? new ScenarioHttp({ emulatorUrl, syncUrl, credentials, tenant: onStripe.account, stripe: { url: onStripe.url, secretKey: onStripe.secretKey }, ...admin })
      : engineTenant;
    if (this.leftover) await teardown(this.leftover.http, this.leftover.customers);
    this.leftover = undefined;
    const health = await http.sync('GET', '/api/health', undefined, true).catch((error: unknown) => {
      throw new Error(`the sync engine at ${this.options.syncUrl} cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (health.status !== 200) throw new Error(`the sync engine at ${this.options.syncUrl} answered its health check with ${health.status}`);
    await this.useIntegration(http, onStripe);
    const clocks = onStripe ? [http, engineTenant] : [http];
    const nows = await Promise.all(clocks.map(async (each) => (await each.adminOk<{ now: string }>('GET', '/clock', undefined, true)).now));
    const now = nows.reduce((latest, each) => (each > latest ? each : latest));
    // Whole leap cycles: a scenario written for a 28-day February meets one again, whatever year the shared clock has reached.
    let years = 0;
    while (addYears(scenario.start, years) < now) years += 4;
    const start = addYears(scenario.start, years);
    for (const [index, each] of clocks.entries()) if (start > (nows[index] as string)) await each.adminOk('POST', '/clock/advance', { to: start }, true);
    const suffix = randomBytes(3).toString('hex');
    const created = new Set<string>();
    const known = new Map<string, string>();
    this.leftover = { http, customers: created };
    return {
      http,
      journals: journalsOverHttp(http),
      mode: 'target',
      integration: scenario.integration,
      // The Stripe account's clock moves, then the engine's tenant's to the same instant, so the platform keeps Stripe's time.
      ...(onStripe ? { followingClocks: [engineTenant] } : {}),
      tenant: http.tenant,
      start,
      shiftTime: (iso) => (years === 0 ? iso : addYears(iso, years)),
      newCustomerId: (id) => {
        const fresh = `${id}.${suffix}`;
        known.set(id, fresh);
        return fresh;
      },
      customerId: (id) => known.get(id) ?? id,
      mergeCatalog: true,
      created,
      connect: async () => undefined,
      close: async () => undefined,
    };
  }

  /**
   * One integration is active per engine: a Stripe scenario connects the shared engine to the Stripe
   * account, and the next Zuora scenario removes it (Zuora is the integration again).
   */
  private async useIntegration(http: ScenarioHttp, stripe: (StripeAccess & { account: string }) | undefined): Promise<void> {
    if (stripe && !this.onStripe) await http.syncOk('POST', '/api/integrations/stripe', { secretKey: stripe.secretKey, apiUrl: stripe.url });
    if (!stripe && this.onStripe) await http.syncOk('DELETE', '/api/integrations/stripe');
    this.onStripe = !!stripe;
  }

  async close(): Promise<void> {
    // What the run connected is left as it is: the engine keeps the last scenario's integration.
  }
}

/** Cancels what the scenario left running on a shared engine, so later scenarios do not bill it on. */
async function teardown(http: ScenarioHttp, customers: ReadonlySet<string>): Promise<void> {
  for (const customerId of customers) {
    const answer = await http.sync('GET', `/api/customers/${encodeURIComponent(customerId)}/subscriptions`, undefined, true);
    const subscriptions = ((answer.body as { data?: Array<{ id: string; status: string }> })?.data ?? []).filter(
      (subscription) => subscription.status !== 'CANCELED' && subscription.status !== 'EXPIRED',
    );
    for (const subscription of subscriptions) {
      await http.sync('POST', `/api/subscriptions/${encodeURIComponent(subscription.id)}/cancel`, { when: 'IMMEDIATE' }, true);
    }
  }
  await http.admin('POST', '/clock/advance', { by: 'PT0S' }, true);
}
