// `npm run bench:soak`: 20,000 mixed Zuora API requests at concurrency 50 against an emulator with a
// data directory (durable journal, background snapshots), while another tenant advances its clock
// over years. Reports latency percentiles, the event loop's delay (how long any one piece of work
// held it) and the answers by status; fails when any answer is a 5xx. Run on request, not in CI.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { request } from 'undici';
import { progress } from '../cli/progress.js';
import { startEmulator } from '../emulator/index.js';

const TOTAL = Number(process.env.SOAK_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 50);

const dataDir = await mkdtemp(path.join(tmpdir(), 'zuora-emulator-soak-'));
const emulator = await startEmulator({ dataDir, port: 0, host: '127.0.0.1', now: '2026-01-01T00:00:00.000Z' });
const base = emulator.url;
const admin = { authorization: `Bearer ${emulator.adminToken}`, 'content-type': 'application/json' };

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: any }> {
  const answer = await request(base + url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await answer.body.text();
  return { status: answer.statusCode, json: text ? JSON.parse(text) : undefined };
}

const tokenAnswer = await request(`${base}/oauth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret, grant_type: 'client_credentials' }).toString(),
});
const token = ((await tokenAnswer.body.json()) as { access_token: string }).access_token;
const api = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const account = (name: string) => ({
  name,
  currency: 'USD',
  bill_cycle_day: 1,
  bill_to: { first_name: 'Soak', last_name: 'Test' },
  custom_fields: { stiggCustomerId__c: name },
});

// A second tenant whose clock moves over years while the load runs: its jobs must not stall the rest.
await call('POST', '/__emulator/tenants', admin, { clientId: 'soak-clock', clientSecret: 'soak-clock-secret', now: '2026-01-01T00:00:00.000Z' });
const seeded: string[] = [];
for (let index = 0; index < 50; index += 1) seeded.push((await call('POST', '/v2/accounts', api, account(`Seed ${index}`))).json.id as string);

const latencies: number[] = [];
const statuses = new Map<number, number>();
const mix = (index: number): Promise<{ status: number }> => {
  const id = seeded[index % seeded.length] as string;
  switch (index % 10) {
    case 0:
    case 1:
    case 2:
      return call('POST', '/v2/accounts', { ...api, 'idempotency-key': `soak-${index}` }, account(`Soak ${index}`));
    case 3:
    case 4:
      return call('PATCH', `/v2/accounts/${id}`, api, { name: `Renamed ${index}` });
    case 5:
    case 6:
      return call('GET', '/v2/accounts?page_size=20', api);
    case 7:
      return call('GET', `/v1/accounts/${id}`, api);
    default:
      return call('GET', `/v2/accounts/${id}`, api);
  }
};

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const clockAdvance = call('POST', '/__emulator/clock/advance', { ...admin, 'x-emulator-tenant': 'soak-clock' }, { by: 'P5Y' });
const started = performance.now();
const counter = progress('soak: requests');
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < TOTAL) {
      const index = next;
      next += 1;
      const sent = performance.now();
      const { status } = await mix(index);
      latencies.push(performance.now() - sent);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (latencies.length % 250 === 0) counter.update(latencies.length, TOTAL);
    }
  }),
);
counter.end();
const seconds = (performance.now() - started) / 1000;
await clockAdvance;
loop.disable();

const sorted = Float64Array.from(latencies).sort();
const at = (share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const stats = emulator.services.store.stats();
console.log(`soak: ${latencies.length} requests at concurrency ${CONCURRENCY} in ${seconds.toFixed(1)} s (${(latencies.length / seconds).toFixed(0)}/s), data directory ${dataDir}`);
console.log(`latency: p50 ${ms(at(0.5))}, p99 ${ms(at(0.99))}, max ${ms(sorted.at(-1) ?? 0)}`);
console.log(`event-loop delay: p50 ${ms(loop.percentile(50) / 1e6)}, p99 ${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`);
console.log(`journal: ${stats.commits} commits in ${stats.flushes} fsyncs, ${stats.compactions} snapshots written`);
console.log(`answers: ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ')}`);
await emulator.close();
await rm(dataDir, { recursive: true, force: true });
const serverErrors = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
if (serverErrors > 0) {
  console.error(`!!! SOAK FAILED: ${serverErrors} answers with a 5xx status`);
  process.exitCode = 1;
}
