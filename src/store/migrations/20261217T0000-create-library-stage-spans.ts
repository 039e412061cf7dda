/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * A library project's stage spans (issue 17's figures): one row per entry of its history, the
 * days [from_on, to_on) it held that stage ('9999-12-31' while it holds it), the stage's
 * position in the jurisdiction's model, the 三未 band it was on, the day it entered that band
 * and the next stage's planned day, with the project's library, lead unit, 出库 day and planned
 * years beside them, so that the board, the 三未, stale and promised counts are indexed queries
 * for any day. Written with the project by its repository; rebuilt when the stage model changes.
 * Existing projects get their spans here, under their jurisdiction's saved model (or the default).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('library_stage_spans')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('project_id', 'integer', (c) =>
      pg ? c.notNull() : c.notNull().references('library_projects.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('library', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_rank', 'integer', (c) => c.notNull())
    .addColumn('from_on', 'text', (c) => c.notNull())
    .addColumn('to_on', 'text', (c) => c.notNull())
    .addColumn('band', 'text')
    .addColumn('band_since', 'text')
    .addColumn('planned_by', 'text')
    .addColumn('exited_on', 'text')
    .addColumn('planned_years', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('library_stage_spans_pkey', ['jurisdiction_id', 'project_id', 'seq'])
    .$call((t) =>
      pg
        ? t.addForeignKeyConstraint(
            'library_stage_spans_project_fkey',
            ['jurisdiction_id', 'project_id'],
            'library_projects',
            ['jurisdiction_id', 'id'],
            (c) => c.onDelete('cascade'),
          )
        : t,
    )
    .execute();
  // The board: the spans holding on a day, with what it counts by (read from the index alone).
  await db.schema
    .createIndex('library_stage_spans_day')
    .on('library_stage_spans')
    .columns(['jurisdiction_id', 'to_on', 'from_on', 'exited_on', 'stage_rank', 'library', 'stage'])
    .execute();
  // A 三未 list: the spans of a band holding on a day, with what it filters, orders and shows.
  await db.schema
    .createIndex('library_stage_spans_band')
    .on('library_stage_spans')
    .columns([
      'jurisdiction_id',
      'band',
      'to_on',
      'from_on',
      'exited_on',
      'planned_by',
      'band_since',
      'project_id',
      'library',
      'lead_unit_id',
      'stage',
    ])
    .execute();
  // The promised counts: the first day a project reached a stage or a later one.
  await db.schema
    .createIndex('library_stage_spans_rank')
    .on('library_stage_spans')
    .columns(['jurisdiction_id', 'stage_rank', 'project_id', 'from_on'])
    .execute();
  await backfill(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('library_stage_spans').execute();
}

interface Stage {
  id: string;
  role?: string | null;
}

/** The default stage model's ids and roles as they were when this migration was written. */
const DEFAULT_STAGES: Stage[] = [
  { id: '谋划', role: 'reserve' },
  { id: '洽谈', role: 'negotiate' },
  { id: '签约', role: 'signed' },
  { id: '入库', role: 'approved' },
  { id: '开工', role: 'started' },
  { id: '建设', role: 'building' },
  { id: '建成投用', role: 'completed' },
  { id: '达产', role: 'capacity' },
];

const BANDS: [string, string, string][] = [
  ['approved_not_started', 'approved', 'started'],
  ['started_not_building', 'started', 'building'],
  ['building_not_finished', 'building', 'completed'],
];

async function backfill(db: Kysely<any>): Promise<void> {
  const settings = await db.selectFrom('library_settings').select(['jurisdiction_id', 'settings']).execute();
  const models = new Map<number, Stage[]>(
    settings.map((s: any) => [
      Number(s.jurisdiction_id),
      (JSON.parse(String(s.settings)) as { stageModel?: { stages: Stage[] } }).stageModel?.stages ??
        DEFAULT_STAGES,
    ]),
  );
  const projects = await db
    .selectFrom('library_projects')
    .select([
      'id',
      'jurisdiction_id',
      'library',
      'lead_unit_id',
      'history',
      'milestones',
      'exited_on',
      'annual_plans',
      'targets',
    ])
    .execute();
  const rows: Record<string, unknown>[] = [];
  for (const p of projects as any[]) {
    const stages = models.get(Number(p.jurisdiction_id)) ?? DEFAULT_STAGES;
    const role = (r: string) => stages.findIndex((s) => s.role === r);
    const bands = BANDS.map(([kind, from, to]) => ({
      kind,
      from: role(from),
      to: role(to),
      next: stages[role(to)]?.id ?? '',
    }));
    const history = JSON.parse(String(p.history)) as { stage: string; date: string }[];
    const milestones = JSON.parse(String(p.milestones)) as { stage: string; planned: string }[];
    const years = new Set<number>();
    for (const a of JSON.parse(String(p.annual_plans)) as { year: number }[]) years.add(a.year);
    for (const t of JSON.parse(String(p.targets)) as { year: number }[]) years.add(t.year);
    const plannedYears = `,${[...years].sort((a, b) => a - b).join(',')},`;
    let band: (typeof bands)[number] | undefined;
    let since = '';
    history.forEach((entry, seq) => {
      const rank = stages.findIndex((s) => s.id === entry.stage);
      const inBand = bands.find((b) => rank >= b.from && rank < b.to);
      if (inBand !== band) since = entry.date;
      band = inBand;
      const listed = inBand !== undefined && rank >= 0;
      rows.push({
        jurisdiction_id: p.jurisdiction_id,
        project_id: p.id,
        seq,
        library: p.library,
        lead_unit_id: p.lead_unit_id,
        stage: entry.stage,
        stage_rank: rank,
        from_on: entry.date,
        to_on: history[seq + 1]?.date ?? '9999-12-31',
        band: listed ? inBand.kind : null,
        band_since: listed ? since : null,
        planned_by: listed ? (milestones.find((m) => m.stage === inBand.next)?.planned ?? null) : null,
        exited_on: p.exited_on,
        planned_years: plannedYears,
      });
    });
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('library_stage_spans')
      .values(rows.slice(i, i + 500))
      .execute();
}
