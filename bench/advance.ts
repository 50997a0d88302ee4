// Time travel: a year of monthly billing for N subscriptions, each invoice with one usage record and
// one callout to a local receiver, in one `POST /__emulator/clock/advance`; in memory, or on a data
// directory as `zuora-emulator start` keeps state by default.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { startServer } from './servers.js';
import { calloutPerInvoice, createCatalog, session, signUpOrder, type Session } from './tenant.js';

export interface AdvanceRun {
  subscriptions: number;
  /** State kept on a data directory (a fresh temporary one), not in memory. */
  onDisk: boolean;
  wallMs: number;
  cpuSeconds: number;
  jobsRun: number;
  callouts: number;
}

const MONTHS = 12;

/** Runs `work` for each item, `concurrency` at a time. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
}

async function subscribe(api: Session, count: number): Promise<void> {
  const catalog = await createCatalog(api);
  const order = signUpOrder(catalog);
  const usage: { account_number: string; subscription_number: string; start_time: string }[] = [];
  await pool(
    Array.from({ length: count }, (_, index) => index),
    10,
    async () => {
      const placed = (await api.json('POST', '/v1/orders', order)) as { accountNumber: string; subscriptionNumbers: string[] };
      for (let month = 1; month <= MONTHS; month += 1) {
        usage.push({ account_number: placed.accountNumber, subscription_number: placed.subscriptionNumbers[0] as string, start_time: `2026-${String(month).padStart(2, '0')}-15T12:00:00Z` });
      }
    },
  );
  await pool(usage, 10, async (record) => {
    await api.json('POST', '/v2/usage_records', { ...record, quantity: 1000, unit_of_measure: 'call' });
  });
}

export async function benchAdvance(subscriptions: number, onDisk = false): Promise<AdvanceRun> {
  let callouts = 0;
  const receiver = createServer((incoming, response) => {
    incoming.resume();
    incoming.on('end', () => {
      callouts += 1;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const dataDir = onDisk ? await mkdtemp(path.join(os.tmpdir(), 'zuora-emulator-bench-advance-')) : undefined;
  const server = await startServer('emulator', dataDir ? { BENCH_DATA_DIR: dataDir } : {});
  try {
    const api = await session(server);
    await calloutPerInvoice(api, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/invoices`);
    await subscribe(api, subscriptions);
    callouts = 0;
    const cpuBefore = server.cpuSeconds();
    const started = performance.now();
    // A year at a thousand subscriptions may take minutes before the due-job index: no timeout.
    const answer = await request(`${server.url}/__emulator/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken ?? ''}` },
      body: JSON.stringify({ by: 'P1Y' }),
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    const result = (await answer.body.json()) as { jobsRun?: number };
    if (answer.statusCode !== 200) throw new Error(`clock advance answered ${answer.statusCode}: ${JSON.stringify(result)}`);
    return { subscriptions, onDisk, wallMs: performance.now() - started, cpuSeconds: server.cpuSeconds() - cpuBefore, jobsRun: result.jobsRun ?? 0, callouts };
  } finally {
    await server.stop();
    receiver.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}
