/**
 * SQLite's stamps in memory (sqlite-stamps.ts): held while no other connection commits, dropped
 * the moment one does (`PRAGMA data_version`), and dropped for the plans this connection's own
 * commits move; never read inside an open transaction; no memory for ids that do not exist.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedExamplePlan } from '../../test/factories.js';
import { openStore } from './index.js';
import { SqliteStamps } from './sqlite-stamps.js';
import type { Store } from './types.js';

describe('stamps held in memory on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-stamps-'));
  const file = join(dir, 'stamps.sqlite');
  let store: Store;
  let planId: number;
  let other: Database.Database;

  beforeAll(async () => {
    store = await openStore(file);
    planId = (await seedExamplePlan(store)).plan.id;
    other = new Database(file);
  });
  afterAll(async () => {
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const revisionNow = () => store.plans.findReadStampNow(planId)!.stamp!.revision;

  it("is dropped as soon as another connection commits, and moves with this connection's own commits", async () => {
    const first = revisionNow();
    // Another connection (a `luoshi` command, a second process) advances the plan: seen at once.
    other.prepare('update plans set revision = revision + 1 where id = ?').run(planId);
    expect(revisionNow()).toBe(first + 1);
    // This connection's own write (a transaction that moves the plan): seen before the call returned.
    await store.transaction((tx) => tx.plans.touch(planId));
    const afterWrite = (await store.plans.findReadStamp(planId))!.revision;
    expect(afterWrite).toBe(first + 2);
    expect(revisionNow()).toBe(afterWrite);
  });

  it('answers from memory while nothing else commits, and not at all inside a transaction', async () => {
    const raw = new Database(':memory:');
    raw.exec('create table plans (id integer primary key, state text, revision integer, created_at text)');
    raw.prepare("insert into plans values (1, 'published', 5, '2022-01-01')").run();
    const stamps = new SqliteStamps(raw);
    expect(stamps.stampNow(1)?.stamp?.revision).toBe(5);
    // The same connection writing behind the store's back (never done by the store): memory
    // still answers what it read, which shows the answer came from memory.
    raw.prepare('update plans set revision = 6 where id = 1').run();
    expect(stamps.stampNow(1)?.stamp?.revision).toBe(5);
    stamps.forget({ all: false, planIds: [1] });
    expect(stamps.stampNow(1)?.stamp?.revision).toBe(6);
    // No plan 2: answered as absent, and asked again each time (nothing held for it).
    expect(stamps.stampNow(2)).toEqual({ stamp: undefined });
    raw.prepare("insert into plans values (2, 'draft', 1, '2022-01-02')").run();
    expect(stamps.stampNow(2)?.stamp).toEqual({
      id: 2,
      state: 'draft',
      revision: 1,
      createdAt: '2022-01-02',
    });
    raw.exec('begin');
    expect(stamps.stampNow(1)).toBeUndefined();
    raw.exec('rollback');
    raw.close();
  });
});
