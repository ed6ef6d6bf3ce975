import { defineConfig } from 'vitest/config';

// One runner for every non-browser suite. Each workspace package keeps its tests in test/;
// integration tests start real servers on loopback, so they get a longer timeout.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.{ts,tsx}', 'bench/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
