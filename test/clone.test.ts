/**
 * The repository alone, as a newcomer meets it: the committed HEAD cloned into an empty folder
 * with no ../shared beside it (node_modules linked, not installed) runs its unit tier
 * (vitest.unit.config.ts); and the npm package packed from that clone installs in another
 * empty folder, where `import { extractReport } from 'luoshi'` and `npx luoshi extract` work.
 * The package holds the dist/ the suite compiled (prepack's `--clean` compile is the same tsc).
 * Uncommitted changes are not in the clone: commit before trusting this test.
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../scripts/build.mjs';
import { extractReport } from '../src/report/index.js';

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

describe('a clone of the repository alone', () => {
  it('has no ../shared beside it and passes its unit tier', async () => {
    expect(existsSync(join(work, 'shared'))).toBe(false);
    const vitest = join(clone, 'node_modules/vitest/vitest.mjs');
    const result = await run(process.execPath, [vitest, 'run', '-c', 'vitest.unit.config.ts'], clone);
    expect(result.code, tail(result)).toBe(0);
    expect(result.out).toMatch(/Test Files\s+.*\d+ passed/);
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
