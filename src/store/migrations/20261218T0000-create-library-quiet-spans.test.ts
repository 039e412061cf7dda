import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { deriveQuietSpans } from '../../projects/index.js';
import { makeDraft } from '../../projects/test-fixtures.js';
import { openStore } from '../index.js';
import { columnsOf } from '../library.js';
import type { Database } from '../schema.js';
import { migrationProvider } from './index.js';

const BEFORE = '20261217T0100-add-token-scopes-and-limit-hits';

describe.each(DIALECTS)('migration 20261218T0000-create-library-quiet-spans on %s', (dialect) => {
  it('gives every project of a database made before it the quiet spans the domain derives', async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      const db = (store as unknown as { kysely: Kysely<Database> }).kysely;
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      const stamp = '2026-12-01T00:00:00.000Z';
      const projects = [
        makeDraft({
          name: '甲项目',
          history: [
            { stage: '入库', date: '2021-05-10' },
            { stage: '开工', date: '2022-01-31' },
          ],
          progress: [{ date: '2022-06-15', note: '主体施工' }],
          investments: [
            { month: '2021-02', amount: 100 },
            { month: '2022-02', amount: 300 },
            { month: '2022-03', amount: 0 },
            { month: '2022-04', amount: 50 },
            { month: '2022-12', amount: 20 },
          ],
        }),
        makeDraft({ name: '乙项目', exited: { date: '2022-08-01', reason: '并入甲项目' } }),
      ];
      await db
        .insertInto('library_projects')
        .values(
          projects.map((p) => ({
            ...columnsOf({ ...p, id: 0 }),
            jurisdiction_id: 1,
            version: 1,
            created_at: stamp,
            updated_at: stamp,
          })),
        )
        .execute();
      const ids = (await db.selectFrom('library_projects').select('id').orderBy('id').execute()).map(
        (r) => r.id,
      );
      await db
        .insertInto('library_investments')
        .values(
          projects[0]!.investments.map((m) => ({
            jurisdiction_id: 1,
            project_id: ids[0]!,
            month: m.month,
            amount: m.amount,
          })),
        )
        .execute();

      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();

      const rows = await db
        .selectFrom('library_quiet_spans')
        .selectAll()
        .orderBy('project_id')
        .orderBy('from_on')
        .execute();
      const expected = projects.flatMap((p, i) =>
        deriveQuietSpans(p).map((q) => ({
          jurisdiction_id: 1,
          project_id: ids[i]!,
          from_on: q.from,
          to_on: q.to,
          last_on: q.last,
        })),
      );
      expect(rows).toEqual(expected);
      // Each quiet stretch of a month or more, with the last movement before it (March's 0 moves nothing).
      expect(rows.filter((r) => r.project_id === ids[0]).map((r) => [r.from_on, r.last_on])).toEqual([
        ['2021-02-01', '2021-02-28'],
        ['2021-05-10', '2021-05-10'],
        ['2022-02-01', '2022-02-28'],
        ['2022-04-01', '2022-04-30'],
        ['2022-06-15', '2022-06-15'],
        ['2022-12-01', '2022-12-31'],
      ]);
    } finally {
      await store.close();
    }
  });
});
