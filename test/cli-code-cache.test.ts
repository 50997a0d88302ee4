import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The bin runs the CLI's bundle with V8's code cache kept beside it. Here the bin itself runs a
// small bundle standing in for the CLI's, in a package laid out as the real one, each time in a
// process of its own (the cache is written as the process exits).

const BIN_DIR = fileURLToPath(new URL('../bin/', import.meta.url));

/** A bundle as scripts/bundle-cli.mjs makes one: CommonJS in its wrapper, exporting main, using require and __dirname. */
const BUNDLE_SOURCE = `(function (exports, require, module, __filename, __dirname) {"use strict";const path = require('node:path');
exports.main = async (argv) => (path.basename(__dirname) === 'cli' ? argv.length : 99);
})`;

let root: string;
let bundle: string;
let cache: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'code-cache-'));
  mkdirSync(path.join(root, 'bin'));
  for (const file of ['zuora-emulator.js', 'package.json']) copyFileSync(path.join(BIN_DIR, file), path.join(root, 'bin', file));
  mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
  bundle = path.join(root, 'dist', 'cli', 'main.bundle.cjs');
  cache = `${bundle}.cache`;
  writeFileSync(bundle, BUNDLE_SOURCE);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The bin with these arguments: its exit code is the bundle's main's answer. */
function run(...argv: string[]): number | null {
  const { status, stderr } = spawnSync(process.execPath, [path.join(root, 'bin', 'zuora-emulator.js'), ...argv], { encoding: 'utf8' });
  expect(stderr).toBe('');
  return status;
}

describe('the CLI bundle and its code cache', () => {
  it("runs the bundle's main, writes the cache as it exits, and leaves a cache V8 takes as it is", () => {
    expect(run('a', 'b', 'c')).toBe(3);
    const written = statSync(cache);
    expect(written.size).toBeGreaterThan(0);

    expect(run('a')).toBe(1);
    // Taken: nothing to write again.
    expect(statSync(cache).mtimeMs).toBe(written.mtimeMs);
  });

  it('replaces a cache V8 turns down, and runs all the same', () => {
    writeFileSync(cache, 'not a code cache');
    expect(run('a', 'b')).toBe(2);
    expect(readFileSync(cache, 'utf8')).not.toBe('not a code cache');
    expect(run()).toBe(0);
  });

  it('writes no cache from a run that changed V8 flags, which the next run would turn down, and such a run takes a cache made without them', () => {
    // As scenario run does (cli/scenario.ts): flags changed once the bundle is running.
    writeFileSync(bundle, `(function (exports, require, module, __filename, __dirname) {"use strict";
exports.main = async (argv) => { if (argv[0] === 'tune') require('node:v8').setFlagsFromString('--interrupt-budget=540672'); return argv.length; };
})`);
    expect(run('tune')).toBe(1);
    expect(() => statSync(cache)).toThrow();

    expect(run('a', 'b')).toBe(2);
    const written = statSync(cache);
    expect(run('tune', 'b', 'c')).toBe(3);
    // Checked as the bundle loaded, before the flags changed: taken, nothing to write again.
    expect(statSync(cache).mtimeMs).toBe(written.mtimeMs);
  });
});

describe("start's V8 tuning (cli/tiering.ts)", () => {
  it('changes V8 flags while the process runs and puts them back before the bin, which listened first, writes its cache', () => {
    const tiering = pathToFileURL(fileURLToPath(new URL('../cli/tiering.ts', import.meta.url))).href;
    // The bin's exit listener is added as the bundle loads, before any command runs: here too.
    const script = `import { cachedDataVersionTag } from 'node:v8';
import { tuneForServing } from ${JSON.stringify(tiering)};
const before = cachedDataVersionTag();
process.on('exit', () => process.stdout.write(JSON.stringify({ changedWhileRunning: tuned !== before, sameAtExit: cachedDataVersionTag() === before })));
tuneForServing();
const tuned = cachedDataVersionTag();`;
    const { status, stdout, stderr } = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ changedWhileRunning: true, sameAtExit: true });
  });
});

describe("a scenario worker thread's bundle through the bin's loader", () => {
  /** What a worker thread's bundle does here: runs and says so in a file beside it. */
  const WORKER_SOURCE = `(function (exports, require, module, __filename, __dirname) {"use strict";
require('node:fs').writeFileSync(require('node:path').join(__dirname, 'ran.txt'), 'ran');
})`;

  it('runs the bundle when the bin is required (no command runs), and writes its own cache as the thread ends', () => {
    const workerBundle = path.join(root, 'dist', 'cli', 'worker.bundle.cjs');
    writeFileSync(workerBundle, WORKER_SOURCE);
    const thread = `const { Worker } = require('node:worker_threads');
new Worker(${JSON.stringify(`require(${JSON.stringify(path.join(root, 'bin', 'zuora-emulator.js'))}).loadBundle(${JSON.stringify(workerBundle)}); process.exit(0);`)}, { eval: true });`;
    const { status, stdout, stderr } = spawnSync(process.execPath, ['-e', thread], { encoding: 'utf8' });
    expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(root, 'dist', 'cli', 'ran.txt'), 'utf8')).toBe('ran');
    expect(statSync(`${workerBundle}.cache`).size).toBeGreaterThan(0);
    // The CLI's own bundle was not run, nor its cache written.
    expect(() => statSync(cache)).toThrow();
  });
});
