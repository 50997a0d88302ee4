import { describe, expect, it } from 'vitest';
import { RateLimitedError, RateLimiter } from '../emulator/http/rateLimits.js';
import { DEFAULT_SETTINGS } from '../emulator/state/settings.js';
import { accountBody, adminClient, tenantClient, useEmulator } from './helpers/emulator.js';

// Zuora limits each tenant's API calls per window and at once, says so on every answer, and answers
// 429 with Retry-After past the limit. The defaults are far above what tests and benches send; a
// tenant setting lowers them so a client's back-off can be exercised.

const env = useEmulator();

describe("Zuora's rate-limit headers", () => {
  it('come on every API answer, success or error, with the default limits', async () => {
    for (const answer of [await env.zuora.get('/v2/accounts'), await env.zuora.get('/v2/accounts/missing'), await env.zuora.get('/v1/accounts/missing')]) {
      expect(answer.headers.get('ratelimit-limit')).toBe(String(DEFAULT_SETTINGS.rateLimits.requestsPerWindow));
      expect(Number(answer.headers.get('ratelimit-remaining'))).toBeGreaterThan(0);
      expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect(answer.headers.get('concurrency-limit-type')).toBe('Default');
      expect(answer.headers.get('concurrency-limit-limit')).toBe(String(DEFAULT_SETTINGS.rateLimits.concurrent));
      expect(answer.headers.get('concurrency-limit-remaining')).not.toBeNull();
    }
  });
});

describe('lowered limits', () => {
  it("answer 429 in each dialect's shape with Retry-After once the window's requests are used, and change nothing", async () => {
    await env.admin.post('/tenants', { clientId: 'limited', clientSecret: 'limited-secret', settings: { rateLimits: { requestsPerWindow: 3, windowSeconds: 600 } } });
    const limited = await tenantClient(env.url, 'limited', 'limited-secret');
    const used = [await limited.get('/v2/accounts'), await limited.get('/v2/accounts'), await limited.post('/v2/accounts', accountBody({ name: 'Third', custom_fields: undefined }))];
    expect(used.map((answer) => answer.status)).toEqual([200, 200, 201]);
    expect(used.map((answer) => answer.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0']);

    const refused = await limited.post('/v2/accounts', accountBody({ name: 'Fourth' }));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ type: 'too_many_requests', errors: [], retryable: true });
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(600);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const v1 = await limited.get('/v1/accounts/A00000001');
    expect(v1.status).toBe(429);
    expect(v1.body).toMatchObject({ success: false, reasons: [{ code: 50000070 }] });

    // The admin API is not Zuora's and is not limited; the refused create left nothing behind.
    const admin = adminClient(env.url, 'limited');
    await admin.patch('/settings', { rateLimits: { requestsPerWindow: 100 } });
    const names = (await limited.get('/v2/accounts')).body.data.map((account: { name: string }) => account.name);
    expect(names).toEqual(['Third']);
  });
});

describe('the limiter', () => {
  const limits = { requestsPerWindow: 5, windowSeconds: 2, concurrent: 2 };

  it('lets a client that honours Retry-After get every request through', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(() => now);
    let done = 0;
    let refusals = 0;
    while (done < 23) {
      try {
        limiter.enter('t', limits).release();
        done += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(RateLimitedError);
        refusals += 1;
        now += (error as RateLimitedError).retryAfterSeconds! * 1000;
      }
    }
    // 23 requests at 5 per window: four full windows and a part, each wait one Retry-After.
    expect(refusals).toBe(4);
  });

  it('counts requests at once against the concurrency limit and frees a slot when one ends', () => {
    const limiter = new RateLimiter(() => 0);
    const generous = { ...limits, requestsPerWindow: 100 };
    const first = limiter.enter('t', generous);
    const second = limiter.enter('t', generous);
    expect(second.headers['Concurrency-Limit-Remaining']).toBe('0');
    expect(() => limiter.enter('t', generous)).toThrow(/Concurrency limit exceeded/);
    // Other tenants have limits of their own.
    limiter.enter('other', generous).release();
    first.release();
    expect(() => limiter.enter('t', generous).release()).not.toThrow();
    second.release();
  });
});
