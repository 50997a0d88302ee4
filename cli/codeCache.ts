import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** What the CLI's bundle exports: cli/dispatch.ts. */
export interface CliBundle {
  main(argv: string[]): Promise<number>;
}

/** Where the bundle's code cache is kept: beside it, so it goes wherever the package goes. */
export const cacheFileOf = (bundleFile: string): string => `${bundleFile}.cache`;

/**
 * Runs the CLI's bundle (one CommonJS script, scripts/bundle-cli.mjs) with V8's code cache for it: the
 * functions an earlier run compiled, so this run neither parses nor compiles them again. Node 20
 * keeps no such cache for ES modules, hence a script. The build leaves a cache made by one
 * `zuora-emulator start`; when there is none, or V8 turns it down (another Node version, other V8
 * flags), this process writes one as it exits, holding whatever it compiled. A package folder that
 * cannot be written to just goes without.
 */
export function loadCliBundle(bundleFile: string): CliBundle {
  return loadBundle(bundleFile) as CliBundle;
}

/** Runs a bundle made as the CLI's is (one CommonJS script in its own wrapper) with its code cache, as loadCliBundle does; answers its exports. */
export function loadBundle(bundleFile: string): unknown {
  const cacheFile = cacheFileOf(bundleFile);
  const cachedData = readIfPresent(cacheFile);
  // The bundle is its own CommonJS wrapper: a function of what Node passes a module.
  const script = new vm.Script(readFileSync(bundleFile, 'utf8'), {
    filename: bundleFile,
    ...(cachedData ? { cachedData } : {}),
  });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(cacheFile, script));
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  return module.exports;
}

function readIfPresent(file: string): Buffer | undefined {
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
function writeCache(cacheFile: string, script: vm.Script): void {
  const partial = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // A read-only install: the next run compiles as this one did.
    rmSync(partial, { force: true });
  }
}
