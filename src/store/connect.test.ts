import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import Database from 'better-sqlite3';
import { connect, preparedOnce } from './connect.js';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-connect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pragmas(file: string, env: Record<string, string>) {
  const { db, sqlite: handle } = await connect(join(dir, file), parseConfig(env));
  try {
    return {
      journal: handle?.pragma('journal_mode', { simple: true }),
      // 1 = NORMAL, 2 = FULL (https://sqlite.org/pragma.html#pragma_synchronous)
      synchronous: handle?.pragma('synchronous', { simple: true }),
    };
  } finally {
    await db.destroy();
  }
}

describe('connect to SQLite', () => {
  it('opens a file in WAL mode with synchronous NORMAL by default', async () => {
    expect(await pragmas('default.sqlite', {})).toEqual({ journal: 'wal', synchronous: 1 });
  });

  it('keeps synchronous FULL when LUOSHI_SQLITE_SYNCHRONOUS asks for it', async () => {
    expect(await pragmas('full.sqlite', { LUOSHI_SQLITE_SYNCHRONOUS: 'full' })).toEqual({
      journal: 'wal',
      synchronous: 2,
    });
  });

  it('gives the better-sqlite3 handle of its own Kysely only', async () => {
    const { db, sqlite } = await connect(':memory:');
    try {
      expect(sqlite?.open).toBe(true);
      sqlite?.exec('create table probe (n integer)');
      // The same database: what one writes, the other reads.
      sqlite?.exec('insert into probe values (7)');
      const rows = await db
        .selectFrom('probe' as never)
        .selectAll()
        .execute();
      expect(rows).toEqual([{ n: 7 }]);
    } finally {
      await db.destroy();
    }
  });
});

describe('statements prepared once for Kysely on SQLite', () => {
  it('uses a statement again for the same SQL, never one that is busy, and holds at most the bound', () => {
    const database = new Database(':memory:');
    try {
      database.exec('create table t (n integer); insert into t values (1), (2), (3)');
      const held = preparedOnce(database, 2);
      const read = held.prepare('select n from t order by n');
      expect(held.prepare('select n from t order by n')).toBe(read);
      // A query still streaming through it: the next caller gets a statement of its own.
      const rows = read.iterate([]);
      expect(rows.next().value).toEqual({ n: 1 });
      const other = held.prepare('select n from t order by n');
      expect(other).not.toBe(read);
      expect(other.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      rows.return?.();
      expect(held.prepare('select n from t order by n')).toBe(read);
      // Past the bound the oldest goes: prepared again, a new statement.
      held.prepare('select 1');
      held.prepare('select 2');
      expect(held.prepare('select n from t order by n')).not.toBe(read);
    } finally {
      database.close();
    }
  });
});
