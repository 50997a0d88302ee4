import { open, rename } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Collection, StateDocument, TenantData } from './document.js';

/** How long writing the snapshot may hold the event loop before it lets requests through. */
const SLICE_MS = 5;
const CHUNK_BYTES = 256 * 1024;

/**
 * Writes the document as the data directory's JSON snapshot: to a temporary file, fsynced, then
 * renamed over the old one, so a crash leaves either snapshot whole. Serialised record by record,
 * yielding to the event loop every few milliseconds, so a large state never stalls requests.
 * One record per line keeps the file readable and its diffs small. Returns its size in bytes.
 *
 * The document is read live, with no copy taken first: commits that land while it is written may
 * or may not be in the file (a fuzzy checkpoint). That is sound because the journal written since
 * the write began is replayed over the file on load, and replaying an op sets its path to the
 * value it had at that commit, so every path changed meanwhile ends as the journal says and every
 * other path is as the file has it. Records are frozen and replaced, never changed in place, so
 * each record in the file is whole; one deleted meanwhile is left out.
 */
export async function writeSnapshotFile(file: string, doc: StateDocument): Promise<number> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w');
  let bytes = 0;
  try {
    let buffer = '';
    let sliceStarted = performance.now();
    const put = async (text: string): Promise<void> => {
      buffer += text;
      if (buffer.length >= CHUNK_BYTES) {
        await handle.write(buffer);
        bytes += Buffer.byteLength(buffer);
        buffer = '';
      }
      if (performance.now() - sliceStarted > SLICE_MS) {
        await nextTurn();
        sliceStarted = performance.now();
      }
    };
    const putTenants = async (tenants: Readonly<Record<string, TenantData>>, indent: string): Promise<void> => {
      const keys = Object.keys(tenants);
      await put('{');
      let firstTenant = true;
      for (const key of keys) {
        const data = tenants[key];
        if (!data) continue;
        await put(`${firstTenant ? '' : ','}\n${indent}  ${JSON.stringify(key)}: {\n${indent}    "meta": ${JSON.stringify(data.meta)},\n${indent}    "objects": {`);
        firstTenant = false;
        const names = Object.keys(data.objects);
        for (const [position, name] of names.entries()) {
          await put(`${position ? ',' : ''}\n${indent}      ${JSON.stringify(name)}: {`);
          const records = data.objects[name] as Collection;
          let first = true;
          for (const id of Object.keys(records)) {
            const record = records[id];
            if (!record) continue;
            await put(`${first ? '' : ','}\n${indent}        ${JSON.stringify(id)}: ${JSON.stringify(record)}`);
            first = false;
          }
          await put(`${first ? '' : `\n${indent}      `}}`);
        }
        await put(`${names.length ? `\n${indent}    ` : ''}}\n${indent}  }`);
      }
      await put(`${firstTenant ? '' : `\n${indent}`}}`);
    };
    await put(`{\n  "version": ${JSON.stringify(doc.version)},\n  "tokenSecret": ${JSON.stringify(doc.tokenSecret)},\n  "tenants": `);
    await putTenants(doc.tenants, '  ');
    await put(',\n  "snapshots": {');
    const owners = Object.keys(doc.snapshots);
    for (const [index, owner] of owners.entries()) {
      await put(`${index ? ',' : ''}\n    ${JSON.stringify(owner)}: `);
      await putTenants(doc.snapshots[owner] ?? {}, '    ');
    }
    await put(`${owners.length ? '\n  ' : ''}}\n}\n`);
    await handle.write(buffer);
    bytes += Buffer.byteLength(buffer);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  return bytes;
}
