// Run by `npm run build` after tsc: the CLI's compiled modules as one ES module,
// dist/cli/main.bundle.js, which the bin prefers. `zuora-emulator start` otherwise loads some 400
// modules one at a time, and resolving, reading and linking them took more of its time to ready
// than their code did. Packages stay imports (node_modules is resolved as usual).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CLI_DIR = fileURLToPath(new URL('../dist/cli/', import.meta.url));

// Left as imports of dist/cli/'s own files: the commands main loads on demand (they run from the
// compiled modules, as before), and the module holding the error class they and main share.
const SEPARATE = new Set(['scenario.js', 'contract.js', 'errors.js']);

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
  entryPoints: [path.join(CLI_DIR, 'main.js')],
  outdir: CLI_DIR,
  // start and sync, which main loads on demand, go to chunks of their own (main.bundle-*.js, beside
  // the separate commands they import as ./name.js): --version or the scenario command never read them.
  splitting: true,
  entryNames: '[name].bundle',
  chunkNames: 'main.bundle-[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [separateCommands],
  logLevel: 'warning',
});
process.stdout.write('cli: dist/cli/main.bundle.js\n');
