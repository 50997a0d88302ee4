import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { officialFieldsSource } from '../contracts/fidelity/fieldTrees.js';
import { fidelityMarkdown } from '../contracts/fidelity/markdown.js';
import { WIRE_DIFFERENCES } from '../contracts/wireDifferences.js';
import { describeOfficial, officialSpecs } from './helpers/officialSpec.js';

// contracts/FIDELITY.md: the modelled endpoints, their versions, the spec/wire differences and the
// fields still missing, generated from the ledger; the committed file must be what the generator writes.

const FIDELITY_FILE = new URL('../contracts/FIDELITY.md', import.meta.url);

describe('the fidelity ledger', () => {
  it('is current: contracts/FIDELITY.md is what npm run contracts:fidelity writes', async () => {
    const committed = await readFile(FIDELITY_FILE, 'utf8').catch(() => '');
    expect(committed, 'contracts/FIDELITY.md is out of date: run npm run contracts:fidelity').toBe(fidelityMarkdown());
  });

  it('lists every spec/wire difference the harness accepts, and the version-gated fields', () => {
    const text = fidelityMarkdown();
    for (const difference of WIRE_DIFFERENCES) expect(text).toContain(`\`${difference.pointer}\``);
    expect(text).toMatch(/\| `POST \/v1\/orders` \| `\/subscriptionNumbers` \| up to 222\.4 \|/);
    expect(text).toMatch(/\| `POST \/v1\/orders` \| `\/subscriptions` \| from 223\.0 \|/);
    expect(text).toContain('`GETSubscriptionByKeyWithSuccess`');
  });
});

describeOfficial('the official field names the shapes complete answers with', () => {
  it('are current: emulator/api/v1/shapes/officialFields.ts is what npm run contracts:fields writes', async () => {
    const committed = await readFile(new URL('../emulator/api/v1/shapes/officialFields.ts', import.meta.url), 'utf8').catch(() => '');
    const { specs } = await officialSpecs();
    expect(committed, 'officialFields.ts is out of date: run npm run contracts:fields').toBe(officialFieldsSource(specs.v1.doc));
  });
});
