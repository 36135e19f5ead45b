import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built app (dist/) in Debian's Chromium; one file at a time keeps two cores calm.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90000,
    hookTimeout: 60000,
    fileParallelism: false,
  },
});
