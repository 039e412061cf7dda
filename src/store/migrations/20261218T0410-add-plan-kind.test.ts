import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { openStore } from '../index.js';
import { migrationProvider } from './index.js';

const BEFORE = '20261217T0100-add-token-scopes-and-limit-hits';

describe.each(DIALECTS)('migration 20261218T0410-add-plan-kind on %s', (dialect) => {
  it('marks the plans a database already holds as ledgers by work_ledgers, every other as a report’s', async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      // Frozen like the migration: the tables as they stood before it.
      const db = (store as unknown as { kysely: Kysely<any> }).kysely; // eslint-disable-line @typescript-eslint/no-explicit-any
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      const stamp = '2026-12-01T00:00:00.000Z';
      const plan = (title: string, year: number) => ({
        jurisdiction_id: 1,
        title,
        place: '',
        level: '',
        year,
        state: 'draft',
        version: 1,
        meta: '{}',
        source_name: '',
        text: '',
        created_at: stamp,
        updated_at: stamp,
      });
      const ids: number[] = [];
      for (const [title, year] of [
        ['2026年政府工作报告', 2026],
        ['2026年督查督办事项台账', 2026],
        ['2025年督查督办事项台账', 2025],
      ] as const) {
        const row = (await db
          .insertInto('plans')
          .values(plan(title, year))
          .returning('id')
          .executeTakeFirstOrThrow()) as { id: number };
        ids.push(row.id);
      }
      await db
        .insertInto('work_ledgers')
        .values([
          { jurisdiction_id: 1, year: 2026, plan_id: ids[1], created_at: stamp },
          { jurisdiction_id: 1, year: 2025, plan_id: ids[2], created_at: stamp },
        ])
        .execute();

      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      const kinds = await db.selectFrom('plans').select(['id', 'kind']).orderBy('id').execute();
      expect(kinds).toEqual([
        { id: ids[0], kind: 'report' },
        { id: ids[1], kind: 'ledger' },
        { id: ids[2], kind: 'ledger' },
      ]);
      expect((await store.plans.list({ limit: 10 })).items.map((p) => p.id)).toEqual([ids[0]]);
      expect((await store.plans.list({ limit: 10, kind: 'ledger' })).items.map((p) => p.id)).toEqual([
        ids[1],
        ids[2],
      ]);
    } finally {
      await store.close();
    }
  });
});
