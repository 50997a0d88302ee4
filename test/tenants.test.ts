import { describe, expect, it } from 'vitest';
import { accountBody, adminClient, tenantClient, useEmulator } from './helpers/emulator.js';

const env = useEmulator();

describe('tenants', () => {
  it('creates a tenant whose OAuth client sees only its own accounts', async () => {
    // presetCustomFields: the platform's custom fields that accountBody carries are defined from the start.
    const created = await env.admin.post('/tenants', { clientId: 'tenant-blue', clientSecret: 'blue-secret', name: 'Blue', presetCustomFields: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ clientId: 'tenant-blue', name: 'Blue' });
    const blue = await tenantClient(env.url, 'tenant-blue', 'blue-secret');

    const mine = await env.zuora.post('/v2/accounts', accountBody({ name: 'Default tenant account' }));
    const theirs = await blue.post('/v2/accounts', accountBody({ name: 'Blue tenant account' }));

    expect((await blue.get('/v2/accounts?page_size=99')).body.data.map((a: { name: string }) => a.name)).toEqual([
      'Blue tenant account',
    ]);
    expect((await blue.get(`/v2/accounts/${mine.body.id}`)).status).toBe(404);
    expect((await env.zuora.get(`/v2/accounts/${theirs.body.id}`)).status).toBe(404);
    expect((await env.zuora.get(`/v1/accounts/${theirs.body.id}`)).body.success).toBe(false);
    // Numbering is per tenant: each tenant's first account is A00000001.
    expect(theirs.body.account_number).toBe('A00000001');
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('does not let one tenant use another tenant secret', async () => {
    await env.admin.post('/tenants', { clientId: 'tenant-green', clientSecret: 'green-secret' });
    await expect(tenantClient(env.url, 'tenant-green', 'blue-secret')).rejects.toThrow(/no token/);
  });

  it('refuses a second tenant with the same client id', async () => {
    await env.admin.post('/tenants', { clientId: 'tenant-twice', clientSecret: 'one' });
    const again = await env.admin.post('/tenants', { clientId: 'tenant-twice', clientSecret: 'two' });
    expect(again.status).toBe(409);
    await expect(tenantClient(env.url, 'tenant-twice', 'one')).resolves.toBeDefined();
  });

  it('lists tenants without their secrets', async () => {
    const { body } = await env.admin.get('/tenants');
    expect(body.data.map((tenant: { clientId: string }) => tenant.clientId)).toContain('tenant-blue');
    expect(JSON.stringify(body)).not.toContain('blue-secret');
  });

  it('answers an admin call for an unknown tenant with 404', async () => {
    const response = await adminClient(env.url, 'nobody').get('/clock');
    expect(response.status).toBe(404);
  });
});

describe('snapshots', () => {
  it('restores a saved state, objects and clock, and leaves later writes out', async () => {
    const admin = env.admin;
    await admin.post('/reset', { now: '2026-05-01T00:00:00Z' });
    const kept = await env.zuora.post('/v2/accounts', accountBody({ name: 'Before snapshot' }));
    expect((await admin.post('/snapshots', { name: 'one-account' })).status).toBe(201);

    await env.zuora.post('/v2/accounts', accountBody({ name: 'After snapshot' }));
    await admin.post('/clock/advance', { by: 'P1M' });

    const restored = await admin.post('/snapshots/one-account/restore');
    expect(restored.body.now).toBe('2026-05-01T00:00:00.000Z');
    const names = (await env.zuora.get('/v2/accounts?page_size=99')).body.data.map((a: { name: string }) => a.name);
    expect(names).toEqual(['Before snapshot']);
    expect((await admin.get('/clock')).body.now).toBe('2026-05-01T00:00:00.000Z');
    // Counters are part of the snapshot, so the next number follows on from the snapshot's.
    const next = await env.zuora.post('/v2/accounts', accountBody());
    expect(next.body.account_number).toBe('A00000002');
    expect(kept.body.account_number).toBe('A00000001');
  });

  it('exports a snapshot as JSON and imports it into another tenant', async () => {
    await env.admin.post('/reset', { now: '2026-05-01T00:00:00Z' });
    await env.zuora.post('/v2/accounts', accountBody({ name: 'Exported' }));
    await env.admin.post('/snapshots', { name: 'export-me' });
    const exported = await env.admin.get('/snapshots/export-me');
    expect(exported.body.format).toBe('zuora-emulator-snapshot/1');
    expect(JSON.stringify(exported.body)).not.toContain('zuora-emulator-default-secret');

    await env.admin.post('/tenants', { clientId: 'tenant-import', clientSecret: 'import-secret' });
    const other = adminClient(env.url, 'tenant-import');
    expect((await other.put('/snapshots/shared', exported.body)).status).toBe(200);
    await other.post('/snapshots/shared/restore');
    const client = await tenantClient(env.url, 'tenant-import', 'import-secret');
    const names = (await client.get('/v2/accounts')).body.data.map((a: { name: string }) => a.name);
    expect(names).toEqual(['Exported']);
  });

  it('forks a new tenant from a snapshot of the default tenant', async () => {
    await env.admin.post('/reset', { now: '2026-05-01T00:00:00Z' });
    await env.zuora.post('/v2/accounts', accountBody({ name: 'Seed data' }));
    await env.admin.post('/snapshots', { name: 'seed' });
    await env.admin.post('/tenants', { clientId: 'fork-1', clientSecret: 'f', fromSnapshot: 'seed' });
    const fork = await tenantClient(env.url, 'fork-1', 'f');
    await fork.post('/v2/accounts', accountBody({ name: 'Only in the fork' }));
    const forkNames = (await fork.get('/v2/accounts')).body.data.map((a: { name: string }) => a.name);
    const defaultNames = (await env.zuora.get('/v2/accounts')).body.data.map((a: { name: string }) => a.name);
    expect(forkNames).toEqual(['Seed data', 'Only in the fork']);
    expect(defaultNames).toEqual(['Seed data']);
  });

  it('rejects a malformed snapshot import and an unknown snapshot', async () => {
    expect((await env.admin.put('/snapshots/bad', { objects: {} })).status).toBe(400);
    expect((await env.admin.post('/snapshots/never-saved/restore')).status).toBe(404);
    expect((await env.admin.get('/snapshots/bad')).status).toBe(404);
    expect((await env.admin.post('/snapshots', { name: 'has spaces' })).status).toBe(400);
  });
});

describe('reset and the request journal', () => {
  it('reset empties the tenant and restarts numbering', async () => {
    await env.zuora.post('/v2/accounts', accountBody());
    await env.admin.post('/reset');
    expect((await env.zuora.get('/v2/accounts')).body.data).toEqual([]);
    expect((await env.zuora.post('/v2/accounts', accountBody())).body.account_number).toBe('A00000001');
  });

  it('journals Zuora API calls with method, path, status and request id', async () => {
    await env.admin.post('/reset');
    const created = await env.zuora.post('/v2/accounts', accountBody());
    await env.zuora.get('/v2/accounts/unknown-key');
    const { body } = await env.admin.get('/requests');
    expect(body.data).toEqual([
      expect.objectContaining({ method: 'POST', path: '/v2/accounts', status: 201, requestId: created.headers.get('zuora-request-id') }),
      expect.objectContaining({ method: 'GET', path: '/v2/accounts/unknown-key', status: 404 }),
    ]);
    expect((await env.admin.get('/requests?limit=1')).body.data).toHaveLength(1);
    // A reader that remembers the last call it saw asks only for the calls after it.
    const later = await env.zuora.get('/v2/accounts');
    const after = (await env.admin.get(`/requests?after=${created.headers.get('zuora-request-id')}`)).body.data;
    expect(after.map((entry: { path: string }) => entry.path)).toEqual(['/v2/accounts/unknown-key', '/v2/accounts']);
    expect(after[1]).toMatchObject({ requestId: later.headers.get('zuora-request-id') });
    expect((await env.admin.get(`/requests?after=${later.headers.get('zuora-request-id')}`)).body.data).toEqual([]);
  });

  it('says the emulator is healthy', async () => {
    expect((await env.admin.get('/health')).body).toMatchObject({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), tenants: expect.any(Number), uptime: expect.any(Number) });
  });
});
