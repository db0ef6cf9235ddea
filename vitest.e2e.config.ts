import { defineConfig } from 'vitest/config';

// End-to-end tests: Debian's Chromium drives the built extension on the demo Members page.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A cold service worker opening IndexedDB on a busy 2-core machine can take seconds.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    // Two cores: one browser at a time.
    fileParallelism: false,
  },
});
