// A worker thread of `scenario run` as the CLI's bundle starts it: the runner's threads.ts, bundled
// into dist/cli/main.bundle.cjs, starts './worker.js' beside the bundle, which is this file compiled.
// It runs the worker's own bundle (scripts/bundle-cli.mjs) with V8's code cache, through the bin's
// loader, as the bin runs the CLI's: so each thread neither loads packages module by module nor
// compiles what a run compiled before.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const { loadBundle } = createRequire(import.meta.url)('../../bin/zuora-emulator.js') as { loadBundle(file: string): unknown };
loadBundle(fileURLToPath(new URL('./worker.bundle.cjs', import.meta.url)));
