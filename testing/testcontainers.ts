import { randomBytes } from 'node:crypto';
import { AbstractStartedContainer, GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { DEFAULT_TENANT } from '../emulator/config.js';
import { PACKAGE_VERSION } from '../emulator/packageInfo.js';
import { EmulatorAdmin, type Credentials, type NewTenantOptions } from './admin.js';

export type { Credentials, NewTenantOptions } from './admin.js';

/** The tag the README's `docker build` line makes. */
export const DEFAULT_IMAGE = `zuora-emulator:${PACKAGE_VERSION}`;

const EMULATOR_PORT = 4010;
const SYNC_PORT = 4020;

/**
 * The emulator in a container, for Testcontainers users:
 *   const zuora = await new ZuoraEmulatorContainer().withNow('2026-01-01T00:00:00Z').withSyncEngine().start();
 * State is kept in memory, the admin token is chosen here (so the helpers can use it), and start()
 * returns once GET /__emulator/health answers (and the sync engine's, when asked for).
 */
export class ZuoraEmulatorContainer extends GenericContainer {
  private syncEngine = false;
  private adminToken = randomBytes(24).toString('hex');

  constructor(image: string = DEFAULT_IMAGE) {
    super(image);
    this.withExposedPorts(EMULATOR_PORT).withStartupTimeout(60_000);
  }

  /** Starts the default tenant's virtual clock at this time (ISO). */
  withNow(iso: string): this {
    return this.withEnvironment({ ZUORA_EMULATOR_NOW: iso });
  }

  /** Runs the bundled sync engine beside the emulator, connected to the default tenant; its URL is `syncUrl`. */
  withSyncEngine(): this {
    this.syncEngine = true;
    return this.withExposedPorts(SYNC_PORT);
  }

  /** The admin token the container requires (default: a random one). */
  withAdminToken(token: string): this {
    this.adminToken = token;
    return this;
  }

  override async start(): Promise<StartedZuoraEmulatorContainer> {
    const health = Wait.forHttp('/__emulator/health', EMULATOR_PORT).forStatusCode(200);
    this.withEnvironment({
      ZUORA_EMULATOR_IN_MEMORY: '1',
      ZUORA_EMULATOR_NO_SYNC: this.syncEngine ? '0' : '1',
      ZUORA_EMULATOR_ADMIN_TOKEN: this.adminToken,
    }).withWaitStrategy(this.syncEngine ? Wait.forAll([health, Wait.forHttp('/api/health', SYNC_PORT).forStatusCode(200)]) : health);
    return new StartedZuoraEmulatorContainer(await super.start(), this.adminToken, this.syncEngine);
  }
}

export class StartedZuoraEmulatorContainer extends AbstractStartedContainer {
  /** Base URL of the emulator's Zuora APIs, from the host running the tests. */
  readonly url: string;
  /** Base URL of the bundled sync engine (only with withSyncEngine()). */
  readonly syncUrl: string | undefined;
  /** The default tenant's OAuth client. */
  readonly credentials: Credentials = { clientId: DEFAULT_TENANT.clientId, clientSecret: DEFAULT_TENANT.clientSecret };
  /** Admin calls on the default tenant; `admin.forTenant(id)` for another. */
  readonly admin: EmulatorAdmin;

  constructor(
    started: StartedTestContainer,
    readonly adminToken: string,
    syncEngine: boolean,
  ) {
    super(started);
    this.url = `http://${this.getHost()}:${this.getMappedPort(EMULATOR_PORT)}`;
    this.syncUrl = syncEngine ? `http://${this.getHost()}:${this.getMappedPort(SYNC_PORT)}` : undefined;
    this.admin = new EmulatorAdmin(this.url, adminToken);
  }

  /** Moves the default tenant's clock `by` a duration ("P1M") or `to` a time, running what falls due. */
  advanceClock(step: string | { by?: string; to?: string }) {
    return this.admin.advanceClock(step);
  }

  flushCallouts() {
    return this.admin.flushCallouts();
  }

  reset(now?: string) {
    return this.admin.reset(now);
  }

  newTenant(options?: NewTenantOptions) {
    return this.admin.newTenant(options);
  }

  snapshot(name: string) {
    return this.admin.snapshot(name);
  }

  restore(name: string) {
    return this.admin.restore(name);
  }
}
