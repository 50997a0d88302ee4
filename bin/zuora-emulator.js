#!/usr/bin/env node
// Runs the compiled CLI when `npm run build` has produced it, else the TypeScript sources through tsx.
//
// Compiled, the CLI is one CommonJS script (dist/cli/main.bundle.cjs, made by scripts/bundle-cli.mjs),
// compiled with V8's code cache kept beside it: the functions an earlier run compiled, so this run
// neither parses nor compiles them again. Node 20 keeps no such cache for ES modules, hence a script,
// and this file is CommonJS too (bin/package.json), so a compiled start loads no ES module at all.
// The build leaves a cache made by one `zuora-emulator start`; when there is none, or V8 turns it
// down (another Node version, other V8 flags), this process writes one as it exits, holding whatever
// it compiled. A package folder that cannot be written to just goes without.
'use strict';
const { existsSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const bundleFile = path.join(__dirname, '..', 'dist', 'cli', 'main.bundle.cjs');
const cacheFile = `${bundleFile}.cache`;

/** @returns {Buffer | undefined} */
function readIfPresent(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole under another name, then renamed: two processes exiting at once never leave half a cache. */
function writeCache(script) {
  const partial = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // A read-only install: the next run compiles as this one did.
    rmSync(partial, { force: true });
  }
}

/** The bundle's exports (cli/dispatch.ts). The file is its own CommonJS wrapper: a function of what Node passes a module. */
function loadBundle() {
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(readFileSync(bundleFile, 'utf8'), { filename: bundleFile, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(script));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  return module.exports;
}

if (existsSync(bundleFile)) {
  // Leaves once the command returns, as cli/main.ts does.
  loadBundle()
    .main(process.argv.slice(2))
    .then((code) => process.exit(code));
} else {
  import('tsx/esm/api').then(({ register }) => {
    register();
    return import('../cli/main.ts');
  });
}
