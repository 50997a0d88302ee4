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

/** @returns {Buffer | undefined} */
function readIfPresent(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Written whole under a name of its own, then renamed: two processes, or two worker threads of one
 * (the same pid), exiting at once never leave half a cache.
 */
function writeCache(script, cacheFile) {
  const partial = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // A read-only install: the next run compiles as this one did.
    rmSync(partial, { force: true });
  }
}

/**
 * A bundle's exports, run with its code cache (`<bundle>.cache`): the CLI's (cli/dispatch.ts), or a
 * scenario worker thread's (dist/cli/worker.bundle.cjs, which cli/worker.ts loads through this). The
 * file is its own CommonJS wrapper: a function of what Node passes a module.
 */
function loadBundle(file) {
  const cacheFile = `${file}.cache`;
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(readFileSync(file, 'utf8'), { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected) {
    // A cache carries the V8 flags it was made under: one made after the run changed them (scenario run
    // does, cli/scenario.ts) would be turned down by the next run, and made again by every run.
    const { cachedDataVersionTag } = require('node:v8');
    const flags = cachedDataVersionTag();
    process.once('exit', () => flags === cachedDataVersionTag() && writeCache(script, cacheFile));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

module.exports = { loadBundle };

if (require.main !== module) {
  // Required for loadBundle (a worker thread of `scenario run`): no command to run.
} else if (existsSync(bundleFile)) {
  // Leaves once the command returns, as cli/main.ts does.
  loadBundle(bundleFile)
    .main(process.argv.slice(2))
    .then((code) => process.exit(code));
} else {
  import('tsx/esm/api').then(({ register }) => {
    register();
    return import('../cli/main.ts');
  });
}
