import { defineConfig } from 'vitest/config';

/**
 * Browser tests: one file at a time, one fork, generous timeouts (a real server and Chromium).
 * Two files at a time was tried (issue 20's suite time): on two cores a Select's option click
 * and a heavy page's first draw then miss their waits, so files stay in turn; the a11y file
 * runs its roles side by side within itself instead.
 */
export default defineConfig({
  cacheDir: new URL('../node_modules/.vite/e2e', import.meta.url).pathname,
  test: {
    name: 'e2e',
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.e2e.ts'],
    // Seeds the database every file starts from a copy of, once for the run.
    globalSetup: [new URL('./global-seed.ts', import.meta.url).pathname],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
