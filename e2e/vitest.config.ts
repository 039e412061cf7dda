import { defineConfig } from 'vitest/config';

/** Browser tests: one file at a time, one fork, generous timeouts (a real server and Chromium). */
export default defineConfig({
  cacheDir: new URL('../node_modules/.vite/e2e', import.meta.url).pathname,
  test: {
    name: 'e2e',
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
