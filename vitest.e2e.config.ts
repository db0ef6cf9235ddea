import { defineConfig } from 'vitest/config';

// End-to-end tests: Debian's Chromium drives the built extension on the demo Members page.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: one browser at a time.
    fileParallelism: false,
  },
});
