import { defineConfig } from 'vitest/config';

/**
 * Browser tests: two files at a time (each its own server, database and Chromium; most of a
 * browser test is waiting on the network and animations, which overlaps well on 2 cores),
 * tests within a file in order, generous timeouts (a real server and Chromium).
 */
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
    maxWorkers: 2,
    sequence: { concurrent: false },
  },
});
