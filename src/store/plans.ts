/**
 * Plans and their outline: a plan's row (title, state, the report's text every span indexes),
 * its counts, its outline tree, and every item of it unpaged (health reads them all). The rows
 * of an import are written by plan-rows.ts.
 */
import { sql } from 'kysely';
import type { PlanImport } from '../plan/import.js';
import type { ImportedRows, ReimportMatches } from '../plan/match.js';
import type { OutlineNode, Plan, PlanKind, PlanState } from '../plan/types.js';
import type { ReportMeta } from '../report/types.js';
import { insertPlanRows, listImportedRows, writeReimportRows } from './plan-rows.js';
import { ProjectRepository } from './projects.js';
import { notFound, planOwner, push, readPage } from './rows.js';
import type { Db, OutlineNodesTable, PlansTable } from './schema.js';
import { TargetRepository } from './targets.js';
import { TaskRepository } from './tasks.js';
import type { PlanRevisions } from './revisions.js';
import { toStamp } from './sqlite-stamps.js';
import type { Page, PageQuery, PlanItems, PlanReadStamp, PlanSummary } from './types.js';

type PlanRow = Omit<PlansTable, 'text' | 'id' | 'revision'> & { id: number };

const PLAN_COLUMNS = [
  'id',
  'jurisdiction_id',
  'title',
  'place',
  'level',
  'year',
  'state',
  'kind',
  'version',
  'meta',
  'source_name',
  'created_at',
  'updated_at',
  'published_at',
] as const;

function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    jurisdictionId: row.jurisdiction_id,
    title: row.title,
    place: row.place,
    level: row.level,
    year: Number(row.year),
    state: row.state as PlanState,
    kind: row.kind as PlanKind,
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

/** NOT_FOUND unless plan `planId` exists. */
export async function assertPlanExists(db: Db, planId: number): Promise<void> {
  const row = await db.selectFrom('plans').select('id').where('id', '=', planId).executeTakeFirst();
  if (!row) throw notFound('plan', planId);
}

/** The node and every node below it; NOT_FOUND when the node is not in the plan. */
export async function listSubtree(db: Db, planId: number, nodeId: number): Promise<number[]> {
  const rows = await db
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

/** The columns of a plan a new version of its report sets. */
type PlanHeader = PlanImport['plan'];

/** Where a plan's stamp is read at once (store.ts): the PostgreSQL watch or SQLite's memory. */
export interface StampMemory {
  stampNow(planId: number): { stamp: PlanReadStamp | undefined } | undefined;
}

export class PlanRepository {
  /**
   * `memory`: where stamps are read at once (findReadStampNow) when this store is the
   * connection's own, outside any transaction: SQLite's (sqlite-stamps.ts) or the PostgreSQL
   * watch's (revision-watch.ts).
   */
  constructor(
    private readonly db: Db,
    private readonly revisions: PlanRevisions,
    private readonly memory?: StampMemory,
  ) {}

  /**
   * Plan `planId` advances its revision when the transaction commits: for a command whose
   * writes to the plan append no audit event naming it (store/revisions.ts).
   */
  touch(planId: number): Promise<void> {
    return this.revisions.touch(planId);
  }

  /** The plan's read version and state (one row by its key), or undefined when there is none. */
  async findReadStamp(id: number): Promise<PlanReadStamp | undefined> {
    const row = await this.db
      .selectFrom('plans')
      .select(['id', 'state', 'revision', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toStamp(row);
  }

  /**
   * The plan's read stamp read at once, in this call, where the engine answers in-process
   * (SQLite, from memory checked against `PRAGMA data_version`, sqlite-stamps.ts: microseconds;
   * PostgreSQL, from the memory of a
   * store whose revisions are watched while its listening connection is live,
   * revision-watch.ts): `{ stamp }`, with `stamp` undefined when there is no such plan.
   * Undefined where only `findReadStamp` can tell: PostgreSQL unwatched, down or not caught
   * up, a plan memory does not know, and SQLite while a transaction is open on the
   * connection (its uncommitted revision must not be seen; findReadStamp waits for the
   * transaction to end). Reads only what has committed; on PostgreSQL another process's
   * commit once its notice has arrived.
   */
  findReadStampNow(id: number): { stamp: PlanReadStamp | undefined } | undefined {
    return this.memory?.stampNow(id);
  }

  /** Plans, newest year first; `state` keeps one state only, `jurisdictionIds` those jurisdictions' only. */
  async list(
    query: PageQuery & {
      state?: PlanState | undefined;
      jurisdictionIds?: readonly number[] | undefined;
      /** The kinds listed: reports' plans only unless asked (a ledger is no one's plan to choose). */
      kind?: PlanKind | undefined;
    },
  ): Promise<Page<Plan>> {
    let base = this.db.selectFrom('plans').where('kind', '=', query.kind ?? 'report');
    if (query.state) base = base.where('state', '=', query.state);
    if (query.jurisdictionIds !== undefined) {
      base = base.where(
        'jurisdiction_id',
        'in',
        query.jurisdictionIds.length > 0 ? [...query.jurisdictionIds] : [-1],
      );
    }
    return readPage(
      base,
      query,
      (q) => q.select(PLAN_COLUMNS).orderBy('year', 'desc').orderBy('id', 'desc'),
      (rows) => rows.map(toPlan),
    );
  }

  /** The plan, or undefined. */
  async find(id: number): Promise<Plan | undefined> {
    const row = await this.db
      .selectFrom('plans')
      .select(PLAN_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toPlan(row);
  }

  /** The plan; NOT_FOUND when there is none. */
  async get(id: number): Promise<Plan> {
    const row = await this.db
      .selectFrom('plans')
      .select(PLAN_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('plan', id);
    return toPlan(row);
  }

  /** The plan with the counts of its rows. */
  async getSummary(id: number): Promise<PlanSummary> {
    const plan = await this.get(id);
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

  /** The report's plain text, which every span of the plan indexes. */
  async getText(id: number): Promise<string> {
    const row = await this.db.selectFrom('plans').select('text').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('plan', id);
    return row.text;
  }

  /** A new plan from an import's rows (version 1, published now when its state says so); its id. */
  async insert(
    jurisdictionId: number,
    rows: PlanImport,
    text: string,
    stamp: string,
    kind: PlanKind = 'report',
  ): Promise<number> {
    const plan = await this.db
      .insertInto('plans')
      .values({
        jurisdiction_id: jurisdictionId,
        title: rows.plan.title,
        place: rows.plan.place,
        level: rows.plan.level,
        year: rows.plan.year,
        state: rows.plan.state,
        kind,
        version: 1,
        meta: JSON.stringify(rows.plan.meta),
        source_name: rows.plan.sourceName,
        text,
        created_at: stamp,
        updated_at: stamp,
        published_at: rows.plan.state === 'published' ? stamp : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertPlanRows(this.db, plan.id, rows, stamp);
    await this.touch(plan.id);
    return plan.id;
  }

  /** The rows of the plan's last import, as a re-import matches them. */
  listImportedRows(planId: number): Promise<ImportedRows> {
    return listImportedRows(this.db, planId);
  }

  /**
   * A new version of the plan's report under `expectedVersion` (bumped): its header and text,
   * and its rows merged in as `matches` says. Answers false, writing nothing, when the version
   * moved meanwhile. A plan published keeps the date it was first published.
   */
  async replaceReport(
    planId: number,
    header: PlanHeader,
    text: string,
    rows: PlanImport,
    matches: ReimportMatches,
    expectedVersion: number,
    stamp: string,
  ): Promise<boolean> {
    const bumped = await this.db
      .updateTable('plans')
      .set((eb) => ({
        title: header.title,
        place: header.place,
        level: header.level,
        year: header.year,
        state: header.state,
        meta: JSON.stringify(header.meta),
        source_name: header.sourceName,
        text,
        updated_at: stamp,
        published_at:
          header.state === 'published'
            ? eb.fn.coalesce('published_at', eb.val(stamp))
            : eb.val<string | null>(null),
        version: sql<number>`version + 1`,
      }))
      .where('id', '=', planId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) === 0) return false;
    await writeReimportRows(this.db, planId, rows, matches, stamp);
    await this.touch(planId);
    return true;
  }

  /**
   * A new title or state under `expectedVersion` (bumped); answers false when the version moved
   * (or the plan is gone). Publishing keeps the date of the first publication; a draft has none.
   */
  async update(
    id: number,
    patch: { title?: string | undefined; state?: PlanState | undefined },
    expectedVersion: number,
    stamp: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('plans')
      .set((eb) => ({
        version: sql<number>`version + 1`,
        updated_at: stamp,
        ...(patch.title !== undefined ? { title: patch.title } : {}),
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
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.touch(id);
    return true;
  }

  /** Deletes the plan and everything in it; answers whether there was one. */
  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('plans').where('id', '=', id).executeTakeFirst();
    await this.touch(id);
    return Number(result.numDeletedRows) > 0;
  }

  /** The Decidim results a plan was imported from (JSON text), or undefined for any other plan. */
  async findDecidimSource(planId: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('decidim_sources')
      .select('data')
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    return row?.data;
  }

  /** Keeps the Decidim results a plan was imported from (replacing any); NOT_FOUND for no plan. */
  async saveDecidimSource(planId: number, data: string, at: string): Promise<void> {
    await assertPlanExists(this.db, planId);
    await this.db.deleteFrom('decidim_sources').where('plan_id', '=', planId).execute();
    await this.db
      .insertInto('decidim_sources')
      .values({ jurisdiction_id: planOwner(this.db, planId), plan_id: planId, data, created_at: at })
      .execute();
    await this.touch(planId);
  }

  /** The plan's outline in text order; NOT_FOUND for an unknown plan. */
  async listOutline(planId: number): Promise<OutlineNode[]> {
    await assertPlanExists(this.db, planId);
    const rows = await this.db
      .selectFrom('outline_nodes')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('span_start')
      .orderBy('id')
      .execute();
    return rows.map(toOutlineNode);
  }

  /** The outline node an offset of the text falls under: the nearest heading at or before it. */
  async findOutlineNodeAt(planId: number, offset: number): Promise<number | null> {
    const row = await this.db
      .selectFrom('outline_nodes')
      .select('id')
      .where('plan_id', '=', planId)
      .where('span_start', '<=', offset)
      .orderBy('span_start', 'desc')
      .orderBy('level', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Every task, target, outline node and project list of a plan, unpaged; NOT_FOUND for an unknown plan. */
  async getItems(planId: number): Promise<PlanItems> {
    const plan = await this.get(planId);
    const projects = new ProjectRepository(this.db);
    const [outline, tasks, targets, projectLists, projectRows] = await Promise.all([
      this.listOutline(planId),
      new TaskRepository(this.db).listOfPlan(planId),
      new TargetRepository(this.db).listOfPlan(planId),
      projects.listLists(planId),
      projects.listOfPlan(planId),
    ]);
    return { plan, outline, tasks, targets, projectLists, projects: projectRows };
  }
}
