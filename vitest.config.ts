import { defineConfig } from 'vitest/config';

// Unit tests sit beside their source; integration tests (real servers on 127.0.0.1)
// live under test/integration. End-to-end tests run under Playwright, not here.
export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'gateway-runtime/**/*.test.ts',
      'renderer/**/*.test.ts',
      'renderer/**/*.test.tsx',
      'test/integration/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'out/**', 'gateway-runtime/dist/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 15_000,
  },
});
