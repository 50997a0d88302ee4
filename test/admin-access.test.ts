import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, UnsafeOptionsError, type RunningEmulator } from '../emulator/index.js';
import { accountBody, adminClient, request, useEmulator } from './helpers/emulator.js';
import { useReceiver } from './helpers/receiver.js';

// The control plane (/__emulator/*) can reset, fork and reconfigure a developer's emulator and make it
// call any URL: it answers only to the admin token, never to a page on another site, never reads a
// body it was not told is JSON, and keeps credentials out of what it shows.

const env = useEmulator({ now: '2026-03-01T00:00:00.000Z' });
const receiver = useReceiver();
const admin = (path: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) =>
  request(`${env.url}/__emulator${path}`, method, body, headers);
const bearer = () => ({ Authorization: `Bearer ${env.emulator.adminToken}` });

describe('the admin token', () => {
  it('is required: without it, or with a wrong one, nothing changes and the admin dialect answers 401', async () => {
    const before = (await env.admin.get('/clock')).body.now;
    const attempts: Array<Record<string, string>> = [{}, { Authorization: 'Bearer not-the-token' }, { Authorization: `Basic ${env.emulator.adminToken}` }];
    for (const headers of attempts) {
      const answer = await admin('/clock/advance', 'POST', { by: 'P1D' }, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: { kind: 'Unauthenticated', message: expect.stringContaining('admin token') } });
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await env.admin.get('/clock')).body.now).toBe(before);
  });

  it('is not a tenant OAuth token', async () => {
    const answer = await admin('/tenants', 'GET', undefined, { Authorization: `Bearer ${env.zuora.token}` });
    expect(answer.status).toBe(401);
  });

  it('opens every admin route when sent as a bearer token; health needs none', async () => {
    expect((await admin('/clock', 'GET', undefined, bearer())).status).toBe(200);
    expect(await admin('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('guards forking: an unauthenticated fork creates no tenant', async () => {
    await env.admin.post('/snapshots', { name: 'fork-source' });
    const answer = await admin('/tenants', 'POST', { clientId: 'thief', clientSecret: 'chosen', fromSnapshot: 'fork-source' });
    expect(answer.status).toBe(401);
    const tenants = (await env.admin.get('/tenants')).body.data.map((tenant: { clientId: string }) => tenant.clientId);
    expect(tenants).not.toContain('thief');
  });

  it('guards clock subscribers: without the token no URL is registered or called', async () => {
    const answer = await admin('/clock/subscribers', 'POST', { url: `${receiver.url}/tick` });
    expect(answer.status).toBe(401);
    await env.admin.post('/clock/advance', { by: 'PT1H' });
    expect(receiver.at('/tick')).toHaveLength(0);
  });
});

describe('requests from other sites', () => {
  it('refuses a cross-site Origin or Sec-Fetch-Site: cross-site even with the token, changing nothing', async () => {
    const before = (await env.admin.get('/clock')).body.now;
    const pages: Array<Record<string, string>> = [{ Origin: 'https://evil.example' }, { Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' }];
    for (const headers of pages) {
      const answer = await admin('/clock/advance', 'POST', { by: 'P1D' }, { ...bearer(), ...headers });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatchObject({ kind: 'Forbidden' });
    }
    expect((await env.admin.get('/clock')).body.now).toBe(before);
  });

  it("accepts the emulator's own origin (a page it serves itself)", async () => {
    const own = new URL(env.url);
    const answer = await admin('/clock', 'GET', undefined, { ...bearer(), Origin: own.origin, 'Sec-Fetch-Site': 'same-origin' });
    expect(answer.status).toBe(200);
  });

  it('refuses a text/plain POST (what a page may send without a preflight) with 415, changing nothing', async () => {
    const before = (await env.admin.get('/clock')).body.now;
    const answer = await admin('/clock/advance', 'POST', '{"by":"P1D"}', { ...bearer(), 'content-type': 'text/plain' });
    expect(answer.status).toBe(415);
    expect(answer.body.error).toMatchObject({ kind: 'UnsupportedMediaType', field: 'Content-Type' });
    expect((await env.admin.get('/clock')).body.now).toBe(before);
  });

  it('answers OPTIONS without granting cross-origin access', async () => {
    const response = await fetch(`${env.url}/__emulator/reset`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    await response.arrayBuffer();
    expect(response.status).toBeLessThan(500);
    for (const header of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers']) {
      expect(response.headers.get(header)).toBeNull();
    }
  });
});

describe('JSON bodies on the Zuora API', () => {
  it('are read only when labelled JSON', async () => {
    const answer = await request(`${env.url}/v2/accounts`, 'POST', JSON.stringify(accountBody()), {
      Authorization: `Bearer ${env.zuora.token}`,
      'content-type': 'text/plain',
    });
    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({ type: 'unsupported_media_type', retryable: false });
  });

  it('accept JSON with a charset or a +json type', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/vnd.api+json']) {
      const answer = await request(`${env.url}/v2/accounts`, 'POST', JSON.stringify(accountBody()), {
        Authorization: `Bearer ${env.zuora.token}`,
        'content-type': type,
      });
      expect(answer.status).toBe(201);
    }
  });
});

describe('secrets in admin answers', () => {
  it('keeps callout passwords, HMAC secrets and client secrets out of exports and the journal unless asked with the token', async () => {
    await env.admin.post('/reset', { now: '2026-03-01T00:00:00.000Z' });
    const template = await env.zuora.post('/notifications/callout-templates', {
      name: 'Secret callout',
      eventTypeName: 'SecretEvent',
      calloutBaseurl: `${receiver.url}/secret`,
      httpMethod: 'POST',
      calloutParams: { Id: '<Account.ID>' },
      requiredAuth: true,
      calloutAuth: { username: 'zuora', password: 'pa55-word', preemptive: true },
      hmacAlgorithm: 'SHA-256',
      hmacSecret: 'hmac-shh',
      hmacKey: 'X-Signature',
      active: true,
    });
    expect(template.status).toBe(200);
    await env.admin.post('/tenants', { clientId: 'secret-fork', clientSecret: 'fork-secret-value' });
    await env.admin.post('/snapshots', { name: 'with-secrets' });

    const exported = await env.admin.get('/snapshots/with-secrets');
    const text = JSON.stringify(exported.body);
    expect(text).not.toContain('pa55-word');
    expect(text).not.toContain('hmac-shh');
    expect(text).toContain('[redacted]');
    expect(JSON.stringify((await env.admin.get('/tenants')).body)).not.toContain('fork-secret-value');

    const asked = await env.admin.get('/snapshots/with-secrets?includeSecrets=true');
    expect(JSON.stringify(asked.body)).toContain('pa55-word');
    expect(JSON.stringify(asked.body)).toContain('hmac-shh');
  });

  it('are not shown to an admin-open emulator caller without the token', async () => {
    const open = await startEmulator({ inMemory: true, port: 0, adminOpen: true });
    try {
      await request(`${open.url}/__emulator/snapshots`, 'POST', { name: 's' });
      const answer = await request(`${open.url}/__emulator/snapshots/s?includeSecrets=true`, 'GET');
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(open.credentials.clientSecret);
    } finally {
      await open.close();
    }
  });
});

describe('starting', () => {
  let given: RunningEmulator;
  beforeAll(async () => {
    given = await startEmulator({ inMemory: true, port: 0, adminToken: 'my-admin-token-123' });
  });
  afterAll(async () => {
    await given?.close();
  });

  it('uses the token it is given and returns it', async () => {
    expect(given.adminToken).toBe('my-admin-token-123');
    expect((await adminClient(given.url, undefined, 'my-admin-token-123').get('/clock')).status).toBe(200);
    expect((await adminClient(given.url, undefined, 'other').get('/clock')).status).toBe(401);
  });

  it('generates a fresh token when given none', () => {
    expect(env.emulator.adminToken).toMatch(/^\S{24,}$/);
    expect(env.emulator.adminToken).not.toBe(given.adminToken);
  });

  it('runs admin-open without a token when told', async () => {
    const open = await startEmulator({ inMemory: true, port: 0, adminOpen: true });
    try {
      expect((await request(`${open.url}/__emulator/clock`, 'GET')).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('refuses a host beyond loopback without an admin token, or admin-open', async () => {
    await expect(startEmulator({ inMemory: true, port: 0, host: '0.0.0.0' })).rejects.toBeInstanceOf(UnsafeOptionsError);
    await expect(startEmulator({ inMemory: true, port: 0, host: '0.0.0.0', adminToken: 't0ken', adminOpen: true })).rejects.toBeInstanceOf(UnsafeOptionsError);
  });
});
