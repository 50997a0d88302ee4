import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFileOf } from '../cli/codeCache.js';

// The bin runs the CLI's bundle with V8's code cache kept beside it (cli/codeCache.ts). Here a
// small bundle stands in for the CLI's, run as the bin runs it, each time in a process of its own
// (the cache is written as the process exits).

const LOADER = fileURLToPath(new URL('../cli/codeCache.ts', import.meta.url));

/** A bundle as scripts/bundle-cli.mjs makes one: CommonJS in its wrapper, exporting main, using require and __dirname. */
const BUNDLE_SOURCE = `(function (exports, require, module, __filename, __dirname) {const path = require('node:path');
exports.main = async (argv) => (path.basename(__dirname).startsWith('code-cache-') ? argv.length : 99);
})`;

let dir: string;
let bundle: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'code-cache-'));
  bundle = path.join(dir, 'main.bundle.cjs');
  writeFileSync(bundle, BUNDLE_SOURCE);
  writeFileSync(path.join(dir, 'run.mjs'), `import { loadCliBundle } from ${JSON.stringify(LOADER)};\nprocess.exit(await loadCliBundle(process.argv[2]).main(process.argv.slice(3)));\n`);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The bundle's main through the loader, as the bin calls it: its exit code is main's answer. */
function run(...argv: string[]): number | null {
  const { status, stderr } = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, 'run.mjs'), bundle, ...argv], { encoding: 'utf8' });
  expect(stderr).toBe('');
  return status;
}

describe('the CLI bundle and its code cache', () => {
  it("runs the bundle's main, writes the cache as it exits, and leaves a cache V8 takes as it is", () => {
    expect(run('a', 'b', 'c')).toBe(3);
    const written = statSync(cacheFileOf(bundle));
    expect(written.size).toBeGreaterThan(0);

    expect(run('a')).toBe(1);
    // Taken: nothing to write again.
    expect(statSync(cacheFileOf(bundle)).mtimeMs).toBe(written.mtimeMs);
  });

  it('replaces a cache V8 turns down, and runs all the same', () => {
    writeFileSync(cacheFileOf(bundle), 'not a code cache');
    expect(run('a', 'b')).toBe(2);
    expect(readFileSync(cacheFileOf(bundle), 'utf8')).not.toBe('not a code cache');
    expect(run()).toBe(0);
  });
});
