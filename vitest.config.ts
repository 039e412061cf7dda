import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Compiles dist/ when stale (tests run ./bin/luoshi), then starts a private PostgreSQL
    // server for store and HTTP tests (see the files).
    globalSetup: ['test/build-setup.ts', 'test/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      // The web app's component tests (jsdom).
      'web/vitest.config.ts',
    ],
  },
});
