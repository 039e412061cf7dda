/**
 * The library's stage spans (src/projects/spans.ts) in rows: written with each project by its
 * repository (the commands derive them), rebuilt when the stage model changes, and read by the board, the 三未 lists, the
 * stale list (with the quiet spans) and the promised counts as indexed queries for any day, without reading every
 * project's history.
 */
import { sql } from 'kysely';
import type { ExpressionBuilder, Insertable } from 'kysely';
import type { IdleKind } from '../projects/lists.js';
import type { QuietSpan, StageSpan } from '../projects/spans.js';
import type { ProjectRecord } from './library.js';
import { CHUNK, resolvePage } from './rows.js';
import type { Database, Db, LibraryStageSpansTable } from './schema.js';
import type { PageQuery } from './types.js';

/** Narrows a whole-library read: one library, the projects some units lead. */
export interface SpanFilter {
  library?: string | undefined;
  /** Lead units (an empty list: none). */
  unitIds?: readonly number[] | undefined;
}

/** What a list's row shows of its project. */
export interface IdleRowBase {
  projectId: number;
  stage: string;
  name: string;
  library: string;
  class: string;
  leadUnitId: number | null;
}

/** A 三未 list's row as the store keeps it. */
export interface IdleRow extends IdleRowBase {
  since: string;
  plannedBy: string | null;
}

/** What a project's spans are made of: its record (history, milestones and the columns beside them). */
type Spanned = Pick<
  ProjectRecord,
  'id' | 'library' | 'leadUnitId' | 'history' | 'milestones' | 'exited' | 'annualPlans' | 'targets'
>;

/** The rows of a project's spans. */
export function spanRows(
  owner: number,
  p: Spanned,
  spans: readonly StageSpan[],
): Insertable<LibraryStageSpansTable>[] {
  const years = [...new Set([...p.annualPlans.map((a) => a.year), ...p.targets.map((t) => t.year)])].sort(
    (a, b) => a - b,
  );
  return spans.map((s) => ({
    jurisdiction_id: owner,
    project_id: p.id,
    seq: s.seq,
    library: p.library,
    lead_unit_id: p.leadUnitId,
    stage: s.stage,
    stage_rank: s.rank,
    from_on: s.from,
    to_on: s.to,
    band: s.band,
    band_since: s.bandSince,
    planned_by: s.plannedBy,
    exited_on: p.exited?.date ?? null,
    planned_years: `,${years.join(',')},`,
  }));
}

type Spans = ExpressionBuilder<Database, 'library_stage_spans'>;

export class LibrarySpans {
  constructor(
    private readonly db: Db,
    private readonly owner: number,
  ) {}

  /** Replaces the spans of the projects given (deriveStageSpans of each whole record). */
  async write(items: readonly { project: Spanned; spans: readonly StageSpan[] }[]): Promise<void> {
    if (items.length === 0) return;
    const projects = items.map((i) => i.project);
    for (let i = 0; i < projects.length; i += CHUNK) {
      await this.db
        .deleteFrom('library_stage_spans')
        .where('jurisdiction_id', '=', this.owner)
        .where(
          'project_id',
          'in',
          projects.slice(i, i + CHUNK).map((p) => p.id),
        )
        .execute();
    }
    const rows = items.flatMap((i) => spanRows(this.owner, i.project, i.spans));
    for (let i = 0; i < rows.length; i += 500)
      await this.db
        .insertInto('library_stage_spans')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  /** Replaces a project's quiet spans (deriveQuietSpans of the project with all its figures). */
  async writeQuiet(projectId: number, quiet: readonly QuietSpan[]): Promise<void> {
    await this.db
      .deleteFrom('library_quiet_spans')
      .where('jurisdiction_id', '=', this.owner)
      .where('project_id', '=', projectId)
      .execute();
    for (let i = 0; i < quiet.length; i += 500)
      await this.db
        .insertInto('library_quiet_spans')
        .values(
          quiet.slice(i, i + 500).map((q) => ({
            jurisdiction_id: this.owner,
            project_id: projectId,
            from_on: q.from,
            to_on: q.to,
            last_on: q.last,
          })),
        )
        .execute();
  }

  /** The spans holding on `date` of projects in the library that day, narrowed by `filter`. */
  private holding(date: string, filter: SpanFilter) {
    return (eb: Spans) => {
      const conditions = [
        eb('library_stage_spans.jurisdiction_id', '=', this.owner),
        eb('library_stage_spans.to_on', '>', date),
        eb('library_stage_spans.from_on', '<=', date),
        eb.or([
          eb('library_stage_spans.exited_on', 'is', null),
          eb('library_stage_spans.exited_on', '>', date),
        ]),
      ];
      if (filter.library !== undefined)
        conditions.push(eb('library_stage_spans.library', '=', filter.library));
      if (filter.unitIds !== undefined)
        conditions.push(
          filter.unitIds.length === 0
            ? eb('library_stage_spans.lead_unit_id', 'in', [-1])
            : eb('library_stage_spans.lead_unit_id', 'in', filter.unitIds),
        );
      return eb.and(conditions);
    };
  }

  /** Projects in the library on `date` by library and stage (stages the model knows). */
  async countStages(date: string): Promise<{ library: string; stage: string; count: number }[]> {
    const rows = await this.db
      .selectFrom('library_stage_spans')
      .select(['library', 'stage', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where(this.holding(date, {}))
      .where('stage_rank', '>=', 0)
      .groupBy(['library', 'stage'])
      .execute();
    return rows.map((r) => ({ library: r.library, stage: r.stage, count: Number(r.n) }));
  }

  /** The size of each 三未 list on `date`, and how many on it are past their planned day. */
  async countIdle(date: string, filter: SpanFilter): Promise<Map<string, { count: number; late: number }>> {
    const rows = await this.db
      .selectFrom('library_stage_spans')
      .select([
        'band',
        (eb) => eb.fn.countAll<number | string>().as('n'),
        sql<number | string>`sum(case when planned_by < ${date} then 1 else 0 end)`.as('late'),
      ])
      .where(this.holding(date, filter))
      .where('band', 'is not', null)
      .groupBy('band')
      .execute();
    return new Map(rows.map((r) => [r.band!, { count: Number(r.n), late: Number(r.late ?? 0) }]));
  }

  /** One page of a 三未 list on `date`: late ones first, then the longest on it, then by id. */
  async listIdle(date: string, kind: IdleKind, filter: SpanFilter & PageQuery): Promise<IdleRow[]> {
    const { limit, offset } = resolvePage(filter);
    const rows = await this.db
      .selectFrom('library_stage_spans')
      .select([
        'library_stage_spans.project_id',
        'library_stage_spans.stage',
        'library_stage_spans.band_since',
        'library_stage_spans.planned_by',
        'library_stage_spans.library',
        'library_stage_spans.lead_unit_id',
      ])
      .where(this.holding(date, filter))
      .where('library_stage_spans.band', '=', kind)
      .orderBy(sql`case when library_stage_spans.planned_by < ${date} then 0 else 1 end`)
      .orderBy('library_stage_spans.band_since')
      .orderBy('library_stage_spans.project_id')
      .limit(limit)
      .offset(offset)
      .execute();
    // The page's names and classes, by id (the list itself is read from the band's index alone).
    const names =
      rows.length === 0
        ? []
        : await this.db
            .selectFrom('library_projects')
            .select(['id', 'name', 'class'])
            .where('jurisdiction_id', '=', this.owner)
            .where(
              'id',
              'in',
              rows.map((r) => r.project_id),
            )
            .execute();
    const byId = new Map(names.map((n) => [n.id, n]));
    return rows.map((r) => ({
      projectId: r.project_id,
      stage: r.stage,
      since: r.band_since!,
      plannedBy: r.planned_by,
      name: byId.get(r.project_id)?.name ?? '',
      library: r.library,
      class: byId.get(r.project_id)?.class ?? '',
      leadUnitId: r.lead_unit_id,
    }));
  }

  /**
   * One page of the projects stale on `date`: in the library that day at a stage before position
   * `before`, and whose quiet span that day has nothing moving since `cutoff` or earlier — oldest
   * movement first, then by id — with the list's size. Two indexed queries (spans of the day).
   */
  async listStale(
    date: string,
    cutoff: string,
    before: number,
    filter: SpanFilter & PageQuery,
  ): Promise<{ total: number; rows: (IdleRowBase & { lastProgress: string })[] }> {
    const { limit, offset } = resolvePage(filter);
    // CROSS JOIN keeps the quiet spans outside on SQLite (it never reorders one): the few quiet
    // since the cutoff, read in the list's order from their index, each probing its stage spans.
    const base = this.db
      .selectFrom('library_quiet_spans as q')
      .crossJoin('library_stage_spans as s')
      .where((eb) =>
        eb.and([
          eb('q.jurisdiction_id', '=', this.owner),
          eb('s.jurisdiction_id', '=', this.owner),
          eb('s.project_id', '=', eb.ref('q.project_id')),
          eb('q.to_on', '>', date),
          eb('q.last_on', '<=', cutoff),
          eb('q.from_on', '<=', date),
          eb('s.to_on', '>', date),
          eb('s.from_on', '<=', date),
          eb.or([eb('s.exited_on', 'is', null), eb('s.exited_on', '>', date)]),
          eb('s.stage_rank', '<', before),
          ...(filter.library === undefined ? [] : [eb('s.library', '=', filter.library)]),
          ...(filter.unitIds === undefined
            ? []
            : [eb('s.lead_unit_id', 'in', filter.unitIds.length === 0 ? [-1] : filter.unitIds)]),
        ]),
      );
    const [count, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      base
        .innerJoin('library_projects as p', (join) =>
          join.onRef('p.jurisdiction_id', '=', 'q.jurisdiction_id').onRef('p.id', '=', 'q.project_id'),
        )
        .select(['q.project_id', 'q.last_on', 's.stage', 's.library', 's.lead_unit_id', 'p.name', 'p.class'])
        .orderBy('q.last_on')
        .orderBy('q.project_id')
        .limit(limit)
        .offset(offset)
        .execute(),
    ]);
    return {
      total: Number(count.n),
      rows: rows.map((r) => ({
        projectId: r.project_id,
        stage: r.stage,
        lastProgress: r.last_on,
        name: r.name,
        library: r.library,
        class: r.class,
        leadUnitId: r.lead_unit_id,
      })),
    };
  }

  /** Projects that first reached a stage at position `rank` or later between `from` and `to` (inclusive). */
  async listReached(rank: number, from: string, to: string, library: string | null): Promise<number[]> {
    let query = this.db
      .selectFrom('library_stage_spans')
      .select('project_id')
      .where('jurisdiction_id', '=', this.owner)
      .where('stage_rank', '>=', rank);
    if (library !== null) query = query.where('library', '=', library);
    const rows = await query
      .groupBy('project_id')
      .having((eb) => eb.fn.min('from_on'), '>=', from)
      .having((eb) => eb.fn.min('from_on'), '<=', to)
      .orderBy('project_id')
      .execute();
    return rows.map((r) => r.project_id);
  }

  /** Projects with a plan or target for `year` in the library by `until` and not out by then. */
  async listPlannedFor(year: number, until: string, library: string | null): Promise<number[]> {
    let query = this.db
      .selectFrom('library_stage_spans')
      .select('project_id')
      .where('jurisdiction_id', '=', this.owner)
      .where('seq', '=', 0)
      .where('from_on', '<=', until)
      .where((eb) => eb.or([eb('exited_on', 'is', null), eb('exited_on', '>', until)]))
      .where('planned_years', 'like', `%,${year},%`);
    if (library !== null) query = query.where('library', '=', library);
    const rows = await query.orderBy('project_id').execute();
    return rows.map((r) => r.project_id);
  }
}
