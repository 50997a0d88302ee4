#!/usr/bin/env node
// Runs the compiled CLI (one bundled script, with V8's code cache) when `npm run build` has produced
// it, else the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/main.bundle.cjs', import.meta.url));
if (existsSync(bundle)) {
  const { loadCliBundle } = await import('../dist/cli/codeCache.js');
  // Leaves once the command returns, as cli/main.ts does.
  process.exit(await loadCliBundle(bundle).main(process.argv.slice(2)));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
