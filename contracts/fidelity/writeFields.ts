import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { findOfficialSpecDir, parseOfficialSpecs } from '../official/load.js';
import { officialFieldsSource } from './fieldTrees.js';

// `npm run contracts:fields`: writes emulator/api/v1/shapes/officialFields.ts from Zuora's official
// V1 spec. test/contract-fidelity.test.ts fails when the committed file differs from what this writes.

const OFFICIAL_FIELDS_FILE = fileURLToPath(new URL('../../emulator/api/v1/shapes/officialFields.ts', import.meta.url));

const dir = findOfficialSpecDir();
if (!dir) throw new Error("Zuora's official specs were not found (set ZUORA_OPENAPI_DIR to the folder holding zuora_openapi.yaml)");
const { v1 } = await parseOfficialSpecs(dir);
await writeFile(OFFICIAL_FIELDS_FILE, officialFieldsSource(v1.doc));
process.stdout.write(`wrote ${OFFICIAL_FIELDS_FILE}\n`);
