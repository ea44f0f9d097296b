import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end builds start a real Chromium; two cores share them better one file at a time.
    fileParallelism: false,
    // Some tests run whole builds; a slow CI machine must not fail them on time alone.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
