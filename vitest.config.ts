import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One emulator for the run, for the files that use 'zuora-emulator/vitest' (testing/vitest.ts).
    globalSetup: ['test/setup/zuoraEmulator.ts'],
    reporters: ['default', './test/reporters/summaryLine.ts'],
    // The first check against an official spec file parses it (about a second); give slow machines room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
