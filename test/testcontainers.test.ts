import { getContainerRuntimeClient, ImageName } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE, ZuoraEmulatorContainer, type StartedZuoraEmulatorContainer } from '../testing/testcontainers.js';
import { accountBody, tenantClient } from './helpers/emulator.js';

// 'zuora-emulator/testcontainers' for real: a container of the image the README's `docker build`
// line makes. Without a Docker daemon (or before the image is built) the tests are skipped and
// say why; CI sets ZUORA_EMULATOR_CONTAINER_TESTS=required after building the image, and then a
// missing daemon or image fails the run instead.

async function whyNot(): Promise<string | undefined> {
  try {
    const client = await getContainerRuntimeClient();
    if (!(await client.image.exists(ImageName.fromString(DEFAULT_IMAGE)))) {
      return `image ${DEFAULT_IMAGE} is not built (docker build -f docker/Dockerfile -t ${DEFAULT_IMAGE} .)`;
    }
    return undefined;
  } catch (error) {
    return `no Docker daemon reachable (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

const required = process.env.ZUORA_EMULATOR_CONTAINER_TESTS === 'required';
const skipReason = await whyNot();
if (skipReason && !required) console.warn(`test/testcontainers.test.ts skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined && !required)(`ZuoraEmulatorContainer${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let zuora: StartedZuoraEmulatorContainer;

  beforeAll(async () => {
    if (skipReason) throw new Error(`container tests are required here, but ${skipReason}`);
    zuora = await new ZuoraEmulatorContainer().withNow('2026-01-01T00:00:00Z').withSyncEngine().start();
  }, 120_000);

  afterAll(async () => {
    await zuora?.stop();
  });

  it('is ready when start() returns: health answers, the default tenant works, the sync engine is up', async () => {
    const health = await (await fetch(`${zuora.url}/__emulator/health`)).json();
    expect(health).toMatchObject({ status: 'ok', tenants: 1 });
    const client = await tenantClient(zuora.url, zuora.credentials.clientId, zuora.credentials.clientSecret);
    expect((await client.post('/v2/accounts', accountBody({ name: 'From a container' }))).status).toBe(201);
    expect(zuora.syncUrl).toMatch(/^http:\/\/.+:\d+$/);
    expect((await fetch(`${zuora.syncUrl}/api/health`)).status).toBe(200);
  });

  it('requires its admin token, and the helpers send it', async () => {
    expect((await fetch(`${zuora.url}/__emulator/clock`)).status).toBe(401);
    expect(zuora.adminToken).toMatch(/\S{16,}/);
    expect(await zuora.admin.now()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('advances the clock, snapshots and restores, resets, flushes callouts', async () => {
    await zuora.snapshot('start');
    expect((await zuora.advanceClock('P1M')).now).toBe('2026-02-01T00:00:00.000Z');
    expect(await zuora.flushCallouts()).toBeTypeOf('object');
    await zuora.restore('start');
    expect(await zuora.admin.now()).toBe('2026-01-01T00:00:00.000Z');
    await zuora.reset('2026-03-01T00:00:00Z');
    expect(await zuora.admin.now()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('makes a new tenant with credentials of its own', async () => {
    const tenant = await zuora.newTenant({ now: '2027-01-01T00:00:00Z' });
    const client = await tenantClient(zuora.url, tenant.clientId, tenant.clientSecret);
    expect((await client.get('/v2/accounts')).body.data).toEqual([]);
    expect(await zuora.admin.forTenant(tenant.clientId).now()).toBe('2027-01-01T00:00:00.000Z');
  });
});
