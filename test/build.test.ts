import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isFresh } from '../scripts/build.mjs';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file dated `minutes` minutes after a fixed moment. */
function file(root: string, path: string, minutes: number): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, '');
  const time = new Date(Date.UTC(2026, 0, 1, 0, minutes));
  utimesSync(full, time, time);
}

/** A checkout whose sources and configuration are dated minute 0, built at `builtAt` (if ever). */
function checkout(name: string, builtAt?: number): string {
  const root = join(dir, name);
  for (const path of [
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'src/index.ts',
    'src/cli/main.ts',
  ])
    file(root, path, 0);
  if (builtAt !== undefined) file(root, 'dist/.built', builtAt);
  return root;
}

describe('isFresh (scripts/build.mjs)', () => {
  it('is false before the first build, true after it', () => {
    expect(isFresh(checkout('never'))).toBe(false);
    expect(isFresh(checkout('built', 5))).toBe(true);
  });

  it('is false once a compiled source or a build setting is newer than the build', () => {
    const source = checkout('source', 5);
    file(source, 'src/cli/main.ts', 6);
    expect(isFresh(source)).toBe(false);
    const added = checkout('added', 5);
    file(added, 'src/plan/new-rule.ts', 6);
    expect(isFresh(added)).toBe(false);
    const settings = checkout('settings', 5);
    file(settings, 'tsconfig.build.json', 6);
    expect(isFresh(settings)).toBe(false);
  });

  it('ignores tests and test helpers, which the build does not compile', () => {
    const root = checkout('tests', 5);
    file(root, 'src/cli/main.test.ts', 9);
    file(root, 'src/server/testing/test-app.ts', 9);
    file(root, 'src/ingest/test-fixtures.ts', 9);
    file(root, 'src/report/fixtures/README.md', 9);
    expect(isFresh(root)).toBe(true);
  });
});
