import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// The README's examples, run as a newcomer would paste them. A fenced block is runnable when its
// info string says so: ```ts runnable``` is a script run on its own; ```ts runnable file=PATH```
// is written to PATH in the project (a vitest config, a setup file, a test file); `docker` marks
// one that needs a Docker daemon and the built image. Test files are then run with vitest.

export interface RunnableBlock {
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
  file?: string;
  docker: boolean;
}

const FENCE = /^```(\S+)([^\n]*)\n([\s\S]*?)^```$/gm;

export function runnableBlocks(markdown: string): RunnableBlock[] {
  const blocks: RunnableBlock[] = [];
  for (const match of markdown.matchAll(FENCE)) {
    const words = (match[2] ?? '').trim().split(/\s+/);
    if (!words.includes('runnable')) continue;
    const file = words.find((word) => word.startsWith('file='))?.slice('file='.length);
    blocks.push({
      code: match[3] ?? '',
      line: markdown.slice(0, match.index).split('\n').length,
      ...(file ? { file } : {}),
      docker: words.includes('docker'),
    });
  }
  return blocks;
}

export interface ExampleRun {
  name: string;
  code: number | null;
  output: string;
}

/**
 * Writes the blocks into `project` (a folder where 'zuora-emulator', tsx and vitest resolve), runs
 * each script block with Node and tsx, then vitest once if any block is a test file. `rewrite`
 * may change a block's code first (the repo's own test points imports at the sources).
 */
export async function runBlocks(project: string, blocks: RunnableBlock[], rewrite: (code: string) => string = (code) => code, env: NodeJS.ProcessEnv = process.env): Promise<ExampleRun[]> {
  const runs: ExampleRun[] = [];
  for (const block of blocks) {
    const file = path.join(project, block.file ?? `readme-example-line-${block.line}.ts`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, rewrite(block.code));
    if (!block.file) runs.push({ name: `README line ${block.line}`, ...(await run(process.execPath, ['--import', 'tsx', file], project, env)) });
  }
  if (blocks.some((block) => block.file?.endsWith('.test.ts'))) {
    runs.push({ name: 'README vitest example', ...(await run(process.execPath, [vitestCli(project), 'run', '--root', project], project, env)) });
  }
  return runs;
}

/** vitest's CLI as the project resolves it (its own node_modules, or a folder above). */
function vitestCli(project: string): string {
  return path.join(path.dirname(createRequire(path.join(project, 'package.json')).resolve('vitest/package.json')), 'vitest.mjs');
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, encoding: 'utf8', timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}
