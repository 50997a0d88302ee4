import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import { adminClient, tenantClient, useEmulator, type TenantClient } from './helpers/emulator.js';
import { describeOfficial, expectOfficialResponse } from './helpers/officialSpec.js';

const NOW = '2026-03-01T09:30:00.000Z';
const env = useEmulator({ now: NOW });

const PAGE_URI = 'https://sandbox.na.zuora.com/apps/PublicHostedPageLite.do';

interface Signed {
  signature: string;
  token: string;
  tenantId: string;
  key: string;
}

async function creditCardPageId(client: TenantClient): Promise<string> {
  const { body } = await client.get('/v1/hostedpages');
  return body.hostedpages.find((page: { pageType: string }) => page.pageType === 'Credit Card').pageId;
}

/**
 * The documented signed string: Zuora's basic-signature parts, '#'-joined, with the tenant's virtual
 * clock (epoch ms) as the timestamp.
 */
function verifies(signed: Signed, pageId: string, timestampMs: number): boolean {
  const publicKey = createPublicKey({ key: Buffer.from(signed.key, 'base64'), format: 'der', type: 'spki' });
  const data = `${PAGE_URI}#${signed.tenantId}#${signed.token}#${timestampMs}#${pageId}`;
  return verify('sha256', Buffer.from(data), publicKey, Buffer.from(signed.signature, 'base64'));
}

describe('hosted payment pages', () => {
  it('lists a credit card page and an ACH page, both Payment Pages 2.0', async () => {
    const { status, body } = await env.zuora.get('/v1/hostedpages');
    expect(status).toBe(200);
    expect(body).toEqual({
      success: true,
      hostedpages: [
        { pageId: expect.stringMatching(/^[0-9a-f]{32}$/), pageName: 'Credit Card Page', pageType: 'Credit Card', pageVersion: '2' },
        { pageId: expect.stringMatching(/^[0-9a-f]{32}$/), pageName: 'ACH Page', pageType: 'ACH', pageVersion: '2' },
      ],
    });
    expect((await env.zuora.get('/v1/hostedpages?versionNumber=2')).body).toEqual(body);
  });

  it('answers a Payment Pages version the tenant has no pages of with a V1 error', async () => {
    const { status, body } = await env.zuora.get('/v1/hostedpages?versionNumber=1');
    expect(status).toBe(200);
    expect(body).toEqual({
      success: false,
      processId: expect.stringMatching(/^[0-9A-F]{16}$/),
      reasons: [{ code: 50000020, message: expect.stringContaining("'1'") }],
    });
  });
});

describe('RSA signatures for hosted pages', () => {
  it('signs uri#tenantId#token#timestamp#pageId with a key the answer carries', async () => {
    const pageId = await creditCardPageId(env.zuora);
    const { status, body } = await env.zuora.post('/v1/rsa-signatures', {
      uri: PAGE_URI,
      method: 'POST',
      pageId,
      paymentGateway: 'Test Gateway',
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      success: true,
      signature: expect.any(String),
      token: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      tenantId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      key: expect.any(String),
    });
    // The tenant's clock stands still until advanced, so the timestamp signed is the clock's reading.
    const clock = Date.parse((await env.admin.get('/clock')).body.now);
    expect(clock).toBe(Date.parse(NOW));
    expect(verifies(body, pageId, clock)).toBe(true);
    expect(verifies({ ...body, token: 'x'.repeat(32) }, pageId, clock)).toBe(false);
    expect(verifies(body, pageId, clock + 1)).toBe(false);
  });

  it('keeps one key pair per tenant and issues a fresh token each call', async () => {
    const pageId = await creditCardPageId(env.zuora);
    const request = { uri: PAGE_URI, method: 'POST', pageId };
    const first = (await env.zuora.post('/v1/rsa-signatures', request)).body as Signed;
    const second = (await env.zuora.post('/v1/rsa-signatures', request)).body as Signed;
    expect(second.key).toBe(first.key);
    expect(second.tenantId).toBe(first.tenantId);
    expect(second.token).not.toBe(first.token);
    expect(second.signature).not.toBe(first.signature);
  });

  it('gives another tenant its own pages, key and tenant id', async () => {
    await env.admin.post('/tenants', { clientId: 'tenant-hpm', clientSecret: 'hpm-secret' });
    const other = await tenantClient(env.url, 'tenant-hpm', 'hpm-secret');
    const ownPage = await creditCardPageId(env.zuora);
    const otherPage = await creditCardPageId(other);
    expect(otherPage).not.toBe(ownPage);

    const mine = (await env.zuora.post('/v1/rsa-signatures', { uri: PAGE_URI, method: 'POST', pageId: ownPage })).body as Signed;
    const theirs = (await other.post('/v1/rsa-signatures', { uri: PAGE_URI, method: 'POST', pageId: otherPage })).body as Signed;
    expect(theirs.key).not.toBe(mine.key);
    expect(theirs.tenantId).not.toBe(mine.tenantId);
    const clock = Date.parse((await adminClient(env.url, 'tenant-hpm').get('/clock')).body.now);
    expect(verifies(theirs, otherPage, clock)).toBe(true);

    // A page of one tenant is unknown to another.
    const crossed = await other.post('/v1/rsa-signatures', { uri: PAGE_URI, method: 'POST', pageId: ownPage });
    expect(crossed.body).toMatchObject({ success: false, reasons: [{ code: 50000020 }] });
  });

  it('keeps the key pair in snapshots: reset makes a new one, restore brings the old one back', async () => {
    const pageId = await creditCardPageId(env.zuora);
    const request = { uri: PAGE_URI, method: 'POST', pageId };
    const before = (await env.zuora.post('/v1/rsa-signatures', request)).body as Signed;
    await env.admin.post('/snapshots', { name: 'hpm-keys' });
    await env.admin.post('/reset', { now: NOW });
    const afterReset = (await env.zuora.post('/v1/rsa-signatures', request)).body as Signed;
    expect(afterReset.key).not.toBe(before.key);
    await env.admin.post('/snapshots/hpm-keys/restore');
    expect((await env.zuora.post('/v1/rsa-signatures', request)).body.key).toBe(before.key);
  });
});

describe('bad RSA signature requests', () => {
  it('answers an unknown page id with success:false and an invalid-value code', async () => {
    const { status, body } = await env.zuora.post('/v1/rsa-signatures', { uri: PAGE_URI, method: 'POST', pageId: 'f'.repeat(32) });
    expect(status).toBe(200);
    expect(body).toEqual({
      success: false,
      processId: expect.stringMatching(/^[0-9A-F]{16}$/),
      reasons: [{ code: 50000020, message: expect.stringContaining('f'.repeat(32)) }],
    });
  });

  const cases: Array<[string, Record<string, unknown>, number, string]> = [
    ['no uri', { method: 'POST', pageId: 'p' }, 50000022, 'uri'],
    ['no method', { uri: PAGE_URI, pageId: 'p' }, 50000022, 'method'],
    ['no page id', { uri: PAGE_URI, method: 'POST' }, 50000022, 'pageId'],
    ['a method other than POST', { uri: PAGE_URI, method: 'GET', pageId: 'p' }, 50000020, 'method'],
    ['a page id that is not a string', { uri: PAGE_URI, method: 'POST', pageId: 7 }, 50000020, 'pageId'],
  ];

  it.each(cases)('answers %s in the V1 error shape', async (_label, request, code, field) => {
    const { status, body } = await env.zuora.post('/v1/rsa-signatures', request);
    expect(status).toBe(200);
    expect(body).toEqual({
      success: false,
      processId: expect.stringMatching(/^[0-9A-F]{16}$/),
      reasons: [{ code, message: expect.stringContaining(field) }],
    });
  });
});

describe('hosted page keys across restarts', () => {
  it('signs with the same key after the emulator restarts on the same data dir', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'zuora-emulator-hpm-'));
    try {
      const keyOf = async (): Promise<string> => {
        const emulator = await startEmulator({ dataDir, port: 0 });
        try {
          const { clientId, clientSecret } = emulator.credentials;
          const client = await tenantClient(emulator.url, clientId, clientSecret);
          const pageId = await creditCardPageId(client);
          return (await client.post('/v1/rsa-signatures', { uri: PAGE_URI, method: 'POST', pageId })).body.key as string;
        } finally {
          await emulator.close();
        }
      };
      expect(await keyOf()).toBe(await keyOf());
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describeOfficial("hosted page bodies match Zuora's official spec", () => {
  it('validates the page list and the signature answer', async () => {
    const list = await env.zuora.get('/v1/hostedpages');
    await expectOfficialResponse('v1', 'GET', '/v1/hostedpages', 200, list.body);
    const pageId = list.body.hostedpages[0].pageId as string;
    const signed = await env.zuora.post('/v1/rsa-signatures', { uri: PAGE_URI, method: 'POST', pageId });
    await expectOfficialResponse('v1', 'POST', '/v1/rsa-signatures', 200, signed.body);
  });
});
