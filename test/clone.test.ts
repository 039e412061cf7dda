/**
 * The repository alone, as a newcomer meets it: the committed HEAD cloned into an empty folder
 * with no ../shared beside it (node_modules linked, not installed) passes its unit tier
 * (vitest.unit.config.ts); and the npm package packed from that clone installs in another
 * empty folder, where `import { extractReport } from 'luoshi'` and `npx luoshi extract` work.
 * The package holds the dist/ the suite compiled (prepack's `--clean` compile is the same tsc).
 * Uncommitted changes are not in the clone: commit before trusting this test.
 *
 * Why the clone runs only part of the unit tier (it ran all of it, 44 s of the suite's quiet
 * run, every file a second time): what a clone can change is the files beside the code, not
 * the code. The clone has HEAD's tracked files and nothing else (no ../shared, no data/,
 * dist/, artifacts/ or other untracked file); the installed packages and Node are the same
 * ones (node_modules is a link). So a unit test's result can differ in the clone only if
 * (a) a module it imports is not committed, or differs from the working tree the suite ran,
 * or (b) something it runs reads a file, the working folder or another program. The test
 * walks every unit-tier file's relative imports inside the clone (test/module-graph.ts):
 * (a) every import resolves there, or the walk fails; a file whose closure differs from the
 * working tree runs in the clone. (b) a file whose closure has a marker of reaching out
 * (node:fs, require, import.meta, process.cwd, child processes, a non-literal import, an
 * imported data file; a marker in a comment counts too) runs in the clone. The rest depend
 * only on bytes that are the same in both places (the packages they import, at 12b72a7:
 * vitest, zod, fast-check, chinese-days, node:crypto, node:net, read nothing from the working
 * folder), so the suite's own run of them (the node project includes src/**) is their run in
 * the clone. The list comes from vitest itself
 * (`vitest list -c vitest.unit.config.ts`), so a new unit file is classified, never missed.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../scripts/build.mjs';
import { extractReport } from '../src/report/index.js';
import { importClosure, reachesOut } from './module-graph.js';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'luoshi-clone-'));
const clone = join(work, 'luoshi');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** This process's environment without what vitest and npm set for themselves. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(VITEST|npm_|TINYPOOL)/i.test(name)),
  );
}

/** Runs a program to its end; resolves to its exit code and everything it printed. */
function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** The last lines of a run's output, to show why it failed. */
const tail = (r: { out: string; err: string }) => `${r.out}\n${r.err}`.split('\n').slice(-40).join('\n');

beforeAll(() => {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', '--no-checkout', root, clone], { stdio: 'ignore' });
  execFileSync('git', ['checkout', '--quiet', head], { cwd: clone, stdio: 'ignore' });
  symlinkSync(realpathSync(join(root, 'node_modules')), join(clone, 'node_modules'), 'dir');
});

/**
 * The unit-tier files whose result could differ in the clone: their closure reaches outside
 * the code (files, the working folder, programs), or is not the same as the working tree's.
 */
function filesToRunInClone(files: string[]): { live: string[]; why: Record<string, string[]> } {
  const why: Record<string, string[]> = {};
  for (const file of files) {
    const out = reachesOut(clone, file);
    const changed = importClosure(clone, file).filter(
      (p) => !existsSync(join(root, p)) || !readFileSync(join(root, p)).equals(readFileSync(join(clone, p))),
    );
    if (out.length > 0 || changed.length > 0)
      why[file] = [...out, ...changed.map((p) => `${p} (not committed)`)];
  }
  return { live: Object.keys(why), why };
}

describe('a clone of the repository alone', () => {
  it('has no ../shared beside it and passes its unit tier', async () => {
    expect(existsSync(join(work, 'shared'))).toBe(false);
    const vitest = join(clone, 'node_modules/vitest/vitest.mjs');
    const listed = await run(
      process.execPath,
      [vitest, 'list', '-c', 'vitest.unit.config.ts', '--filesOnly', '--json'],
      clone,
    );
    expect(listed.code, tail(listed)).toBe(0);
    const files = (JSON.parse(listed.out.slice(listed.out.indexOf('['))) as { file: string }[]).map((f) =>
      f.file.slice(clone.length + 1),
    );
    expect(files.length).toBeGreaterThan(100);
    const { live, why } = filesToRunInClone(files);
    // The walk sees what these files read: the real reports through test/fixtures/reports,
    // the example through test/fixtures/example.ts, jieba's dictionary through createRequire.
    expect(why['src/report/reports.test.ts']).toContain('test/fixtures/reports/index.ts');
    expect(why['src/plan/baseline.test.ts']).toContain('test/fixtures/example.ts');
    expect(why['src/requests/dispatch.test.ts']).toContain('src/requests/dispatch.ts');
    expect(live.length).toBeLessThan(files.length);

    const result = await run(
      process.execPath,
      [vitest, 'run', '-c', 'vitest.unit.config.ts', ...live],
      clone,
    );
    expect(result.code, tail(result)).toBe(0);
    const summary = /Test Files\s+(\d+) passed/.exec(stripVTControlCharacters(result.out));
    expect(Number(summary?.[1]), tail(result)).toBe(live.length);
  }, 600_000);

  it('packs a package that installs and extracts in an empty folder', async () => {
    // The suite's global setup has just compiled dist/ from these sources (test/build-setup.ts,
    // the same compile as prepack's): the clone packs a copy of it instead of compiling again.
    expect(ensureBuilt(root)).toBe(true); // compiles again only if a source changed since
    cpSync(join(root, 'dist'), join(clone, 'dist'), { recursive: true });
    const packed = await run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
      clone,
    );
    expect(packed.code, tail(packed)).toBe(0);
    const [info] = JSON.parse(packed.out.slice(packed.out.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = info?.files.map((f) => f.path) ?? [];
    expect(files).toEqual(
      expect.arrayContaining(['bin/luoshi', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js']),
    );
    expect(
      files.filter((f) => /^(src|test|e2e|web|bench|scripts)\//.test(f) || f.endsWith('.tsbuildinfo')),
    ).toEqual([]);

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    // From npm's cache when it holds the packages; install scripts are not needed to extract
    // (better-sqlite3 is loaded only by the commands that open a database).
    const install = await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        join(work, info?.filename ?? ''),
      ],
      app,
    );
    expect(install.code, tail(install)).toBe(0);

    const report = join(root, 'examples/2022-beijing-changping.txt');
    const expected = extractReport(readFileSync(report, 'utf8'));
    writeFileSync(
      join(app, 'use.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { extractReport } from 'luoshi';",
        'const e = extractReport(readFileSync(process.argv[2], "utf8"));',
        'console.log(JSON.stringify({ report: e.report, items: e.items.length, tasks: e.tasks.length }));',
      ].join('\n'),
    );
    const imported = await run(process.execPath, ['use.mjs', report], app);
    expect(imported.code, tail(imported)).toBe(0);
    expect(JSON.parse(imported.out)).toEqual({
      report: JSON.parse(JSON.stringify(expected.report)),
      items: expected.items.length,
      tasks: expected.tasks.length,
    });

    const extracted = await run('npx', ['--offline', 'luoshi', 'extract', report], app);
    expect(extracted.code, tail(extracted)).toBe(0);
    expect(extracted.err).toBe('');
    const json = JSON.parse(extracted.out) as { items: unknown[]; outline: unknown[] };
    expect(json.items).toEqual(JSON.parse(JSON.stringify(expected.items)));
    expect(json.outline).toEqual(JSON.parse(JSON.stringify(expected.outline)));
  }, 600_000);
});
