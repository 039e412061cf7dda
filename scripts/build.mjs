#!/usr/bin/env node
// Compiles the server, the CLI and the library (src/) into dist/ with tsc (tsconfig.build.json).
//   node scripts/build.mjs            `npm run build`: incremental, then stamps dist/.built
//   node scripts/build.mjs --clean    removes dist/ first (`npm pack` does this: no stale files)
// bin/luoshi and scripts/start.mjs call ensureBuilt(): it compiles only when dist/ is missing or
// older than the sources, a check of file times that takes a few milliseconds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this script belongs to. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Written after a successful build, dated when that build started. */
const STAMP = 'dist/.built';
/** Held while one process builds, so that two commands started together build once. */
const LOCK = 'dist.lock';
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 10 * 60_000;

/** Files outside src/ whose change changes the build. */
const CONFIG_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** True for a file tsconfig.build.json compiles: .ts under src/, minus tests and test helpers. */
function isBuilt(name, dir) {
  return (
    name.endsWith('.ts') &&
    !name.endsWith('.test.ts') &&
    name !== 'test-fixtures.ts' &&
    !dir.split(/[\\/]/).includes('testing')
  );
}

/** The newest modification time (ms) of the sources the build compiles. */
function newestSource(root) {
  let newest = 0;
  for (const file of CONFIG_FILES) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (isBuilt(entry.name, dir)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  return newest;
}

/** True when dist/ was built from the sources as they are now. */
export function isFresh(root = ROOT) {
  try {
    return statSync(join(root, STAMP)).mtimeMs >= newestSource(root);
  } catch {
    return false; // no stamp: never built, or the last build failed
  }
}

/**
 * Runs tsc. Its messages go to stderr (stdout is the command's output). Returns true on
 * success; on failure nothing is stamped, so the next command tries again.
 */
export function build(root = ROOT, { clean = false } = {}) {
  if (clean) rmSync(join(root, 'dist'), { recursive: true, force: true });
  let tsc;
  try {
    tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    console.error('luoshi: error: dist/ must be built and TypeScript is not installed (run npm ci)');
    return false;
  }
  const started = Date.now();
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (run.status !== 0) {
    console.error('luoshi: error: the TypeScript build failed (tsc -p tsconfig.build.json, messages above)');
    return false;
  }
  const stamp = join(root, STAMP);
  writeFileSync(stamp, 'dist/ was compiled from src/ by scripts/build.mjs\n');
  // Dated when the build started: a source saved during the build makes the next run build again.
  utimesSync(stamp, new Date(started), new Date(started));
  return true;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ when it is missing or older than the sources, saying so on stderr; waits for
 * another process that is building. Returns false when the build failed.
 */
export function ensureBuilt(root = ROOT) {
  if (isFresh(root)) return true;
  const lock = join(root, LOCK);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    if (isFresh(root)) return true; // another process built it while this one waited
    console.error('luoshi: compiling src/ into dist/, which is missing or older than the sources…');
    return build(root);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = build(ROOT, { clean: process.argv.includes('--clean') }) ? 0 : 1;
}
