import { fileURLToPath } from 'node:url';

/**
 * Node arguments that run the CLI from its TypeScript sources. Tests use these rather than
 * bin/zuora-emulator.js, which prefers a compiled dist/ that may be older than the sources being
 * tested; the packed bin is tried by CI on the installed tarball.
 */
export const CLI = ['--import', 'tsx', fileURLToPath(new URL('../../cli/main.ts', import.meta.url))];
