import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runBlocks, runnableBlocks } from './helpers/readme.js';

// Every README code block marked `runnable` is run as a newcomer would paste it, with the package
// imports pointed at this checkout's sources (CI also runs them unchanged against the packed
// tarball). Blocks marked `docker` run in test/testcontainers.test.ts's place: only with the image.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
const blocks = runnableBlocks(readme);

const SOURCES: Record<string, string> = {
  'zuora-emulator': 'index.ts',
  'zuora-emulator/vitest': 'testing/vitest.ts',
  'zuora-emulator/testcontainers': 'testing/testcontainers.ts',
};

const toSources = (code: string): string =>
  code.replace(/from '(zuora-emulator(?:\/[a-z]+)?)'/g, (whole, name: string) => (SOURCES[name] ? `from '${path.join(ROOT, SOURCES[name])}'` : whole));

let project: string | undefined;

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('README', () => {
  it('marks its in-process, vitest and Testcontainers examples runnable', () => {
    expect(blocks.filter((block) => !block.file)).toHaveLength(1);
    expect(blocks.map((block) => block.file).filter(Boolean)).toEqual(['test/zuora.setup.ts', 'vitest.config.ts', 'test/billing.test.ts', 'test/container.test.ts']);
    expect(blocks.find((block) => block.file === 'test/container.test.ts')?.docker).toBe(true);
  });

  it('points nowhere outside the repository', () => {
    expect(readme).not.toContain('../shared');
  });

  it('runs every runnable example green', async () => {
    // Inside the checkout, so tsx and vitest resolve from its node_modules.
    project = await mkdtemp(path.join(ROOT, '.readme-run-'));
    const runs = await runBlocks(project, blocks.filter((block) => !block.docker), toSources);
    expect(runs.map((run) => run.name)).toEqual([expect.stringMatching(/^README line \d+$/), 'README vitest example']);
    for (const run of runs) expect(run.code, `${run.name}:\n${run.output}`).toBe(0);
    expect(runs[0]?.output).toContain('created A00000001');
    expect(stripVTControlCharacters(runs[1]?.output ?? '')).toMatch(/Tests\s+2 passed/);
  }, 240_000);
});
