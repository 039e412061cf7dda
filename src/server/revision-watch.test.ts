/**
 * Two server processes on one database (two stores, two pools, two apps): a write through one
 * is seen by the other's next held read — on PostgreSQL once its notice has arrived
 * (store/revision-watch.ts), on SQLite at once (the revision is read in the call) — and on
 * PostgreSQL a listening connection killed falls back to reading the revision, then recovers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedExamplePlan, seedUnits } from '../../test/factories.js';
import type { TestDialect } from '../../test/factories.js';
import { createTestDatabase } from '../../test/pg.js';
import { updateTask } from '../commands/items.js';
import { updateUnit } from '../commands/units.js';
import type { Unit } from '../plan/types.js';
import { openStore } from '../store/index.js';
import { REVISION_WATCH_NAME } from '../store/connect.js';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';

const V1 = '/api/v1';

interface Process {
  store: Store;
  app: FastifyInstance;
}

interface Two {
  url: string;
  a: Process;
  b: Process;
  planId: number;
  taskId: number;
  units: Record<string, Unit>;
}

async function openTwo(dialect: TestDialect): Promise<Two> {
  let url: string;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-two-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    url = join(dir, 'two.sqlite');
  } else {
    url = await createTestDatabase();
  }
  const open = async (): Promise<Process> => {
    const store = await openStore(url);
    const app = await createApp({ store, webRoot: false });
    afterAll(async () => {
      await app.close();
      await store.close();
    });
    return { store, app };
  };
  const a = await open();
  const units = await seedUnits(a.store);
  const plan = await seedExamplePlan(a.store);
  const b = await open();
  const tasks = await a.store.tasks.list(plan.plan.id, { limit: 1 });
  return { url, a, b, planId: plan.plan.id, taskId: tasks.items[0]!.id, units };
}

/** Writes the task's weight through process `from`; answers the plan's revision after it. */
async function write(two: Two, from: Process, weight: number): Promise<number> {
  const task = await from.store.tasks.get(two.planId, two.taskId);
  await updateTask(from.store, two.planId, two.taskId, { weight }, task.version);
  return (await from.store.plans.findReadStamp(two.planId))!.revision;
}

async function weightSeenBy(two: Two, process: Process): Promise<number> {
  const response = await process.app.inject({ url: `${V1}/plans/${two.planId}/tasks/${two.taskId}` });
  expect(response.statusCode).toBe(200);
  return (JSON.parse(response.body) as { weight: number }).weight;
}

describe.each(DIALECTS)('held reads of two processes on one %s database', (dialect) => {
  let two: Two;

  beforeAll(async () => {
    two = await openTwo(dialect);
    await two.b.store.watchRevisions()?.whenLive();
  });

  it("sees the other process's write on the next held read, never an older one", async () => {
    const watch = two.b.store.watchRevisions();
    expect(watch === undefined).toBe(dialect === 'sqlite');
    const start = (await two.a.store.tasks.get(two.planId, two.taskId)).weight;
    for (let weight = start + 1; weight <= start + 6; weight++) {
      // Held by B before the write.
      await weightSeenBy(two, two.b);
      expect(await weightSeenBy(two, two.b)).toBe(weight - 1);
      const revision = await write(two, two.a, weight);
      // PostgreSQL: B learns of A's commit by its notice (delivered at commit, awaited here).
      await watch?.heard(two.planId, revision);
      expect(await weightSeenBy(two, two.b)).toBe(weight);
      // The writer itself reads its own write at once, its memory moved at commit.
      expect(await weightSeenBy(two, two.a)).toBe(weight);
    }
  });
});

describe('the revision watch on postgres', () => {
  let two: Two;

  beforeAll(async () => {
    two = await openTwo('postgres');
    await two.b.store.watchRevisions()!.whenLive();
    await two.a.store.watchRevisions()!.whenLive();
  });

  it('answers stamps from memory while live, falls back to reading them when its connection is killed, and recovers', async () => {
    const watch = two.b.store.watchRevisions()!;
    expect(two.b.store.plans.findReadStampNow(two.planId)?.stamp?.id).toBe(two.planId);
    const start = (await two.b.store.tasks.get(two.planId, two.taskId)).weight;

    const down = watch.whenDown();
    const admin = new pg.Client({ connectionString: two.url });
    await admin.connect();
    try {
      const killed = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()',
        [REVISION_WATCH_NAME],
      );
      expect(killed.rowCount).toBe(2);
    } finally {
      await admin.end();
    }
    await down;
    // Not trusted while down: the revision is read from the database.
    expect(watch.live).toBe(false);
    expect(two.b.store.plans.findReadStampNow(two.planId)).toBeUndefined();
    await write(two, two.a, start + 1);
    expect(await weightSeenBy(two, two.b)).toBe(start + 1);

    await watch.whenLive();
    expect(two.b.store.plans.findReadStampNow(two.planId)?.stamp).toBeDefined();
    const revision = await write(two, two.a, start + 2);
    await watch.heard(two.planId, revision);
    expect(two.b.store.plans.findReadStampNow(two.planId)?.stamp?.revision).toBe(revision);
    expect(await weightSeenBy(two, two.b)).toBe(start + 2);
  });

  it('hears a write to every plan (a unit renamed) and forgets a deleted plan', async () => {
    const watch = two.b.store.watchRevisions()!;
    const other = await seedExamplePlan(two.a.store);
    const created = (await two.a.store.plans.findReadStamp(other.plan.id))!;
    await watch.heard(other.plan.id, created.revision);
    expect(two.b.store.plans.findReadStampNow(other.plan.id)?.stamp?.revision).toBe(created.revision);
    const unit = await two.a.store.units.get(Object.values(two.units)[0]!.id);
    await updateUnit(two.a.store, unit.id, { name: `${unit.name}（更名）` }, unit.version);
    const renamed = (await two.a.store.plans.findReadStamp(two.planId))!.revision;
    await watch.heard(two.planId, renamed);
    await watch.heard(other.plan.id, created.revision + 1);
    expect(two.b.store.plans.findReadStampNow(two.planId)?.stamp?.revision).toBe(renamed);

    await two.a.store.transaction(async (tx) => {
      await tx.plans.delete(other.plan.id);
    });
    await watch.heard(other.plan.id, Number.MAX_SAFE_INTEGER);
    expect(two.b.store.plans.findReadStampNow(other.plan.id)).toEqual({ stamp: undefined });
    expect((await two.b.app.inject({ url: `${V1}/plans/${other.plan.id}` })).statusCode).toBe(404);
  });
});
