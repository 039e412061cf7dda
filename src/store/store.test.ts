import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import type { AppError } from '../errors.js';
import { createTestDatabase } from '../../test/pg.js';
import { migrateToLatest, openStore } from './index.js';

// The repositories with the commands that write through them: src/commands/store.test.ts.

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

describe('openStore', () => {
  it('migrates a SQLite file once and reuses its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-store-'));
    try {
      const file = join(dir, 'nested', 'luoshi.sqlite');
      expect((await migrateToLatest(file)).length).toBeGreaterThan(10);
      const store = await openStore(file);
      await store.units.insert({ jurisdictionId: 1, name: '区财政局', kind: 'department', area: null });
      await store.close();
      expect(await migrateToLatest(file)).toEqual([]);
      const again = await openStore(file);
      expect((await again.units.list()).map((u) => u.name)).toEqual(['区财政局']);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migrates a PostgreSQL database once', async () => {
    const url = await createTestDatabase();
    expect((await migrateToLatest(url)).length).toBeGreaterThan(10);
    expect(await migrateToLatest(url)).toEqual([]);
  });

  it('says in one line which PostgreSQL server it cannot reach', async () => {
    const error = await rejection(openStore('postgres://postgres@127.0.0.1:1/luoshi'));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/^cannot reach PostgreSQL at 127\.0\.0\.1:1\/luoshi: .*ECONNREFUSED/);
    expect(error.message).not.toContain('\n');
  });

  it('says which SQLite file it cannot open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-store-'));
    try {
      // A path through a regular file cannot become a folder.
      const file = join(dir, 'not-a-folder');
      writeFileSync(file, '');
      const error = await rejection(openStore(join(file, 'data.sqlite')));
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.message).toContain(join(file, 'data.sqlite'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
