#!/usr/bin/env node
// The README's first command, after npm ci: compiles src/ into dist/ when needed (first start,
// or after a change), reads the configuration (src/config.ts: every bad variable named at once),
// opens ./data/luoshi.sqlite (or DATABASE_URL), migrates it, and on the first start imports the
// example report as a published plan with demo units and accounts (printing how to sign in,
// once), with a year of demo work played through it (monthly reports, reviews, 督办, 延期, 销号)
// unless started with --empty. Then serves on PORT (default 3000). Runs the compiled JavaScript,
// never the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT as root, ensureBuilt } from './build.mjs';

if (!ensureBuilt(root)) process.exit(1);
const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);

const { loadConfig } = await load('config.js');
const { openStore } = await load('store/index.js');
const { isEmptyStore, seedDemo } = await load('commands/demo.js');
const { readReportFile } = await load('ingest/index.js');
const { extractReport } = await load('report/index.js');
const { main } = await load('cli/main.js');
const { readFolder } = await load('cli/folder.js');
const { parseJurisdictionFolder } = await load('documents/jurisdiction-folder.js');
const { DEMO_FILE, parseDemoSetup } = await load('documents/demo-setup.js');

const example = join(root, 'examples/2022-beijing-changping.txt');
/** The example jurisdiction the demo sets up from its office files (its areas, units, catalogue). */
const exampleJurisdiction = join(root, 'examples/jurisdictions/changping');
/** @type {import('../src/config.js').Config} */
let config;
let db = '';

try {
  config = loadConfig();
  db = config.databaseUrl ?? join(root, 'data/luoshi.sqlite');
  const store = await openStore(db, { sqliteSynchronous: config.sqliteSynchronous });
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
        await parseJurisdictionFolder(readFolder(exampleJurisdiction)),
        parseDemoSetup(readFolder(exampleJurisdiction)[DEMO_FILE]),
        config.demoPassword,
        { empty: process.argv.slice(2).includes('--empty') },
      );
      const c = demo.summary.counts;
      const width = Math.max(...demo.accounts.map((a) => a.username.length)) + 2;
      console.log(
        [
          '',
          `First start: ${relative(process.cwd(), example) || example} imported as published plan ${demo.summary.plan.id}`,
          `(${c.targets} targets, ${c.tasks} tasks, ${c.projects} projects; ${demo.assigned} tasks assigned to demo units).`,
          ...(demo.year
            ? [
                `Demo data: a year of work played through the plan (${demo.year.reports} monthly reports reviewed, ` +
                  `${demo.year.notices} 督办单, ${demo.year.extensions} 延期, ${demo.year.closed} 销号). ` +
                  'Start with --empty on a new database for a clean start.',
              ]
            : []),
          '',
          `Sign in at http://localhost:${config.port} as one of these, all with the password: ${demo.password}`,
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

// The web app is built on the first start and again whenever its sources (or the API contract
// it imports) are newer than the build, as dist/ is for the server: a pulled change never
// serves yesterday's pages. `npm run web:build` rebuilds it by hand.
/** The newest modification time (ms) under the given files and folders. */
function newest(paths) {
  let time = 0;
  const walk = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (!stat.isDirectory()) return void (time = Math.max(time, stat.mtimeMs));
    for (const name of readdirSync(path))
      if (name !== 'node_modules' && name !== 'dist') walk(join(path, name));
  };
  for (const path of paths) walk(join(root, path));
  return time;
}
const builtWeb = join(root, 'web/dist/index.html');
const webSources = [
  'web/src',
  'web/index.html',
  'web/public',
  'web/vite.config.ts',
  'src/contract',
  'package-lock.json',
];
if (!existsSync(builtWeb) || statSync(builtWeb).mtimeMs < newest(webSources)) {
  console.log(
    existsSync(builtWeb)
      ? 'Rebuilding the web app (its sources changed)…'
      : 'Building the web app (first start only)…',
  );
  const build = spawnSync('npx', ['vite', 'build', 'web', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('luoshi: error: the web app did not build; the API still serves at /api/v1');
  }
}

// The configuration read above is the one serve uses: parsed once.
process.exitCode = await main(['serve', '--db', db], undefined, () => config);
