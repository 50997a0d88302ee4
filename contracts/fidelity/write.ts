import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fidelityMarkdown } from './markdown.js';

// `npm run contracts:fidelity`: writes contracts/FIDELITY.md. test/contract-fidelity.test.ts fails
// when the committed file differs from what this writes.

const FIDELITY_FILE = fileURLToPath(new URL('../FIDELITY.md', import.meta.url));

await writeFile(FIDELITY_FILE, fidelityMarkdown());
process.stdout.write(`wrote ${FIDELITY_FILE}\n`);
