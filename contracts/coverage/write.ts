import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { coverageMarkdown } from './index.js';

// `npm run contracts:coverage`: writes contracts/COVERAGE.md. test/contract-coverage.test.ts
// fails when the committed file differs from what this writes.

const COVERAGE_FILE = fileURLToPath(new URL('../COVERAGE.md', import.meta.url));

await writeFile(COVERAGE_FILE, await coverageMarkdown());
process.stdout.write(`wrote ${COVERAGE_FILE}\n`);
