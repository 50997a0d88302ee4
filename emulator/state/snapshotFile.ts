import { open, rename } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Collection, StateDocument, TenantData } from './document.js';

/**
 * How long writing the snapshot may hold the event loop at a time. Kept short because a request
 * passes through the loop several times (its body, its commit, the journal's write and fsync, its
 * answer) and waits for a slice at each pass.
 */
const SLICE_MS = 1;
/** Pieces written between two looks at the clock (a look costs more than a piece). */
const PIECES_PER_LOOK = 16;
const CHUNK_BYTES = 256 * 1024;

/** A collection's ids, read lazily: a large collection's keys are not listed all at once on the event loop. */
export type IdsOf = (tenant: string, object: string, records: Collection) => Iterable<string>;

/**
 * Writes the document as the data directory's JSON snapshot: to a temporary file, fsynced, then
 * renamed over the old one, so a crash leaves either snapshot whole. Serialised record by record,
 * yielding to the event loop every millisecond, so a large state never stalls requests. Compact
 * JSON with one record per line keeps the file small, readable and its diffs small. Returns its size
 * in bytes. `idsOf` gives the live tenants' ids (the store's stored-order index); named snapshots,
 * which never change, list their keys.
 *
 * The document is read live, with no copy taken first: commits that land while it is written may
 * or may not be in the file (a fuzzy checkpoint). That is sound because the journal written since
 * the write began is replayed over the file on load, and replaying an op sets its path to the
 * value it had at that commit, so every path changed meanwhile ends as the journal says and every
 * other path is as the file has it. Records are replaced, never changed in place, so each record in
 * the file is whole; one deleted meanwhile is left out (one deleted and stored again meanwhile may be
 * written twice: JSON.parse keeps the later, and the journal has its final value anyway).
 */
export async function writeSnapshotFile(file: string, doc: StateDocument, idsOf: IdsOf): Promise<number> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w');
  let bytes = 0;
  try {
    // Pieces are encoded straight into one chunk, written whenever the next piece might not fit and
    // then filled again: no joined string to flatten, and no copy of each chunk's bytes to write.
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let used = 0;
    const writeOut = async (bytesOf: Buffer, length: number): Promise<void> => {
      for (let offset = 0; offset < length; ) offset += (await handle.write(bytesOf, offset, length - offset)).bytesWritten;
      bytes += length;
    };
    let pieces = 0;
    let sliceStarted = performance.now();
    for (const piece of documentText(doc, idsOf)) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (used + piece.length * 3 > CHUNK_BYTES) {
        await writeOut(chunk, used);
        used = 0;
        sliceStarted = performance.now();
      }
      if (piece.length * 3 > CHUNK_BYTES) {
        const large = Buffer.from(piece);
        await writeOut(large, large.length);
      } else used += chunk.write(piece, used);
      pieces += 1;
      if (pieces % PIECES_PER_LOOK === 0 && performance.now() - sliceStarted > SLICE_MS) {
        await nextTurn();
        sliceStarted = performance.now();
      }
    }
    await writeOut(chunk, used);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  return bytes;
}

/** The snapshot's text, a record at a time, read from live memory as the writer goes. */
function* documentText(doc: StateDocument, idsOf: IdsOf): Generator<string> {
  yield `{"version":${JSON.stringify(doc.version)},"tokenSecret":${JSON.stringify(doc.tokenSecret)},\n"tenants":`;
  yield* tenantsText(doc.tenants, idsOf);
  yield ',\n"snapshots":{';
  let first = true;
  for (const owner of Object.keys(doc.snapshots)) {
    yield `${first ? '' : ','}\n${JSON.stringify(owner)}:`;
    yield* tenantsText(doc.snapshots[owner] ?? {}, (_tenant, _object, records) => Object.keys(records));
    first = false;
  }
  yield '}}\n';
}

function* tenantsText(tenants: Readonly<Record<string, TenantData>>, idsOf: IdsOf): Generator<string> {
  yield '{';
  let firstTenant = true;
  for (const key of Object.keys(tenants)) {
    const data = tenants[key];
    if (!data) continue;
    yield `${firstTenant ? '' : ','}\n${JSON.stringify(key)}:{"meta":${JSON.stringify(data.meta)},\n"objects":{`;
    firstTenant = false;
    let firstObject = true;
    for (const name of Object.keys(data.objects)) {
      const records = data.objects[name] as Collection;
      yield `${firstObject ? '' : ','}\n${JSON.stringify(name)}:{`;
      firstObject = false;
      let first = true;
      for (const id of idsOf(key, name, records)) {
        const record = records[id];
        if (!record) continue;
        yield `${first ? '' : ','}\n${JSON.stringify(id)}:${JSON.stringify(record)}`;
        first = false;
      }
      yield '}';
    }
    yield '}}';
  }
  yield '}';
}
