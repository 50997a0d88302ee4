import { afterEach, describe, expect, it } from 'vitest';
import { answerLocally, request, type LocalRequest } from '../sync/httpClient.js';
import { ZuoraClient } from '../sync/zuora/client.js';
import { ZuoraError } from '../sync/zuora/errors.js';
import { createCustomer, useEmulator } from './helpers/emulator.js';

// Under `zuora-emulator start` the bundled sync engine runs in the emulator's process, and its reads
// of the tenant (an invoice and its items for every invoice callout) are answered there without HTTP:
// the emulator's answerInProcess runs the route's own pipeline, and the engine's HTTP client offers
// each request to it first. A read must come back as it would over HTTP, and be logged as one.

const context = useEmulator();

/** The tenant's request log, as method, path and status, from entry `after` on. */
async function logged(after: number): Promise<Array<{ method: string; path: string; status: number }>> {
  const { body } = await context.admin.get('/requests');
  return (body.data as Array<{ method: string; path: string; status: number }>).slice(after).map(({ method, path, status }) => ({ method, path, status }));
}

const logLength = async (): Promise<number> => ((await context.admin.get('/requests')).body.data as unknown[]).length;

/** The same read through the emulator's in-process answer, as the engine's client sends it. */
function readInProcess(url: string, token: string, headers: Record<string, string> = {}) {
  const host = new URL(context.emulator.url).host;
  return context.emulator.answerInProcess({ method: 'GET', url, headers: { host, accept: 'application/json', authorization: `Bearer ${token}`, ...headers, connection: 'keep-alive' } });
}

describe('reads answered in process', () => {
  it('answers a read with the status and body HTTP gives, and logs it as HTTP does', async () => {
    const customer = await createCustomer(context.zuora, '4242424242424242');
    const reads = [
      `/v2/accounts/${customer.id}`,
      `/v1/accounts/${customer.number}`,
      `/v1/accounts/${customer.number}/summary`,
      '/v1/object/invoice/00000000000000000000000000000000',
      `/v1/subscriptions/accounts/${customer.number}?page=1&pageSize=5`,
    ];
    for (const url of reads) {
      const before = await logLength();
      const overHttp = await context.zuora.get(url);
      const inProcess = await readInProcess(url, context.zuora.token);
      expect(inProcess, url).toBeDefined();
      expect(inProcess?.status, url).toBe(overHttp.status);
      expect(JSON.parse(inProcess?.text ?? ''), url).toEqual(overHttp.body);
      const entries = await logged(before);
      expect(entries, url).toEqual([entries[0], entries[0]]);
      expect(entries[0], url).toEqual({ method: 'GET', path: url, status: overHttp.status });
    }
  });

  it('refuses a read without a valid token as HTTP does', async () => {
    const overHttp = await context.zuora.get('/v2/accounts/nobody', { Authorization: 'Bearer not-a-token' });
    const inProcess = await readInProcess('/v2/accounts/nobody', 'not-a-token');
    expect(overHttp.status).toBe(401);
    expect(inProcess?.status).toBe(401);
    expect(JSON.parse(inProcess?.text ?? '')).toEqual(overHttp.body);
  });

  it('leaves writes, bodies, the admin API and unknown paths to HTTP, without logging them', async () => {
    const before = await logLength();
    const host = new URL(context.emulator.url).host;
    const headers = { host, authorization: `Bearer ${context.zuora.token}`, 'content-type': 'application/json' };
    const left: LocalRequest[] = [
      { method: 'POST', url: '/v2/accounts', headers, body: '{}' },
      { method: 'GET', url: '/v2/accounts/x', headers, body: '{}' },
      { method: 'GET', url: '/__emulator/clock', headers },
      { method: 'GET', url: '/no/such/endpoint', headers },
    ];
    for (const call of left) expect(await context.emulator.answerInProcess(call), `${call.method} ${call.url}`).toBeUndefined();
    expect(await logLength()).toBe(before);
  });
});

describe("the engine's HTTP client with a server in its process", () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('offers each request to the local server first, and goes over HTTP for what it leaves', async () => {
    const offered: LocalRequest[] = [];
    stop = answerLocally(context.emulator.url, (call) => {
      offered.push(call);
      return context.emulator.answerInProcess(call);
    });
    const { clientId, clientSecret } = context.emulator.credentials;
    const client = new ZuoraClient({ baseUrl: context.emulator.url, clientId, clientSecret });
    const customer = await createCustomer(context.zuora);
    const account = await client.getAccount(customer.id);
    expect(account.account_number).toBe(customer.number);
    await expect(client.getInvoice('00000000000000000000000000000000')).rejects.toBeInstanceOf(ZuoraError);
    // The token (a POST) went over HTTP; the reads were offered, as a server reads them.
    expect(offered.map((call) => `${call.method} ${call.url}`)).toEqual(['POST /oauth/token', `GET /v2/accounts/${customer.id}`, 'GET /v1/object/invoice/00000000000000000000000000000000']);
    expect(offered[1]?.headers).toMatchObject({ host: new URL(context.emulator.url).host, accept: 'application/json', connection: 'keep-alive' });
    expect(offered[1]?.headers.authorization).toMatch(/^Bearer /);
  });

  it('goes over HTTP again once the local server is withdrawn', async () => {
    let offered = 0;
    stop = answerLocally(context.emulator.url, async () => {
      offered += 1;
      return { status: 599, text: 'answered locally' };
    });
    const local = await request(`${context.emulator.url}/__emulator/health`, { method: 'GET', headers: {}, timeoutMs: 5000 });
    expect(local).toEqual({ status: 599, text: 'answered locally' });
    stop();
    stop = undefined;
    const remote = await request(`${context.emulator.url}/__emulator/health`, { method: 'GET', headers: {}, timeoutMs: 5000 });
    expect(remote.status).toBe(200);
    expect(offered).toBe(1);
  });
});
