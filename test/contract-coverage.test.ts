import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ROUTE_TABLES } from '../emulator/index.js';
import { buildCoverage, coverageMarkdown, renderCoverage } from '../contracts/coverage/index.js';
import { readList } from '../contracts/coverage/sources.js';
import { SEED_ENDPOINTS } from '../contracts/subset/seeds.js';
import { whatItAnswers, withWhatItAnswers } from '../contracts/coverage/readme.js';

// contracts/COVERAGE.md: endpoint x implemented x validated by a contract suite x fuzzed, from the
// route tables and the lists the suites and the fuzzer export.

const COVERAGE_FILE = new URL('../contracts/COVERAGE.md', import.meta.url);
const row = (method: string, path: string) => `| \`${method} ${path}\` |`;

describe('the coverage table', () => {
  it('lists every seed endpoint and every route the emulator serves', async () => {
    const markdown = await coverageMarkdown();
    for (const seed of SEED_ENDPOINTS) expect(markdown, `${seed.method} ${seed.path}`).toContain(`${row(seed.method, seed.path)} ${seed.name} | ✓ |`);
    for (const route of ROUTE_TABLES.flatMap((table) => table.routes)) expect(markdown).toContain(row(route.method, route.path));
  });

  it("keeps the README's route table as generated from the route tables", async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme, "README.md's What it answers table is out of date: run npm run contracts:coverage").toBe(withWhatItAnswers(readme, whatItAnswers(ROUTE_TABLES)));
    for (const route of ROUTE_TABLES.flatMap((table) => table.routes)) expect(readme).toContain(`\`${route.method} ${route.path.replace(/:([A-Za-z_]+)/g, '{$1}')}\``);
  });

  it('lists the suites that call each endpoint beyond the seeds', async () => {
    const markdown = await coverageMarkdown();
    expect(markdown).toContain('## Beyond the seeds: the other Zuora endpoints the emulator serves');
    expect(markdown).toContain(`${row('POST', '/v1/action/query')} queries | ✓ | ✓ | ✓ |`);
    expect(markdown).toContain(`${row('GET', '/object-query/accounts')} queries | ✓ | ✓ | — |`);
  });

  it('is committed as generated', async () => {
    const committed = await readFile(COVERAGE_FILE, 'utf8').catch(() => '');
    expect(committed, 'contracts/COVERAGE.md is out of date: run npm run contracts:coverage').toBe(await coverageMarkdown());
  });

  it('says "not yet" for a list that does not exist, rather than ticking or crossing', async () => {
    const missing = await readList({ module: '../no-such-folder/index', exportName: 'SUITE_ENDPOINTS' });
    expect(missing).toEqual({ status: 'not yet', reason: 'contracts/no-such-folder/index.ts does not exist yet' });
    const coverage = buildCoverage({ tables: ROUTE_TABLES, suites: missing, fuzzed: { status: 'ready', endpoints: [{ method: 'POST', path: '/v2/accounts' }] } });
    const seeds = coverage.sections[0]?.rows ?? [];
    expect(seeds.every((seed) => seed.suite === 'not yet')).toBe(true);
    expect(seeds.find((seed) => seed.path === '/v2/accounts' && seed.method === 'POST')?.fuzzed).toBe('yes');
    const markdown = renderCoverage(coverage);
    expect(markdown).toContain('> Not yet: contracts/no-such-folder/index.ts does not exist yet.');
    expect(markdown).toContain(`${row('POST', '/v2/accounts')} Create account | ✓ | not yet | ✓ |`);
  });

  it('matches listed paths whatever their parameter names', () => {
    const coverage = buildCoverage({
      tables: ROUTE_TABLES,
      suites: { status: 'ready', endpoints: [{ method: 'GET', path: '/v2/accounts/:id' }] },
      fuzzed: { status: 'ready', endpoints: [] },
    });
    const rows = coverage.sections.flatMap((section) => section.rows);
    expect(rows.find((entry) => entry.method === 'GET' && entry.path === '/v2/accounts/:account_id')?.suite).toBe('yes');
  });
});
