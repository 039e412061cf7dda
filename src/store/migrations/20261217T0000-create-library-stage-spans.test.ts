import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { DEFAULT_STAGE_MODEL, deriveStageSpans } from '../../projects/index.js';
import { makeDraft } from '../../projects/test-fixtures.js';
import { openStore } from '../index.js';
import { columnsOf } from '../library.js';
import { spanRows } from '../library-spans.js';
import type { Database } from '../schema.js';
import { migrationProvider } from './index.js';

const BEFORE = '20261216T0100-add-jurisdiction-id';

describe.each(DIALECTS)('migration 20261217T0100-create-library-stage-spans on %s', (dialect) => {
  it('gives every project of a database made before it the spans the domain derives, under its model', async () => {
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
            { stage: '签约', date: '2021-03-01' },
            { stage: '入库', date: '2021-05-10' },
            { stage: '开工', date: '2022-04-01' },
            { stage: '建设', date: '2022-04-01' },
          ],
          milestones: [{ stage: '建成投用', planned: '2023-12-31' }],
          annualPlans: [{ year: 2022, planned: 1_000 }],
          targets: [{ year: 2023, stage: '建成投用', step: '建成投用' }],
        }),
        makeDraft({
          name: '乙项目',
          library: 'renewal',
          leadUnitId: null,
          exited: { date: '2022-08-01', reason: '并入甲项目' },
        }),
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

      const { error, results } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      expect(results?.map((r) => r.migrationName)).toContain('20261217T0000-create-library-stage-spans');

      const spans = await db
        .selectFrom('library_stage_spans')
        .selectAll()
        .orderBy('project_id')
        .orderBy('seq')
        .execute();
      expect(spans).toEqual(
        projects.flatMap((p, i) =>
          spanRows(1, { ...p, id: ids[i]! }, deriveStageSpans(p, DEFAULT_STAGE_MODEL)).map((row) => ({
            ...row,
            lead_unit_id: row.lead_unit_id ?? null,
            exited_on: row.exited_on ?? null,
            band: row.band ?? null,
            band_since: row.band_since ?? null,
            planned_by: row.planned_by ?? null,
          })),
        ),
      );
      expect(spans.filter((s) => s.project_id === ids[0]).map((s) => s.band)).toEqual([
        null,
        'approved_not_started',
        'started_not_building',
        'building_not_finished',
      ]);
    } finally {
      await store.close();
    }
  });
});
