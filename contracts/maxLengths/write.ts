import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ROUTE_TABLES } from '../../emulator/index.js';
import { findOfficialSpecDir, OFFICIAL_SPEC_DIR_ENV, parseOfficialSpecs } from '../official/load.js';
import { extractMaxLengths, renderMaxLengths } from './extract.js';

// `npm run contracts:max-lengths`: writes emulator/http/maxLengths.ts from Zuora's official specs.
// test/max-lengths.test.ts fails when the committed file differs from what this writes.

const MAX_LENGTHS_FILE = fileURLToPath(new URL('../../emulator/http/maxLengths.ts', import.meta.url));

const dir = findOfficialSpecDir();
if (!dir) {
  process.stderr.write(`Zuora's official specs were not found; set ${OFFICIAL_SPEC_DIR_ENV} to the folder holding zuora_openapi.yaml\n`);
  process.exit(2);
}
const facts = extractMaxLengths(await parseOfficialSpecs(dir), ROUTE_TABLES);
await writeFile(MAX_LENGTHS_FILE, renderMaxLengths(facts));
process.stdout.write(`wrote ${MAX_LENGTHS_FILE} (${Object.keys(facts.byEndpoint).length} endpoints, ${Object.keys(facts.byFieldName).length} field names)\n`);
