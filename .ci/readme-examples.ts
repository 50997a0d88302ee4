// Runs the README's runnable examples, unchanged, in a project where the packed tarball is
// installed (with tsx, vitest and testcontainers beside it): what a newcomer pastes must work.
// Usage: node --import tsx .ci/readme-examples.ts PROJECT_DIR [--docker]
import { readFile } from 'node:fs/promises';
import { runBlocks, runnableBlocks } from '../test/helpers/readme.js';

const [project, flag] = process.argv.slice(2);
if (!project) throw new Error('usage: readme-examples.ts PROJECT_DIR [--docker]');
const withDocker = flag === '--docker';
const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
const blocks = runnableBlocks(readme).filter((block) => withDocker || !block.docker);
const runs = await runBlocks(project, blocks);
let failed = 0;
for (const run of runs) {
  process.stdout.write(`${run.code === 0 ? 'ok  ' : 'FAIL'} ${run.name}\n`);
  if (run.code !== 0) {
    failed += 1;
    process.stdout.write(`${run.output}\n`);
  }
}
process.stdout.write(`${blocks.length} runnable README block(s), ${runs.length} run(s), ${failed} failed${withDocker ? '' : ' (Docker examples left out)'}\n`);
process.exit(failed > 0 || runs.length === 0 ? 1 : 0);
