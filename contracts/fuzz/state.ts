import { createHash } from 'node:crypto';
import type { TargetClient } from '../http/client.js';

/**
 * What "state unchanged" compares: every stored object of the tenant, from the emulator's snapshot
 * export (`POST /__emulator/snapshots` then `GET /__emulator/snapshots/{name}`), record by record.
 * Left out: the callout journal (`_callouts`), which the dispatcher writes in the background after
 * earlier accepted writes raised events, so it may move during any later call; and the id counters
 * and clock in `meta`, which no rejected write should touch but which the journal also bumps.
 * Against a target that is not this emulator there is no cheap whole-state read, so the check is
 * skipped there (the report says so).
 */
export interface Fingerprint {
  digest: string;
  /** `Collection/id` -> the record's JSON. */
  records: Map<string, string>;
}

const BACKGROUND_COLLECTIONS = new Set(['_callouts']);
const PROBE_SNAPSHOT = 'zemu-fuzz-probe';

export async function takeFingerprint(target: TargetClient): Promise<Fingerprint> {
  const saved = await target.admin('POST', '/snapshots', { name: PROBE_SNAPSHOT });
  if (saved.status !== 201) throw new Error(`could not snapshot the emulator's state: ${saved.status} ${JSON.stringify(saved.body)}`);
  const exported = await target.admin('GET', `/snapshots/${PROBE_SNAPSHOT}`);
  const objects = (exported.body as { objects?: Record<string, Record<string, unknown>> } | undefined)?.objects ?? {};
  const records = new Map<string, string>();
  const hash = createHash('sha256');
  for (const collection of Object.keys(objects).sort()) {
    if (BACKGROUND_COLLECTIONS.has(collection)) continue;
    for (const [id, record] of Object.entries(objects[collection] ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const json = JSON.stringify(record);
      records.set(`${collection}/${id}`, json);
      hash.update(`${collection}/${id}=${json}\n`);
    }
  }
  return { digest: hash.digest('hex'), records };
}

/** What differs between two fingerprints, e.g. `Account/8a... changed`, `Order/... added`. */
export function describeChange(before: Fingerprint, after: Fingerprint, limit = 5): string[] {
  const changes: string[] = [];
  for (const [key, json] of after.records) {
    if (!before.records.has(key)) changes.push(`${key} added`);
    else if (before.records.get(key) !== json) changes.push(`${key} changed`);
  }
  for (const key of before.records.keys()) if (!after.records.has(key)) changes.push(`${key} removed`);
  return changes.length > limit ? [...changes.slice(0, limit), `(+${changes.length - limit} more)`] : changes;
}
