import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/reporters/summaryLine.ts'],
    // The first check against an official spec file parses it (about a second); give slow machines room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
