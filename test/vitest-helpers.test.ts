import { describe, expect, it } from 'vitest';
import { EmulatorAdmin, useZuoraTenant, zuoraEmulator } from '../testing/vitest.js';
import { accountBody, tenantClient } from './helpers/emulator.js';

// 'zuora-emulator/vitest' as users meet it: the run's emulator comes from the globalSetup in
// vitest.config.ts (test/setup/zuoraEmulator.ts, which saves the `catalog` snapshot), and each
// test gets a tenant of its own, forked from that snapshot.

describe('a fresh tenant per test, forked from a named snapshot', () => {
  const tenant = useZuoraTenant({ fromSnapshot: 'catalog' });
  const seen: string[] = [];

  it('has its own credentials and the snapshot’s data', async () => {
    seen.push(tenant.clientId);
    expect(tenant.clientId).not.toBe(zuoraEmulator().credentials.clientId);
    const zuora = await tenantClient(tenant.url, tenant.clientId, tenant.clientSecret);
    expect((await zuora.get('/v2/products/SHARED-1')).body).toMatchObject({ name: 'Shared plan', sku: 'SHARED-1' });
    expect((await zuora.post('/v2/accounts', accountBody({ name: 'Only in the first test' }))).status).toBe(201);
  });

  it('does not see what the test before it wrote', async () => {
    seen.push(tenant.clientId);
    expect(new Set(seen).size).toBe(2);
    const zuora = await tenantClient(tenant.url, tenant.clientId, tenant.clientSecret);
    const accounts = await zuora.get('/v2/accounts');
    expect(accounts.status).toBe(200);
    expect(accounts.body.data).toEqual([]);
  });

  it('has its own clock, starting at the snapshot’s time', async () => {
    expect(await tenant.admin.now()).toBe('2026-01-01T00:00:00.000Z');
    expect((await tenant.admin.advanceClock('P1M')).now).toBe('2026-02-01T00:00:00.000Z');
    const { url, adminToken } = zuoraEmulator();
    // The default tenant, where the snapshot lives, stands where the setup left it.
    expect(await new EmulatorAdmin(url, adminToken).now()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('one tenant for the file', () => {
  const tenant = useZuoraTenant({ per: 'file', now: '2030-06-01T00:00:00Z' });
  const seen: string[] = [];

  it.each([1, 2])('is the same tenant in test %i, empty and at its own time', async () => {
    seen.push(tenant.clientId);
    expect(new Set(seen).size).toBe(1);
    expect(await tenant.admin.now()).toBe('2030-06-01T00:00:00.000Z');
    const token = await tenant.token();
    const products = await fetch(`${tenant.url}/v2/products`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await products.json()) as { data: unknown[] }).data).toEqual([]);
  });
});

describe('a tenant with the platform custom fields', () => {
  const bare = useZuoraTenant({ per: 'file' });
  const preset = useZuoraTenant({ per: 'file', presetCustomFields: true });
  const account = { name: 'Acme', currency: 'USD', bill_to: { first_name: 'Ada', last_name: 'Lovelace' }, custom_fields: { stiggCustomerId__c: 'cust-1' } };

  it('accepts stiggCustomerId__c only where it is defined', async () => {
    const post = async (tenant: typeof bare) =>
      fetch(`${tenant.url}/v2/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tenant.token()}`, 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
    expect((await post(bare)).status).toBe(400);
    expect((await post(preset)).status).toBe(201);
  });
});
