// Write rows as state grows, on a data directory (journal, snapshots, compactions): sign-up orders in
// equal batches until the tenant holds `targetObjects` objects, the worst latency any of them saw on
// the way, orders on an existing account at the start and once past `measureAt` objects, and a
// restart on the grown data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { progress } from '../cli/progress.js';
import { measure, threadsText, type Load, type Measured } from './compare.js';
import { startServer, type BenchServer } from './servers.js';
import { createCatalog, existingAccountOrder, session, signUpOrder, type Catalog, type Session } from './tenant.js';

export interface GrowthSizes {
  batch: number;
  connections: number;
  /** Objects in the tenant at which the existing-account orders are measured again. */
  measureAt: number;
  /** Grow until the tenant holds this many objects. */
  targetObjects: number;
}

export interface Batch extends Measured {
  /** Objects in the data directory's tenants after the batch. */
  objects: number;
}

export interface Growth {
  batches: Batch[];
  signUpsAtStart: Measured;
  signUpsAtSize: Batch;
  existingAtStart: Measured;
  existingAtSize: Measured & { objects: number };
  worstLatencyMs: number;
  restart: { objects: number; readyMs: number; startMs: number; rssBytes: number };
}

const ordered = (body: string): boolean => body.includes('"success":true') && body.includes('"subscriptionNumbers"');

function orders(api: Session, body: Record<string, unknown>, connections: number, amount: number): Load {
  return {
    request: { method: 'POST', path: '/v1/orders', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` }, body: JSON.stringify(body) },
    verifyBody: ordered,
    connections,
    bound: { amount },
  };
}

export async function benchGrowth(sizes: GrowthSizes, log: (line: string) => void): Promise<Growth> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zuora-bench-growth-'));
  let server: BenchServer | undefined = await startServer('emulator', { BENCH_DATA_DIR: dataDir });
  try {
    const api = await session(server);
    const catalog: Catalog = await createCatalog(api);
    const first = (await api.json('POST', '/v1/orders', signUpOrder(catalog))) as { accountNumber: string };
    const signUps = orders(api, signUpOrder(catalog), sizes.connections, sizes.batch);
    const existing = orders(api, existingAccountOrder(catalog, first.accountNumber), sizes.connections, Math.ceil(sizes.batch / 2));
    const batches: Batch[] = [];
    let existingAtStart: Measured | undefined;
    let existingAtSize: (Measured & { objects: number }) | undefined;
    let signUpsAtSize: Batch | undefined;
    const line = progress('bench: objects in the tenant');
    for (;;) {
      const measured = await measure(server, signUps, 'sign-up orders');
      const { objects } = await server.stats();
      const batch = { ...measured, objects };
      batches.push(batch);
      line.update(objects, sizes.targetObjects);
      line.print(() => log(`  ${objects.toLocaleString('en').padStart(8)} objects: ${measured.rps.toFixed(0)} sign-ups/s, p99 ${measured.p99.toFixed(1)} ms, max ${measured.max.toFixed(1)} ms; ${measured.perCpuSecond.toFixed(0)}/CPU-s${threadsText(measured)}`));
      if (!existingAtStart) existingAtStart = await measure(server, existing, 'orders on an existing account');
      if (!existingAtSize && objects >= sizes.measureAt) {
        signUpsAtSize = batch;
        existingAtSize = { ...(await measure(server, existing, 'orders on an existing account')), objects: (await server.stats()).objects };
      }
      if (objects >= sizes.targetObjects && existingAtSize) break;
    }
    line.end();
    const { objects } = await server.stats();
    await server.stop();
    server = undefined;
    const restarted = await startServer('emulator', { BENCH_DATA_DIR: dataDir });
    const restart = { objects, readyMs: restarted.readyMs, startMs: restarted.startMs, rssBytes: (await restarted.stats()).rssBytes };
    await restarted.stop();
    return {
      batches,
      signUpsAtStart: batches[0] as Batch,
      signUpsAtSize: signUpsAtSize as Batch,
      existingAtStart: existingAtStart as Measured,
      existingAtSize: existingAtSize as Measured & { objects: number },
      worstLatencyMs: Math.max(...batches.map((batch) => batch.max)),
      restart,
    };
  } finally {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
