import { describe, expect, it } from 'vitest';
import { adminClient, useEmulator } from './helpers/emulator.js';

const env = useEmulator();

describe('tenant settings', () => {
  it('answers the defaults for a tenant that changed none', async () => {
    const { status, body } = await env.admin.get('/settings');
    expect(status).toBe(200);
    expect(body).toMatchObject({ billRunTime: '00:00', timeZone: 'UTC', customFields: 'strict', lockContention: 'off' });
    expect(body.rateLimits.requestsPerWindow).toBeGreaterThan(0);
  });

  it('changes some settings and keeps the rest, per tenant', async () => {
    await env.admin.post('/tenants', { clientId: 'settings-a', clientSecret: 's' });
    const admin = adminClient(env.url, 'settings-a');
    const patched = await admin.patch('/settings', { billRunTime: '01:00', rateLimits: { requestsPerWindow: 5 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ billRunTime: '01:00', customFields: 'strict' });
    expect(patched.body.rateLimits).toMatchObject({ requestsPerWindow: 5, windowSeconds: 60 });
    expect((await admin.get('/settings')).body.billRunTime).toBe('01:00');
    // The default tenant is untouched.
    expect((await env.admin.get('/settings')).body.billRunTime).toBe('00:00');
  });

  it('takes settings at tenant creation', async () => {
    await env.admin.post('/tenants', { clientId: 'settings-b', clientSecret: 's', settings: { customFields: 'lenient' } });
    expect((await adminClient(env.url, 'settings-b').get('/settings')).body.customFields).toBe('lenient');
  });

  it('refuses bad values without changing anything', async () => {
    for (const bad of [{ billRunTime: '25:00' }, { timeZone: 'Mars/Olympus' }, { customFields: 'loose' }, { nope: 1 }]) {
      const { status, body } = await env.admin.patch('/settings', bad);
      expect(status, JSON.stringify(bad)).toBe(400);
      expect(body).toBeTypeOf('object');
    }
    expect((await env.admin.get('/settings')).body).toMatchObject({ billRunTime: '00:00', timeZone: 'UTC', customFields: 'strict' });
  });
});
