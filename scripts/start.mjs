#!/usr/bin/env node
// The README's first command, after npm ci: opens ./data/luoshi.sqlite (or DATABASE_URL),
// migrates it, and on the first start imports the example report as a published plan with
// demo units and accounts (printing how to sign in, once). Then serves on PORT (default 3000).
import { register } from 'tsx/esm/api';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (path) => import(pathToFileURL(join(root, path)).href);

const { openStore } = await load('src/store/index.ts');
const { isEmptyStore, seedDemo } = await load('src/commands/demo.ts');
const { readReportFile } = await load('src/ingest/index.ts');
const { extractReport } = await load('src/report/index.ts');
const { main } = await load('src/cli/main.ts');

const db = process.env.DATABASE_URL || join(root, 'data/luoshi.sqlite');
const example = join(root, 'examples/2022-beijing-changping.txt');
const port = process.env.PORT || '3000';

try {
  const store = await openStore(db);
  try {
    if (await isEmptyStore(store)) {
      const read = await readReportFile(example);
      const demo = await seedDemo(
        store,
        {
          text: read.text,
          extraction: extractReport(read.text),
          sourceName: 'examples/2022-beijing-changping.txt',
        },
        process.env.LUOSHI_DEMO_PASSWORD || undefined,
      );
      const c = demo.summary.counts;
      const width = Math.max(...demo.accounts.map((a) => a.username.length)) + 2;
      console.log(
        [
          '',
          `First start: ${relative(process.cwd(), example) || example} imported as published plan ${demo.summary.plan.id}`,
          `(${c.targets} targets, ${c.tasks} tasks, ${c.projects} projects; ${demo.assigned} tasks assigned to demo units).`,
          '',
          `Sign in at http://localhost:${port} as one of these, all with the password: ${demo.password}`,
          ...demo.accounts.map((a) => `  ${a.username.padEnd(width)}${a.role.padEnd(12)}${a.displayName}`),
          '',
          'This is shown only once. Change a password with: ./bin/luoshi users passwd USERNAME',
          '',
        ].join('\n'),
      );
    }
  } finally {
    await store.close();
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`luoshi: error: ${message.replace(/\s*\n\s*/g, ' ')}`);
  process.exit(1);
}

// The web app is built once (about 10 s); `npm run web:build` rebuilds it after a change.
if (!existsSync(join(root, 'web/dist/index.html'))) {
  console.log('Building the web app (first start only)…');
  const build = spawnSync('npx', ['vite', 'build', 'web', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('luoshi: error: the web app did not build; the API still serves at /api/v1');
  }
}

process.exitCode = await main(['serve', '--db', db, '--port', port]);
