import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Starts a private PostgreSQL server for store and HTTP tests (see the file).
    globalSetup: ['test/global-setup.ts'],
  },
});
