import { defineConfig } from 'vitest/config';

/**
 * The unit tier: the pure domain (src/report, src/plan, src/requests, src/projects, src/chase,
 * src/sources, src/verdicts, src/jurisdictions) and the configuration. It needs nothing but Node and the repository: no
 * database, no build, no browser, no
 * ../shared. `npm run test:unit`; test/clone.test.ts runs in a fresh clone of the repository
 * the files of it that read files (and checks that the rest import only committed code).
 * `npx vitest run` (vitest.config.ts) runs all of it too, with the store, HTTP, CLI and web
 * tiers.
 */
export default defineConfig({
  test: {
    name: 'unit',
    environment: 'node',
    // Pure code, no native module or process state: worker threads start faster than forks
    // (the whole tier 175 s against 285 s at load 19–21 on 2 cores), each file still isolated.
    pool: 'threads',
    testTimeout: 30_000,
    include: [
      'src/{report,plan,requests,projects,chase,sources,verdicts,jurisdictions}/**/*.test.ts',
      'src/config.test.ts',
    ],
  },
});
