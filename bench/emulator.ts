import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';

export type StoreKind = 'durable' | 'memory';

export interface StoreStats {
  commits: number;
  flushes: number;
  compactions: number;
  journalBytes: number;
}

export interface BenchEmulator {
  kind: StoreKind;
  url: string;
  /** A bearer token for the default tenant, fetched once so write and read loads skip OAuth. */
  token: string;
  emulator: RunningEmulator;
  stats(): StoreStats;
  /** Stops the emulator and removes its temp data dir. */
  close(): Promise<void>;
}

/** The fixed create body; Zuora does not need account names to be unique. */
export const ACCOUNT_BODY = JSON.stringify({
  name: 'Bench Account',
  currency: 'USD',
  bill_to: { first_name: 'Bench', last_name: 'User' },
});

export function tokenForm(emulator: RunningEmulator): string {
  return new URLSearchParams({
    client_id: emulator.credentials.clientId,
    client_secret: emulator.credentials.clientSecret,
    grant_type: 'client_credentials',
  }).toString();
}

/** A fresh emulator; the durable kind gets its own temp data dir so runs never see old state. */
export async function startBenchEmulator(kind: StoreKind): Promise<BenchEmulator> {
  const dataDir = kind === 'durable' ? await mkdtemp(path.join(os.tmpdir(), 'zuora-bench-')) : undefined;
  const emulator = await startEmulator(dataDir ? { dataDir, port: 0, host: '127.0.0.1' } : { inMemory: true, port: 0, host: '127.0.0.1' });
  try {
    const token = await fetchToken(emulator);
    return {
      kind,
      url: emulator.url,
      token,
      emulator,
      stats: () => emulator.services.store.stats(),
      close: async () => {
        await emulator.close();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await emulator.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function fetchToken(emulator: RunningEmulator): Promise<string> {
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenForm(emulator),
  });
  if (!response.ok) throw new Error(`POST /oauth/token answered ${response.status}`);
  const { access_token } = (await response.json()) as { access_token: string };
  return access_token;
}

export interface CreatedAccount {
  id: string;
  accountNumber: string;
}

/** Creates `count` accounts over plain fetch, `concurrency` at a time, so the read loads have real ids. */
export async function seedAccounts(bench: BenchEmulator, count: number, concurrency = 20): Promise<CreatedAccount[]> {
  const created: CreatedAccount[] = [];
  let remaining = count;
  const worker = async (): Promise<void> => {
    while (remaining > 0) {
      remaining -= 1;
      const response = await fetch(`${bench.url}/v2/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bench.token}` },
        body: ACCOUNT_BODY,
      });
      if (response.status !== 201) throw new Error(`seeding: POST /v2/accounts answered ${response.status}: ${await response.text()}`);
      const { id, account_number } = (await response.json()) as { id: string; account_number: string };
      created.push({ id, accountNumber: account_number });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return created;
}

export function statsDelta(before: StoreStats, after: StoreStats): StoreStats {
  return {
    commits: after.commits - before.commits,
    flushes: after.flushes - before.flushes,
    compactions: after.compactions - before.compactions,
    // Bytes are a level, not a counter: the journal shrinks on compaction.
    journalBytes: after.journalBytes,
  };
}
