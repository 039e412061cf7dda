/**
 * The Store over Kysely: one implementation for SQLite and PostgreSQL. Rows are snake_case
 * here and camelCase everywhere else; booleans are 0/1, dates ISO strings, JSON text.
 */
import { sql } from 'kysely';
import type { Expression, Kysely, SqlBool, Transaction } from 'kysely';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { derivePlanImport } from '../plan/import.js';
import type { PlanImport } from '../plan/import.js';
import { PROJECT_STAGES } from '../plan/types.js';
import type {
  Achievement,
  OutlineNode,
  Plan,
  PlanState,
  Project,
  ProjectList,
  ProjectStage,
  Target,
  Task,
  TaskState,
} from '../plan/types.js';
import type { Comparator, ItemKind, ReportMeta, Span } from '../report/types.js';
import type { DialectName } from './connect.js';
import { deriveRowMatches } from './match.js';
import type {
  AchievementsTable,
  Database,
  OutlineNodesTable,
  PlansTable,
  ProjectListsTable,
  ProjectsTable,
  TargetsTable,
  TasksTable,
} from './schema.js';
import * as tracking from './tracking-queries.js';
import { AuditRepository } from './audit.js';
import { SupervisionRepository } from './supervision.js';
import { TrackingRepository } from './tracking.js';
import { UnitRepository } from './units.js';
import { SessionRepository, UserRepository } from './users.js';
import { findSqliteHandle } from './connect.js';
import { SqliteIntakeQueue } from './intake-queue.js';
import { MediaRepository } from './media.js';
import { RequestSettingsRepository } from './request-settings.js';
import { RequestThemeRepository } from './request-themes.js';
import { RequestRepository, deriveEventRow, deriveOrderColumns } from './requests.js';
import * as documents from './documents-queries.js';
import * as review from './review-queries.js';
import type {
  AssignmentPatch,
  ChangeMeta,
  Page,
  PageQuery,
  NewTask,
  PlanImportInput,
  PlanItems,
  PlanSummary,
  ItemFields,
  NewReviewItem,
  ReviewKind,
  Store,
  TargetFilter,
  TaskFilter,
  Versioned,
} from './types.js';

/** Rows a list returns when the query names no limit, and the most it ever returns. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
// Rows per multi-row INSERT: far below SQLite's and PostgreSQL's bound-parameter limits.
const INSERT_CHUNK = 200;

const TASK_STATES: TaskState[] = ['not_started', 'in_progress', 'done', 'closed'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Db = Kysely<Database> | Transaction<Database>;
type PlanRow = Omit<PlansTable, 'text' | 'id'> & { id: number };
type TargetRow = Omit<TargetsTable, 'id'> & { id: number };
type TaskRow = Omit<TasksTable, 'id'> & { id: number };

const PLAN_COLUMNS = [
  'id',
  'title',
  'place',
  'level',
  'year',
  'state',
  'version',
  'meta',
  'source_name',
  'created_at',
  'updated_at',
  'published_at',
] as const;

/** The Store on an open Kysely connection (or a transaction of one). */
export class KyselyStore implements Store {
  readonly tracking: TrackingRepository;
  readonly supervision: SupervisionRepository;
  readonly audit: AuditRepository;
  readonly requests: RequestRepository;
  readonly requestSettings: RequestSettingsRepository;
  readonly requestThemes: RequestThemeRepository;
  readonly media: MediaRepository;
  readonly units: UnitRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;

  constructor(
    private readonly db: Db,
    readonly dialect: DialectName,
    private readonly inTransaction = false,
  ) {
    this.tracking = new TrackingRepository(db);
    this.supervision = new SupervisionRepository(db);
    this.audit = new AuditRepository(db);
    this.requests = new RequestRepository(db, dialect, inTransaction ? undefined : intakeQueueOf(db));
    this.requestSettings = new RequestSettingsRepository(db);
    this.requestThemes = new RequestThemeRepository(db);
    this.media = new MediaRepository(db);
    this.units = new UnitRepository(db, dialect);
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
  }

  /** The Kysely handle, for the stores of other domains on the same database (requests-store.ts). */
  get kysely(): Db {
    return this.db;
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await (this.db as Kysely<Database>).destroy();
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => fn(new KyselyStore(trx, this.dialect, true)));
  }

  /** Problems for unit ids that do not exist. */
  private async checkUnits(unitIds: (number | null | undefined)[], path: string): Promise<ErrorDetail[]> {
    const ids = [...new Set(unitIds.filter((id): id is number => typeof id === 'number'))];
    const bad = unitIds.filter((id) => id !== null && id !== undefined && !Number.isInteger(id));
    if (bad.length) return [{ path, message: 'unit ids must be integers' }];
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('units').select('id').where('id', 'in', ids).execute();
    const known = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !known.has(id));
    return missing.length ? [{ path, message: `no unit with id ${missing.join(', ')}` }] : [];
  }

  // ---- plans -----------------------------------------------------------------------------

  async importPlan(input: PlanImportInput): Promise<PlanSummary> {
    const rows = derivePlanImport(input.text, input.extraction, input);
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      const stamp = now();
      const plan = await self.db
        .insertInto('plans')
        .values({
          title: rows.plan.title,
          place: rows.plan.place,
          level: rows.plan.level,
          year: rows.plan.year,
          state: rows.plan.state,
          version: 1,
          meta: JSON.stringify(rows.plan.meta),
          source_name: rows.plan.sourceName,
          text: input.text,
          created_at: stamp,
          updated_at: stamp,
          published_at: rows.plan.state === 'published' ? stamp : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await self.writeRows(plan.id, rows, stamp);
      return self.getPlanSummary(plan.id);
    });
  }

  /** Inserts every row of an import for a new plan, mapping indexes to ids. */
  private async writeRows(planId: number, rows: PlanImport, stamp: string): Promise<void> {
    // One insert per level: a node's parent is always a level above it, so its id is known.
    const outlineIds: number[] = [];
    for (const level of [1, 2, 3]) {
      const indexes = rows.outline.flatMap((node, i) => (node.level === level ? [i] : []));
      const ids = await this.insertMany(
        'outline_nodes',
        indexes.map((i) => {
          const node = rows.outline[i] as PlanImport['outline'][number];
          return { plan_id: planId, ...outlineValues(node, outlineIds), weight: node.weight };
        }),
      );
      indexes.forEach((i, k) => (outlineIds[i] = ids[k] as number));
    }
    const outlineId = (i: number | null) => (i === null ? null : (outlineIds[i] ?? null));
    const achievementIds = await this.insertMany(
      'achievements',
      rows.achievements.map((a) => ({ plan_id: planId, ...achievementValues(a, outlineId) })),
    );
    const taskIds = await this.insertMany(
      'tasks',
      rows.tasks.map((t) => ({
        plan_id: planId,
        outline_node_id: outlineId(t.outlineIndex),
        text: t.text,
        span_start: t.span[0],
        span_end: t.span[1],
        state: 'not_started',
        progress: 0,
        lead_unit_id: null,
        leader: null,
        deadline: null,
        weight: 1,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      })),
    );
    const taskId = (i: number | null) => (i === null ? null : (taskIds[i] ?? null));
    await this.insertMany(
      'targets',
      rows.targets.map((t) => ({
        plan_id: planId,
        ...targetValues(t, outlineId, taskId, achievementIds),
        lead_unit_id: null,
        leader: null,
        deadline: null,
        weight: 1,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      })),
    );
    const listIds = await this.insertMany(
      'project_lists',
      rows.projectLists.map((l) => ({ plan_id: planId, ...listValues(l, taskId) })),
    );
    await this.insertMany(
      'projects',
      rows.projects.map((p) => ({
        plan_id: planId,
        ...projectValues(p, listIds, taskId),
        current_stage: p.currentStage,
        stage_dates: '{}',
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      })),
    );
  }

  /**
   * Multi-row inserts; returns the new ids in the order of `rows`. The ids are mapped back by
   * span rather than trusting the order of RETURNING, which neither engine promises.
   */
  private async insertMany<
    T extends 'outline_nodes' | 'achievements' | 'tasks' | 'targets' | 'project_lists' | 'projects',
  >(table: T, rows: { span_start: number; span_end: number }[]): Promise<number[]> {
    const ids: number[] = [];
    for (let from = 0; from < rows.length; from += INSERT_CHUNK) {
      const chunk = rows.slice(from, from + INSERT_CHUNK);
      const returned = (await this.db
        .insertInto(table)
        .values(chunk as never)
        .returning(['id', 'span_start', 'span_end'] as never)
        .execute()) as unknown as { id: number; span_start: number; span_end: number }[];
      const byKey = new Map<string, number[]>();
      for (const r of returned.sort((a, b) => a.id - b.id))
        push(byKey, `${r.span_start}:${r.span_end}`, r.id);
      for (const row of chunk) {
        const id = byKey.get(`${row.span_start}:${row.span_end}`)?.shift();
        if (id === undefined) throw new AppError('INTERNAL', `insert into ${table} lost a row`);
        ids.push(id);
      }
    }
    return ids;
  }

  async reimportPlan(planId: number, input: PlanImportInput, expectedVersion: number): Promise<PlanSummary> {
    const rows = derivePlanImport(input.text, input.extraction, input);
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      const old = await self.db
        .selectFrom('plans')
        .select(['text', 'state', 'published_at'])
        .where('id', '=', planId)
        .executeTakeFirst();
      if (!old) throw notFound('plan', planId);
      const stamp = now();
      const state = input.state ?? (old.state as PlanState);
      const bumped = await self.db
        .updateTable('plans')
        .set({
          title: rows.plan.title,
          place: rows.plan.place,
          level: rows.plan.level,
          year: rows.plan.year,
          state,
          meta: JSON.stringify(rows.plan.meta),
          source_name: rows.plan.sourceName,
          text: input.text,
          updated_at: stamp,
          published_at: state === 'published' ? (old.published_at ?? stamp) : null,
          version: sql<number>`version + 1`,
        })
        .where('id', '=', planId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(bumped.numUpdatedRows) === 0) throw staleVersion('plan', planId);
      await self.mergeRows(planId, rows, old.text, input.text, stamp);
      return self.getPlanSummary(planId);
    });
  }

  /**
   * Merges a new import into an existing plan: matched rows keep their id, assignment, state
   * and progress and take the new extraction's fields; new rows are inserted; unmatched old
   * rows are removed.
   */
  private async mergeRows(planId: number, rows: PlanImport, oldText: string, newText: string, stamp: string) {
    const db = this.db;
    const spanOf = (r: { span_start: number; span_end: number }): Span => [r.span_start, r.span_end];
    const bump = { version: sql<number>`version + 1`, updated_at: stamp };

    // Outline: key = level and title.
    const oldOutline = await db
      .selectFrom('outline_nodes')
      .selectAll()
      .where('plan_id', '=', planId)
      .execute();
    const outlineMatch = deriveRowMatches(
      oldOutline.map((r) => ({ span: spanOf(r), key: `${r.level}:${r.title}` })),
      rows.outline.map((n) => ({ span: n.span, key: `${n.level}:${n.title}` })),
    );
    const outlineIds: number[] = [];
    for (const [i, node] of rows.outline.entries()) {
      const match = oldOutline[outlineMatch[i] ?? -1];
      const values = outlineValues(node, outlineIds);
      if (match) {
        if (!sameValues(match, values)) {
          await db.updateTable('outline_nodes').set(values).where('id', '=', match.id).execute();
        }
        outlineIds.push(match.id);
      } else {
        const row = await db
          .insertInto('outline_nodes')
          .values({ plan_id: planId, ...values, weight: node.weight })
          .returning('id')
          .executeTakeFirstOrThrow();
        outlineIds.push(row.id);
      }
    }
    const outlineId = (i: number | null) => (i === null ? null : (outlineIds[i] ?? null));

    // Achievements: key = quote.
    const oldAchievements = await db
      .selectFrom('achievements')
      .selectAll()
      .where('plan_id', '=', planId)
      .execute();
    const achievementIds = await this.mergeTable(
      'achievements',
      oldAchievements,
      deriveRowMatches(
        oldAchievements.map((r) => ({ span: spanOf(r), key: r.quote })),
        rows.achievements.map((a) => ({ span: a.span, key: a.quote })),
      ),
      rows.achievements.map((a) => achievementValues(a, outlineId)),
      (values) => ({ plan_id: planId, ...values }),
      () => ({}),
    );

    // Tasks: key = text. Tasks carried over from an earlier plan are not the report's: they
    // take part in no match and are never removed as unmatched.
    const oldTasks = await db
      .selectFrom('tasks')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('carried_from', 'is', null)
      .execute();
    const taskIds = await this.mergeTable(
      'tasks',
      oldTasks,
      deriveRowMatches(
        oldTasks.map((r) => ({ span: spanOf(r), key: r.text })),
        rows.tasks.map((t) => ({ span: t.span, key: t.text })),
      ),
      rows.tasks.map((t) => ({
        outline_node_id: outlineId(t.outlineIndex),
        text: t.text,
        span_start: t.span[0],
        span_end: t.span[1],
      })),
      (values) => ({
        plan_id: planId,
        ...values,
        state: 'not_started',
        progress: 0,
        lead_unit_id: null,
        leader: null,
        deadline: null,
        weight: 1,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      }),
      () => bump,
    );
    const taskId = (i: number | null) => (i === null ? null : (taskIds[i] ?? null));

    // Targets: key = quote.
    const oldTargets = await db.selectFrom('targets').selectAll().where('plan_id', '=', planId).execute();
    await this.mergeTable(
      'targets',
      oldTargets,
      deriveRowMatches(
        oldTargets.map((r) => ({ span: spanOf(r), key: r.quote })),
        rows.targets.map((t) => ({ span: t.span, key: t.quote })),
      ),
      rows.targets.map((t) => targetValues(t, outlineId, taskId, achievementIds)),
      (values) => ({
        plan_id: planId,
        ...values,
        lead_unit_id: null,
        leader: null,
        deadline: null,
        weight: 1,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      }),
      () => bump,
    );

    // Projects before lists: a list removed takes its remaining projects with it.
    const oldLists = await db.selectFrom('project_lists').selectAll().where('plan_id', '=', planId).execute();
    const listMatch = deriveRowMatches(
      oldLists.map((r) => ({ span: spanOf(r), key: oldText.slice(r.span_start, r.span_end) })),
      rows.projectLists.map((l) => ({ span: l.span, key: newText.slice(l.span[0], l.span[1]) })),
    );
    const listIds: number[] = [];
    for (const [i, list] of rows.projectLists.entries()) {
      const match = oldLists[listMatch[i] ?? -1];
      const values = listValues(list, taskId);
      if (match) {
        if (!sameValues(match, values)) {
          await db.updateTable('project_lists').set(values).where('id', '=', match.id).execute();
        }
        listIds.push(match.id);
      } else {
        const row = await db
          .insertInto('project_lists')
          .values({ plan_id: planId, ...values })
          .returning('id')
          .executeTakeFirstOrThrow();
        listIds.push(row.id);
      }
    }
    const oldProjects = await db.selectFrom('projects').selectAll().where('plan_id', '=', planId).execute();
    await this.mergeTable(
      'projects',
      oldProjects,
      deriveRowMatches(
        oldProjects.map((r) => ({ span: spanOf(r), key: r.name })),
        rows.projects.map((p) => ({ span: p.span, key: p.name })),
      ),
      rows.projects.map((p) => projectValues(p, listIds, taskId)),
      (values, i) => ({
        plan_id: planId,
        ...values,
        current_stage: rows.projects[i]?.currentStage ?? '储备',
        stage_dates: '{}',
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      }),
      () => bump,
    );
    const keptLists = new Set(listIds);
    const goneLists = oldLists.filter((r) => !keptLists.has(r.id)).map((r) => r.id);
    if (goneLists.length) await db.deleteFrom('project_lists').where('id', 'in', goneLists).execute();
    const keptOutline = new Set(outlineIds);
    const goneOutline = oldOutline.filter((r) => !keptOutline.has(r.id)).map((r) => r.id);
    if (goneOutline.length) await db.deleteFrom('outline_nodes').where('id', 'in', goneOutline).execute();
  }

  /** Updates matched rows, inserts new ones, deletes unmatched old ones; returns ids in order. */
  private async mergeTable<V extends object>(
    table: 'achievements' | 'tasks' | 'targets' | 'projects',
    oldRows: { id: number }[],
    matches: (number | null)[],
    values: V[],
    insertValues: (values: V, index: number) => object,
    updateExtra: () => object,
  ): Promise<number[]> {
    const ids: number[] = [];
    for (const [i, v] of values.entries()) {
      const match = oldRows[matches[i] ?? -1];
      if (match) {
        // Most rows of a re-import are unchanged: leave them (and their version) alone.
        if (!sameValues(match, v)) {
          await this.db
            .updateTable(table)
            .set({ ...v, ...updateExtra() } as never)
            .where('id', '=', match.id)
            .execute();
        }
        ids.push(match.id);
      } else {
        const row = (await this.db
          .insertInto(table)
          .values(insertValues(v, i) as never)
          .returning('id' as never)
          .executeTakeFirstOrThrow()) as { id: number };
        ids.push(row.id);
      }
    }
    const kept = new Set(ids);
    const gone = oldRows.filter((r) => !kept.has(r.id)).map((r) => r.id);
    for (let from = 0; from < gone.length; from += INSERT_CHUNK) {
      await this.db
        .deleteFrom(table)
        .where('id', 'in', gone.slice(from, from + INSERT_CHUNK))
        .execute();
    }
    return ids;
  }

  async listPlans(query: PageQuery & { state?: PlanState }): Promise<Page<Plan>> {
    const { limit, offset } = page(query);
    let base = this.db.selectFrom('plans');
    if (query.state) base = base.where('state', '=', query.state);
    const [rows, count] = await Promise.all([
      base
        .select(PLAN_COLUMNS)
        .orderBy('year', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toPlan), total: Number(count.n) };
  }

  async getPlan(id: number): Promise<Plan> {
    const row = await this.db
      .selectFrom('plans')
      .select(PLAN_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('plan', id);
    return toPlan(row);
  }

  async getPlanSummary(id: number): Promise<PlanSummary> {
    const plan = await this.getPlan(id);
    const count = (
      table: 'outline_nodes' | 'targets' | 'achievements' | 'tasks' | 'projects' | 'project_lists',
    ) =>
      this.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('plan_id', '=', id);
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('outline_nodes')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('plan_id', '=', id)
          .as('outline'),
        count('targets').as('targets'),
        count('achievements').as('achievements'),
        count('tasks').as('tasks'),
        count('projects').as('projects'),
        count('project_lists').as('project_lists'),
        eb
          .selectFrom('tasks')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('plan_id', '=', id)
          .where('lead_unit_id', 'is not', null)
          .as('tasks_assigned'),
      ])
      .executeTakeFirstOrThrow();
    return {
      plan,
      counts: {
        outline: Number(row.outline),
        targets: Number(row.targets),
        achievements: Number(row.achievements),
        tasks: Number(row.tasks),
        projects: Number(row.projects),
        projectLists: Number(row.project_lists),
        tasksAssigned: Number(row.tasks_assigned),
      },
    };
  }

  async getPlanText(id: number): Promise<string> {
    const row = await this.db.selectFrom('plans').select('text').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('plan', id);
    return row.text;
  }

  async updatePlan(
    id: number,
    patch: Partial<Pick<Plan, 'title' | 'state'>>,
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Plan> {
    const problems: ErrorDetail[] = [];
    if (patch.title !== undefined && !patch.title.trim())
      problems.push({ path: 'title', message: 'must not be empty' });
    if (patch.state !== undefined && patch.state !== 'draft' && patch.state !== 'published') {
      problems.push({ path: 'state', message: 'must be draft or published' });
    }
    if (problems.length) throw new AppError('BAD_INPUT', 'invalid plan', problems);
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      const stamp = now();
      const before = await self.getPlan(id);
      const result = await self.db
        .updateTable('plans')
        .set((eb) => ({
          version: sql<number>`version + 1`,
          updated_at: stamp,
          ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
          ...(patch.state !== undefined
            ? {
                state: patch.state,
                published_at:
                  patch.state === 'published'
                    ? eb.fn.coalesce('published_at', eb.val(stamp))
                    : eb.val<string | null>(null),
              }
            : {}),
        }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        await self.getPlan(id);
        throw staleVersion('plan', id);
      }
      const after = await self.getPlan(id);
      const event = tracking.changeEvent(
        { type: 'plan', id },
        id,
        planFields(before),
        planFields(after),
        meta,
      );
      await tracking.insertAuditEvent(self.db, event);
      return after;
    });
  }

  async deletePlan(id: number): Promise<void> {
    const result = await this.db.deleteFrom('plans').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('plan', id);
  }

  // ---- outline, targets, achievements ------------------------------------------------------

  async listOutline(planId: number): Promise<OutlineNode[]> {
    await this.getPlanExists(planId);
    const rows = await this.db
      .selectFrom('outline_nodes')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('span_start')
      .orderBy('id')
      .execute();
    return rows.map(toOutlineNode);
  }

  /** Filters: unitId matches lead or co-unit; outlineNodeId takes the node and its subtree; q searches metric, quote and sentence. */
  async listTargets(planId: number, filter: TargetFilter = {}): Promise<Page<Target>> {
    await this.getPlanExists(planId);
    const { limit, offset } = page(filter);
    const nodes =
      filter.outlineNodeId === undefined ? undefined : await this.subtree(planId, filter.outlineNodeId);
    let base = this.db.selectFrom('targets').where('targets.plan_id', '=', planId);
    if (filter.unitId !== undefined) {
      const unitId = filter.unitId;
      base = base.where((eb) =>
        eb.or([
          eb('targets.lead_unit_id', '=', unitId),
          eb.exists(
            eb
              .selectFrom('target_co_units')
              .select('target_co_units.unit_id')
              .whereRef('target_co_units.target_id', '=', 'targets.id')
              .where('target_co_units.unit_id', '=', unitId),
          ),
        ]),
      );
    }
    if (nodes) base = base.where('targets.outline_node_id', 'in', nodes);
    if (filter.q) {
      const q = filter.q;
      base = base.where((eb) =>
        eb.or([
          contains(eb.ref('targets.metric'), q),
          contains(eb.ref('targets.quote'), q),
          contains(eb.ref('targets.sentence'), q),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      base
        .selectAll('targets')
        .orderBy('targets.span_start')
        .orderBy('targets.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await this.toTargets(rows), total: Number(count.n) };
  }

  async getTarget(planId: number, id: number): Promise<Target> {
    const row = await this.db
      .selectFrom('targets')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('target', id);
    const [target] = await this.toTargets([row]);
    if (!target) throw notFound('target', id);
    return target;
  }

  async updateTarget(
    planId: number,
    id: number,
    patch: AssignmentPatch,
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Target> {
    const problems = await this.checkAssignment(patch);
    if (problems.length) throw new AppError('BAD_INPUT', 'invalid assignment', problems);
    return this.writeAssignment({
      type: 'target',
      planId,
      id,
      expectedVersion,
      meta,
      columns: assignmentValues(patch),
      coUnitIds: patch.coUnitIds,
      read: (store) => store.getTarget(planId, id),
      fields: assignmentFields,
    });
  }

  /**
   * The write behind updateTarget and updateTask, in one transaction: the row's columns under
   * its version (NOT_FOUND when it is gone, CONFLICT when the version is stale), its co-units
   * replaced when `coUnitIds` is given (duplicates dropped; [] clears them), and an audit event
   * of the fields `fields` picks before and after.
   */
  private async writeAssignment<T extends Target | Task>(change: {
    type: 'target' | 'task';
    planId: number;
    id: number;
    expectedVersion: number;
    meta: ChangeMeta | undefined;
    columns: object;
    coUnitIds: readonly number[] | undefined;
    read: (store: KyselyStore) => Promise<T>;
    fields: (item: T) => object;
  }): Promise<T> {
    const { type, planId, id } = change;
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      const before = await change.read(self);
      const result = await self.db
        .updateTable(type === 'target' ? 'targets' : 'tasks')
        .set({ ...change.columns, version: sql<number>`version + 1`, updated_at: now() })
        .where('plan_id', '=', planId)
        .where('id', '=', id)
        .where('version', '=', change.expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        await change.read(self);
        throw staleVersion(type, id);
      }
      if (change.coUnitIds) await replaceCoUnits(self.db, type, id, change.coUnitIds);
      const after = await change.read(self);
      const event = tracking.changeEvent(
        { type, id },
        planId,
        change.fields(before),
        change.fields(after),
        change.meta,
      );
      await tracking.insertAuditEvent(self.db, event);
      return after;
    });
  }

  async listAchievements(planId: number, query: PageQuery & { q?: string } = {}): Promise<Page<Achievement>> {
    await this.getPlanExists(planId);
    const { limit, offset } = page(query);
    let base = this.db.selectFrom('achievements').where('plan_id', '=', planId);
    if (query.q) {
      const q = query.q;
      base = base.where((eb) => eb.or([contains(eb.ref('metric'), q), contains(eb.ref('quote'), q)]));
    }
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('span_start').orderBy('id').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toAchievement), total: Number(count.n) };
  }

  async getAchievement(planId: number, id: number): Promise<Achievement> {
    const row = await this.db
      .selectFrom('achievements')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('achievement', id);
    return toAchievement(row);
  }

  // ---- tasks -------------------------------------------------------------------------------

  /** Filters: unitId matches lead or co-unit; outlineNodeId takes the node and its subtree; q searches the text. */
  async listTasks(planId: number, filter: TaskFilter = {}): Promise<Page<Task>> {
    await this.getPlanExists(planId);
    const { limit, offset } = page(filter);
    const nodes =
      filter.outlineNodeId === undefined ? undefined : await this.subtree(planId, filter.outlineNodeId);
    let base = this.db.selectFrom('tasks').where('tasks.plan_id', '=', planId);
    if (filter.unitId !== undefined) {
      const unitId = filter.unitId;
      // A union of two index lookups: `lead = ? OR EXISTS(co-unit)` made both engines scan the
      // plan's every task (8–10 ms at 10,000 tasks, against about 2 ms this way).
      base = base.where('tasks.id', 'in', (eb) =>
        eb
          .selectFrom('tasks as lead')
          .select('lead.id')
          .where('lead.plan_id', '=', planId)
          .where('lead.lead_unit_id', '=', unitId)
          .union(
            eb
              .selectFrom('task_co_units')
              .select('task_co_units.task_id as id')
              .where('task_co_units.unit_id', '=', unitId),
          ),
      );
    }
    if (filter.state) base = base.where('tasks.state', '=', filter.state);
    if (nodes) base = base.where('tasks.outline_node_id', 'in', nodes);
    if (filter.overdueOn) {
      base = base
        .where('tasks.deadline', 'is not', null)
        .where('tasks.deadline', '<', filter.overdueOn)
        .where('tasks.state', 'not in', ['done', 'closed']);
    }
    if (filter.q) {
      const q = filter.q;
      base = base.where((eb) => contains(eb.ref('tasks.text'), q));
    }
    const [rows, count] = await Promise.all([
      base
        .selectAll('tasks')
        .orderBy('tasks.span_start')
        .orderBy('tasks.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await this.toTasks(rows), total: Number(count.n) };
  }

  async getTask(planId: number, id: number): Promise<Task> {
    const row = await this.db
      .selectFrom('tasks')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('task', id);
    const [task] = await this.toTasks([row]);
    if (!task) throw notFound('task', id);
    return task;
  }

  async updateTask(
    planId: number,
    id: number,
    patch: AssignmentPatch & { state?: TaskState; progress?: number },
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Task> {
    const problems = await this.checkAssignment(patch);
    if (patch.state !== undefined && !TASK_STATES.includes(patch.state)) {
      problems.push({ path: 'state', message: `must be one of ${TASK_STATES.join(', ')}` });
    }
    if (
      patch.progress !== undefined &&
      !(Number.isFinite(patch.progress) && patch.progress >= 0 && patch.progress <= 100)
    ) {
      problems.push({ path: 'progress', message: 'must be a number from 0 to 100' });
    }
    if (problems.length) throw new AppError('BAD_INPUT', 'invalid task update', problems);
    return this.writeAssignment({
      type: 'task',
      planId,
      id,
      expectedVersion,
      meta,
      columns: {
        ...assignmentValues(patch),
        ...(patch.state !== undefined ? { state: patch.state } : {}),
        ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
      },
      coUnitIds: patch.coUnitIds,
      read: (store) => store.getTask(planId, id),
      fields: taskFields,
    });
  }

  async createTask(planId: number, input: NewTask): Promise<Task> {
    await this.getPlanExists(planId);
    const problems = await this.checkAssignment(input);
    if (problems.length > 0) throw new AppError('BAD_INPUT', 'invalid task', problems);
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      const id = await documents.insertTask(self.db, planId, input, now());
      return self.getTask(planId, id);
    });
  }

  // ---- projects ----------------------------------------------------------------------------

  async listProjectLists(planId: number): Promise<ProjectList[]> {
    await this.getPlanExists(planId);
    const rows = await this.db
      .selectFrom('project_lists')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('span_start')
      .orderBy('id')
      .execute();
    return rows.map(toProjectList);
  }

  async listProjects(
    planId: number,
    query: PageQuery & { listId?: number; q?: string } = {},
  ): Promise<Page<Project>> {
    await this.getPlanExists(planId);
    const { limit, offset } = page(query);
    let base = this.db.selectFrom('projects').where('plan_id', '=', planId);
    if (query.listId !== undefined) base = base.where('list_id', '=', query.listId);
    if (query.q) {
      const q = query.q;
      base = base.where((eb) => contains(eb.ref('name'), q));
    }
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('span_start').orderBy('id').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toProject), total: Number(count.n) };
  }

  async getProject(planId: number, id: number): Promise<Project> {
    const row = await this.db
      .selectFrom('projects')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('project', id);
    return toProject(row);
  }

  async updateProject(
    planId: number,
    id: number,
    patch: { currentStage?: ProjectStage; stageDates?: Project['stageDates'] },
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Project> {
    const problems: ErrorDetail[] = [];
    if (patch.currentStage !== undefined && !PROJECT_STAGES.includes(patch.currentStage)) {
      problems.push({ path: 'currentStage', message: `must be one of ${PROJECT_STAGES.join(', ')}` });
    }
    for (const [stage, date] of Object.entries(patch.stageDates ?? {})) {
      if (!PROJECT_STAGES.includes(stage as ProjectStage)) {
        problems.push({ path: `stageDates.${stage}`, message: 'not a pipeline stage' });
      } else if (typeof date !== 'string' || !ISO_DATE.test(date)) {
        problems.push({ path: `stageDates.${stage}`, message: 'must be a date YYYY-MM-DD' });
      }
    }
    if (problems.length) throw new AppError('BAD_INPUT', 'invalid project update', problems);
    return this.transaction(async (tx) =>
      (tx as KyselyStore).writeProject(planId, id, patch, expectedVersion, meta),
    );
  }

  private async writeProject(
    planId: number,
    id: number,
    patch: { currentStage?: ProjectStage; stageDates?: Project['stageDates'] },
    expectedVersion: number,
    meta: ChangeMeta | undefined,
  ): Promise<Project> {
    const before = await this.getProject(planId, id);
    const result = await this.db
      .updateTable('projects')
      .set({
        ...(patch.currentStage !== undefined ? { current_stage: patch.currentStage } : {}),
        ...(patch.stageDates !== undefined ? { stage_dates: JSON.stringify(patch.stageDates) } : {}),
        version: sql<number>`version + 1`,
        updated_at: now(),
      })
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw staleVersion('project', id);
    const after = await this.getProject(planId, id);
    const fields = (p: Project) => ({ currentStage: p.currentStage, stageDates: p.stageDates });
    const event = tracking.changeEvent({ type: 'project', id }, planId, fields(before), fields(after), meta);
    await tracking.insertAuditEvent(this.db, event);
    return after;
  }

  // ---- tracking (issue 4): see tracking-queries.ts ----------------------------------------

  async getPlanItems(planId: number): Promise<PlanItems> {
    const plan = await this.getPlan(planId);
    const [outline, taskRows, targetRows, projectLists, projectRows, taskCo, targetCo] = await Promise.all([
      this.listOutline(planId),
      this.db
        .selectFrom('tasks')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('span_start')
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('targets')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('span_start')
        .orderBy('id')
        .execute(),
      this.listProjectLists(planId),
      this.db
        .selectFrom('projects')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('span_start')
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('task_co_units')
        .innerJoin('tasks', 'tasks.id', 'task_co_units.task_id')
        .select(['task_co_units.task_id as id', 'task_co_units.unit_id'])
        .where('tasks.plan_id', '=', planId)
        .orderBy('task_co_units.unit_id')
        .execute(),
      this.db
        .selectFrom('target_co_units')
        .innerJoin('targets', 'targets.id', 'target_co_units.target_id')
        .select(['target_co_units.target_id as id', 'target_co_units.unit_id'])
        .where('targets.plan_id', '=', planId)
        .orderBy('target_co_units.unit_id')
        .execute(),
    ]);
    const coUnits = (rows: { id: number; unit_id: number }[]) => {
      const map = new Map<number, number[]>();
      for (const r of rows) push(map, r.id, r.unit_id);
      return map;
    };
    const taskUnits = coUnits(taskCo);
    const tasks = taskRows.map((r) => ({ ...taskFromRow(r), coUnitIds: taskUnits.get(r.id) ?? [] }));
    // Targets need their baselines: reuse the one mapping, in bounded chunks of ids.
    const targets: Target[] = [];
    for (let i = 0; i < targetRows.length; i += MAX_LIMIT) {
      targets.push(...(await this.toTargets(targetRows.slice(i, i + MAX_LIMIT))));
    }
    const targetUnits = coUnits(targetCo);
    for (const t of targets) t.coUnitIds = targetUnits.get(t.id) ?? [];
    return { plan, outline, tasks, targets, projectLists, projects: projectRows.map(toProject) };
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async getPlanExists(planId: number): Promise<void> {
    const row = await this.db.selectFrom('plans').select('id').where('id', '=', planId).executeTakeFirst();
    if (!row) throw notFound('plan', planId);
  }

  /** The node and every node below it; NOT_FOUND when the node is not in the plan. */
  private async subtree(planId: number, nodeId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('outline_nodes')
      .select(['id', 'parent_id'])
      .where('plan_id', '=', planId)
      .execute();
    if (!rows.some((r) => r.id === nodeId)) throw notFound('outline node', nodeId);
    const children = new Map<number, number[]>();
    for (const r of rows) if (r.parent_id !== null) push(children, r.parent_id, r.id);
    const out: number[] = [];
    const stack = [nodeId];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      out.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  }

  private async checkAssignment(patch: AssignmentPatch): Promise<ErrorDetail[]> {
    const problems: ErrorDetail[] = [];
    if (patch.leadUnitId !== undefined && patch.leadUnitId !== null) {
      problems.push(...(await this.checkUnits([patch.leadUnitId], 'leadUnitId')));
    }
    if (patch.coUnitIds !== undefined) {
      if (!Array.isArray(patch.coUnitIds))
        problems.push({ path: 'coUnitIds', message: 'must be a list of unit ids' });
      else problems.push(...(await this.checkUnits(patch.coUnitIds, 'coUnitIds')));
    }
    if (patch.deadline !== undefined && patch.deadline !== null && !isIsoDate(patch.deadline)) {
      problems.push({ path: 'deadline', message: 'must be a date YYYY-MM-DD' });
    }
    if (patch.weight !== undefined && !(Number.isFinite(patch.weight) && patch.weight >= 0)) {
      problems.push({ path: 'weight', message: 'must be a number ≥ 0' });
    }
    return problems;
  }

  private async toTargets(rows: TargetRow[]): Promise<Target[]> {
    const ids = rows.map((r) => r.id);
    const coUnits = new Map<number, number[]>();
    const baselineIds = [
      ...new Set(rows.map((r) => r.baseline_achievement_id).filter((id): id is number => id !== null)),
    ];
    const [units, baselines] = await Promise.all([
      ids.length
        ? this.db
            .selectFrom('target_co_units')
            .select(['target_id', 'unit_id'])
            .where('target_id', 'in', ids)
            .orderBy('unit_id')
            .execute()
        : Promise.resolve([]),
      baselineIds.length
        ? this.db
            .selectFrom('achievements')
            .select(['id', 'value', 'unit', 'period'])
            .where('id', 'in', baselineIds)
            .execute()
        : Promise.resolve([]),
    ]);
    for (const u of units) push(coUnits, u.target_id, u.unit_id);
    const baselineById = new Map(baselines.map((b) => [b.id, b]));
    return rows.map((r) => {
      const b = r.baseline_achievement_id === null ? undefined : baselineById.get(r.baseline_achievement_id);
      return {
        id: r.id,
        planId: r.plan_id,
        outlineNodeId: r.outline_node_id,
        taskId: r.task_id,
        metric: r.metric,
        comparator: r.comparator as Comparator,
        value: Number(r.value),
        unit: r.unit,
        period: r.period,
        direction: (r.direction as Target['direction']) ?? null,
        span: [r.span_start, r.span_end],
        quote: r.quote,
        sentence: r.sentence,
        baseline: b ? { value: Number(b.value), unit: b.unit, period: b.period, achievementId: b.id } : null,
        leadUnitId: r.lead_unit_id,
        coUnitIds: coUnits.get(r.id) ?? [],
        leader: r.leader,
        deadline: r.deadline,
        weight: Number(r.weight),
        version: r.version,
      };
    });
  }

  private async toTasks(rows: TaskRow[]): Promise<Task[]> {
    const ids = rows.map((r) => r.id);
    const coUnits = new Map<number, number[]>();
    if (ids.length) {
      const units = await this.db
        .selectFrom('task_co_units')
        .select(['task_id', 'unit_id'])
        .where('task_id', 'in', ids)
        .orderBy('unit_id')
        .execute();
      for (const u of units) push(coUnits, u.task_id, u.unit_id);
    }
    return rows.map((r) => ({ ...taskFromRow(r), coUnitIds: coUnits.get(r.id) ?? [] }));
  }

  // ---- review of an extraction (issue 5): src/store/review-queries.ts ----------------------

  async correctTarget(
    planId: number,
    id: number,
    patch: Partial<ItemFields>,
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Target> {
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      await review.correctItem(self.db, 'target', planId, id, patch, expectedVersion, meta);
      return self.getTarget(planId, id);
    });
  }

  async correctAchievement(
    planId: number,
    id: number,
    patch: Partial<ItemFields>,
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Versioned<Achievement>> {
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      await review.correctItem(self.db, 'achievement', planId, id, patch, expectedVersion, meta);
      return {
        ...(await self.getAchievement(planId, id)),
        version: await self.getAchievementVersion(planId, id),
      };
    });
  }

  async getAchievementVersion(planId: number, id: number): Promise<number> {
    return review.achievementVersion(this.db, planId, id);
  }

  async addTarget(planId: number, input: NewReviewItem, meta?: ChangeMeta): Promise<Target> {
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      return self.getTarget(planId, await review.addItem(self.db, 'target', planId, input, meta));
    });
  }

  async addAchievement(
    planId: number,
    input: NewReviewItem,
    meta?: ChangeMeta,
  ): Promise<Versioned<Achievement>> {
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      const id = await review.addItem(self.db, 'achievement', planId, input, meta);
      return {
        ...(await self.getAchievement(planId, id)),
        version: await self.getAchievementVersion(planId, id),
      };
    });
  }

  async deleteReviewItem(planId: number, kind: ReviewKind, id: number, meta?: ChangeMeta): Promise<void> {
    await this.transaction(async (tx) => review.deleteItem((tx as KyselyStore).db, kind, planId, id, meta));
  }

  async splitTask(
    planId: number,
    id: number,
    at: number,
    expectedVersion?: number,
    meta?: ChangeMeta,
  ): Promise<[Task, Task]> {
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      const [a, b] = await review.splitTask(self.db, planId, id, at, expectedVersion, meta);
      return [await self.getTask(planId, a), await self.getTask(planId, b)];
    });
  }

  async mergeTasks(planId: number, ids: readonly [number, number], meta?: ChangeMeta): Promise<Task> {
    return this.transaction(async (tx) => {
      const self = tx as KyselyStore;
      return self.getTask(planId, await review.mergeTasks(self.db, planId, ids, meta));
    });
  }
}

const CO_UNITS = {
  target: { table: 'target_co_units', column: 'target_id' },
  task: { table: 'task_co_units', column: 'task_id' },
} as const;

/** Replaces a task's or a target's co-units with `unitIds` (each once). */
async function replaceCoUnits(
  db: Db,
  type: 'target' | 'task',
  id: number,
  unitIds: readonly number[],
): Promise<void> {
  const { table, column } = CO_UNITS[type];
  await db.deleteFrom(table).where(column, '=', id).execute();
  const unique = [...new Set(unitIds)];
  if (unique.length) {
    await db
      .insertInto(table)
      .values(unique.map((unitId) => ({ [column]: id, unit_id: unitId }) as never))
      .execute();
  }
}

function taskFromRow(r: TaskRow): Task {
  return {
    id: r.id,
    planId: r.plan_id,
    outlineNodeId: r.outline_node_id,
    text: r.text,
    span: [r.span_start, r.span_end],
    state: r.state as TaskState,
    progress: Number(r.progress),
    leadUnitId: r.lead_unit_id,
    coUnitIds: [],
    leader: r.leader,
    deadline: r.deadline,
    weight: Number(r.weight),
    version: r.version,
    carriedFrom: r.carried_from,
  };
}

/** SQLite's group commit of intakes (intake-queue.ts), on a SQLite connection only. */
function intakeQueueOf(db: Db): SqliteIntakeQueue | undefined {
  const database = findSqliteHandle(db);
  return database === undefined
    ? undefined
    : new SqliteIntakeQueue(db as Kysely<Database>, database, {
        order: (order) => ({ id: order.id, ...deriveOrderColumns(order) }),
        event: deriveEventRow,
      });
}

// ---- audit snapshots: the fields a change can touch (not version or timestamps) -------------

function assignmentFields(item: Target | Task) {
  return {
    leadUnitId: item.leadUnitId,
    coUnitIds: item.coUnitIds,
    leader: item.leader,
    deadline: item.deadline,
    weight: item.weight,
  };
}

function taskFields(task: Task) {
  return { ...assignmentFields(task), state: task.state, progress: task.progress };
}

function planFields(plan: Plan) {
  return { title: plan.title, state: plan.state, publishedAt: plan.publishedAt };
}

// ---- row values (import) -------------------------------------------------------------------

function outlineValues(node: PlanImport['outline'][number], ids: number[]) {
  return {
    parent_id: node.parentIndex === null ? null : (ids[node.parentIndex] ?? null),
    level: node.level,
    title: node.title,
    span_start: node.span[0],
    span_end: node.span[1],
    position: node.position,
  };
}

function achievementValues(
  a: PlanImport['achievements'][number],
  outlineId: (i: number | null) => number | null,
) {
  return {
    outline_node_id: outlineId(a.outlineIndex),
    metric: a.metric,
    comparator: a.comparator,
    value: a.value,
    unit: a.unit,
    period: a.period,
    span_start: a.span[0],
    span_end: a.span[1],
    quote: a.quote,
  };
}

function targetValues(
  t: PlanImport['targets'][number],
  outlineId: (i: number | null) => number | null,
  taskId: (i: number | null) => number | null,
  achievementIds: number[],
) {
  return {
    outline_node_id: outlineId(t.outlineIndex),
    task_id: taskId(t.taskIndex),
    metric: t.metric,
    comparator: t.comparator,
    value: t.value,
    unit: t.unit,
    period: t.period,
    direction: t.direction,
    span_start: t.span[0],
    span_end: t.span[1],
    quote: t.quote,
    sentence: t.sentence,
    baseline_achievement_id: t.baselineIndex === null ? null : (achievementIds[t.baselineIndex] ?? null),
  };
}

function listValues(l: PlanImport['projectLists'][number], taskId: (i: number | null) => number | null) {
  return {
    task_id: taskId(l.taskIndex),
    stage: l.stage,
    count: l.count,
    kind: l.kind,
    span_start: l.span[0],
    span_end: l.span[1],
  };
}

function projectValues(
  p: PlanImport['projects'][number],
  listIds: number[],
  taskId: (i: number | null) => number | null,
) {
  const listId = listIds[p.listIndex];
  if (listId === undefined) throw new AppError('INTERNAL', `project ${p.name} has no list`);
  return {
    list_id: listId,
    task_id: taskId(p.taskIndex),
    name: p.name,
    stage: p.stage,
    kind: p.kind,
    span_start: p.span[0],
    span_end: p.span[1],
  };
}

function assignmentValues(patch: AssignmentPatch) {
  return {
    ...(patch.leadUnitId !== undefined ? { lead_unit_id: patch.leadUnitId } : {}),
    ...(patch.leader !== undefined ? { leader: patch.leader?.trim() || null } : {}),
    ...(patch.deadline !== undefined ? { deadline: patch.deadline } : {}),
    ...(patch.weight !== undefined ? { weight: patch.weight } : {}),
  };
}

// ---- row mappers ---------------------------------------------------------------------------

function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    title: row.title,
    place: row.place,
    level: row.level,
    year: Number(row.year),
    state: row.state as PlanState,
    version: Number(row.version),
    meta: JSON.parse(row.meta) as ReportMeta,
    sourceName: row.source_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

function toOutlineNode(row: Omit<OutlineNodesTable, 'id'> & { id: number }): OutlineNode {
  return {
    id: row.id,
    planId: row.plan_id,
    parentId: row.parent_id,
    level: row.level as OutlineNode['level'],
    title: row.title,
    span: [row.span_start, row.span_end],
    position: row.position,
    weight: Number(row.weight),
  };
}

function toAchievement(row: Omit<AchievementsTable, 'id'> & { id: number }): Achievement {
  return {
    id: row.id,
    planId: row.plan_id,
    outlineNodeId: row.outline_node_id,
    metric: row.metric,
    comparator: row.comparator as Comparator,
    value: Number(row.value),
    unit: row.unit,
    period: row.period,
    span: [row.span_start, row.span_end],
    quote: row.quote,
  };
}

function toProjectList(row: Omit<ProjectListsTable, 'id'> & { id: number }): ProjectList {
  return {
    id: row.id,
    planId: row.plan_id,
    taskId: row.task_id,
    stage: row.stage,
    count: row.count === null ? null : Number(row.count),
    kind: row.kind as ItemKind,
    span: [row.span_start, row.span_end],
  };
}

function toProject(row: Omit<ProjectsTable, 'id'> & { id: number }): Project {
  return {
    id: row.id,
    planId: row.plan_id,
    listId: row.list_id,
    taskId: row.task_id,
    name: row.name,
    stage: row.stage,
    kind: row.kind as ItemKind,
    span: [row.span_start, row.span_end],
    currentStage: row.current_stage as ProjectStage,
    stageDates: JSON.parse(row.stage_dates) as Project['stageDates'],
    version: row.version,
  };
}

// ---- small helpers -------------------------------------------------------------------------

function now(): string {
  return new Date().toISOString();
}

function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function page(query: PageQuery): { limit: number; offset: number } {
  const limit =
    query.limit === undefined ? DEFAULT_LIMIT : Math.min(Math.max(0, Math.floor(query.limit)), MAX_LIMIT);
  const offset = query.offset === undefined ? 0 : Math.max(0, Math.floor(query.offset));
  return { limit, offset };
}

/** `column` contains `needle`, case-folded, with LIKE's wildcards escaped. */
function contains(column: Expression<string | null>, needle: string): Expression<SqlBool> {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}

/** True when every field of `values` equals the row's (numbers compared as numbers). */
function sameValues(row: object, values: object): boolean {
  const current = row as Record<string, unknown>;
  return Object.entries(values).every(([key, value]) => {
    const was = current[key];
    return typeof value === 'number' && was !== null ? Number(was) === value : was === value;
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function notFound(what: string, id: number): AppError {
  return new AppError('NOT_FOUND', `no ${what} with id ${id}`);
}

function staleVersion(what: string, id: number): AppError {
  return new AppError('CONFLICT', `${what} ${id} was changed by someone else: reload it and try again`, [
    { path: 'expectedVersion', message: 'stale version' },
  ]);
}
