import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ROUTE_TABLES } from '../../emulator/index.js';
import { coverageMarkdown } from './index.js';
import { whatItAnswers, withWhatItAnswers } from './readme.js';

// `npm run contracts:coverage`: writes contracts/COVERAGE.md and the README's "What it answers"
// table. test/contract-coverage.test.ts fails when either committed file differs from what this writes.

const COVERAGE_FILE = fileURLToPath(new URL('../COVERAGE.md', import.meta.url));
const README_FILE = fileURLToPath(new URL('../../README.md', import.meta.url));

await writeFile(COVERAGE_FILE, await coverageMarkdown());
process.stdout.write(`wrote ${COVERAGE_FILE}\n`);
await writeFile(README_FILE, withWhatItAnswers(await readFile(README_FILE, 'utf8'), whatItAnswers(ROUTE_TABLES)));
process.stdout.write(`wrote the route table into ${README_FILE}\n`);
