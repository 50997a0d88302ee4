// Run by `npm run build` after tsc: the CLI as one CommonJS script, dist/cli/main.bundle.cjs, which
// the bin runs with V8's code cache (bin/zuora-emulator.js), and that cache, made here by one
// `zuora-emulator start`. Unbundled, `start` loads some 500 modules (express's packages among them)
// one at a time, and resolving, reading and compiling them took more of its time to ready than
// running them did; a script, unlike an ES module on Node 20, can be compiled from a code cache.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CLI_DIR = path.join(DIST, 'cli');
const BUNDLE = path.join(CLI_DIR, 'main.bundle.cjs');
const BIN = fileURLToPath(new URL('../bin/zuora-emulator.js', import.meta.url));

// Left as dist/cli/'s own ES module, required from the bundle on demand: the contract command (it
// loads spec parsers). Its usage errors are known by name (cli/errors.ts), as the bundle has its own
// copy of that module.
const SEPARATE = new Set(['contract.js']);

/** @type {import('esbuild').Plugin} */
const separateCommands = {
  name: 'separate-commands',
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\.?\// }, ({ path: specifier, resolveDir }) => {
      const file = path.resolve(resolveDir, specifier);
      if (path.dirname(file) !== path.resolve(CLI_DIR) || !SEPARATE.has(path.basename(file))) return undefined;
      return { path: `./${path.basename(file)}`, external: true };
    });
  },
};

/**
 * Packages the sources load on first use with `createRequire(import.meta.url)(name)` (jexl, for the
 * first trigger condition: every start's sync engine setup has one) are bundled too: in the bundle
 * that call is the bundle's own `require(name)`, which esbuild bundles and still runs on first use.
 * @type {import('esbuild').Plugin}
 */
const bundleFirstUseRequires = {
  name: 'bundle-first-use-requires',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path: file }) => {
      const source = await readFile(file, 'utf8');
      if (!source.includes('createRequire(import.meta.url)(')) return undefined;
      return { contents: source.replaceAll('createRequire(import.meta.url)(', 'require('), loader: 'js' };
    });
  },
};

const WORKER_BUNDLE = path.join(CLI_DIR, 'worker.bundle.cjs');

/** How both bundles are made: the CLI's (main.bundle.cjs) and its scenario worker thread's (worker.bundle.cjs). */
const SCRIPT_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Packages are bundled too (express and its dependencies are most of what start loads; undici, which
  // start loads before it is ready, for the sync engine's setup; yaml, which scenario run loads as it
  // starts), but for iconv-lite, whose encoding tables body parsing reads only for a charset other than
  // UTF-8. A package the sources load on first use is still run on first use from the bundle.
  external: ['iconv-lite'],
  // As a script, the bundle loads with require() what it would import() (V8 lets a script import
  // only through a callback Node 20 calls experimental): the separate commands are ES modules
  // without top-level await, which require() loads as well.
  supported: { 'dynamic-import': false },
  // The bundle's own location stands for each module's: package files are found from it (packageInfo.ts).
  define: { 'import.meta.url': 'bundleUrl' },
  // The file is the CommonJS wrapper around the bundle, as Node's own loader would put it (on the
  // first line, so line numbers stay the bundle's): the bin compiles it as it is, where wrapping it
  // there would copy its 2 MB once more. Strict, as the ES modules bundled were (esbuild's own
  // "use strict" comes after the banner, too late to count).
  banner: { js: '(function (exports, require, module, __filename, __dirname) {"use strict";const bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  footer: { js: '})' },
  plugins: [separateCommands, bundleFirstUseRequires],
  logLevel: 'warning',
};

// A cache made for an earlier bundle must never meet this one (V8 checks only the source's length).
rmSync(`${BUNDLE}.cache`, { force: true });
rmSync(`${WORKER_BUNDLE}.cache`, { force: true });
await build({ ...SCRIPT_BUNDLE, entryPoints: [path.join(CLI_DIR, 'dispatch.js')], outfile: BUNDLE });
process.stdout.write('cli: dist/cli/main.bundle.cjs\n');

// Each worker thread of `scenario run` runs its own bundle the same way: dist/cli/worker.js (cli/worker.ts,
// which the runner, bundled above where import.meta.url is the bundle's, starts from './worker.js'
// beside itself) loads it with its code cache.
await build({ ...SCRIPT_BUNDLE, entryPoints: [path.join(DIST, 'scenarios', 'runner', 'worker.js')], outfile: WORKER_BUNDLE });
process.stdout.write('cli: dist/cli/worker.bundle.cjs\n');

// The code cache: one start of the bin, until its ready lines, and a clean stop (the cache is written as it exits).
const started = spawn(process.execPath, [BIN, 'start', '--port', '0', '--in-memory'], { stdio: ['ignore', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => started.once('exit', (code) => resolve(code)));
let seen = '';
const ready = await new Promise((resolve) => {
  started.stdout.on('data', (chunk) => {
    seen += chunk;
    if (seen.includes('sync engine listening')) resolve(true);
  });
  started.once('exit', () => resolve(false));
});
if (ready) started.kill('SIGTERM');
const code = await exited;
process.stdout.write(ready && code === 0 ? 'cli: dist/cli/main.bundle.cjs.cache\n' : `cli: no code cache (the start to make it ${ready ? `exited ${code}` : `never got ready: ${seen}`}); the first run makes it\n`);

// The worker's code cache: a run of two small scenarios side by side, the second on a worker thread,
// which writes the cache as it ends.
const TWO_SMALL = ['zuora-metadata-mirrored.yaml', 'salesforce-entitlements-only.yaml'].map((name) => fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url)));
const scenarios = spawn(process.execPath, [BIN, 'scenario', 'run', ...TWO_SMALL, '--concurrency', '2'], { stdio: ['ignore', 'ignore', 'inherit'] });
const scenarioCode = await new Promise((resolve) => scenarios.once('exit', (exitCode) => resolve(exitCode)));
process.stdout.write(scenarioCode === 0 && existsSync(`${WORKER_BUNDLE}.cache`) ? 'cli: dist/cli/worker.bundle.cjs.cache\n' : `cli: no worker code cache (the scenario run to make it exited ${scenarioCode}); the first run makes it\n`);
