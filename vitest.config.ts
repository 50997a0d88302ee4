import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Loading an official spec file takes a few seconds; the first validation in a file pays for it.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
