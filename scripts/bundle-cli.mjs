// Run by `npm run build` after tsc: the CLI's compiled modules as one ES module,
// dist/cli/main.bundle.js, which the bin prefers. `zuora-emulator start` otherwise loads some 400
// modules one at a time, and resolving, reading and linking them took more of its time to ready
// than their code did. Packages stay imports (node_modules is resolved as usual).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CLI_DIR = path.join(DIST, 'cli');

// Left as imports of dist/cli/'s own files: the contract command, which main loads on demand (it
// runs from the compiled modules, as before), and the module holding the error class it and main share.
const SEPARATE = new Set(['contract.js', 'errors.js']);

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

await build({
  entryPoints: [
    { in: path.join(CLI_DIR, 'main.js'), out: 'main.bundle' },
    // The scenario runner's worker thread, bundled too: each thread of `scenario run` loads it. It is
    // dist/cli/worker.js because the runner's threads.ts, bundled into a chunk here, starts its
    // worker from './worker.js' beside itself (from the compiled modules, dist/scenarios/runner/worker.js).
    { in: path.join(DIST, 'scenarios', 'runner', 'worker.js'), out: 'worker' },
  ],
  outdir: CLI_DIR,
  // start, sync and scenario, which main loads on demand, go to chunks of their own
  // (main.bundle-*.js, beside the separate modules they import as ./name.js): --version never reads them.
  splitting: true,
  chunkNames: 'main.bundle-[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [separateCommands],
  logLevel: 'warning',
});
process.stdout.write('cli: dist/cli/main.bundle.js, dist/cli/worker.js\n');
