import { mkdir, writeFile } from 'node:fs/promises';
import { buildSubsetDocuments } from './document.js';
import type { SubsetDocumentName } from './endpoints/index.js';
import { SUBSET_DIR, subsetFile, toYaml } from './files.js';

// `npm run contracts:build`: writes contracts/openapi/{v1,quickstart,admin}.yaml from the route
// tables and contracts/subset/. test/contract-subset.test.ts fails when the committed files differ.

const documents = buildSubsetDocuments();
await mkdir(SUBSET_DIR, { recursive: true });
for (const name of Object.keys(documents) as SubsetDocumentName[]) {
  await writeFile(subsetFile(name), toYaml(documents[name]));
  const operations = Object.values(documents[name].paths).reduce((count, item) => count + Object.keys(item ?? {}).length, 0);
  process.stdout.write(`wrote ${subsetFile(name)} (${operations} operations)\n`);
}
