import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // End-to-end tests spawn the built binary and a pseudo-terminal; give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
