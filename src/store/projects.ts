/**
 * Named projects and the lists they came from ("等40个项目签约落地"): lists filtered by list and
 * name, and a project's stage (储备 → 签约 → 开工 → 建成投用) with its dates, under its version.
 */
import { sql } from 'kysely';
import type { Project, ProjectList, ProjectStage } from '../plan/types.js';
import type { ItemKind } from '../report/types.js';
import { assertPlanExists } from './plans.js';
import { getPlanRow, contains, readPage } from './rows.js';
import type { Db, ProjectListsTable, ProjectsTable } from './schema.js';
import type { Page, PageQuery } from './types.js';

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

export class ProjectRepository {
  constructor(private readonly db: Db) {}

  /** The plan's project lists in text order; NOT_FOUND for an unknown plan. */
  async listLists(planId: number): Promise<ProjectList[]> {
    await assertPlanExists(this.db, planId);
    const rows = await this.db
      .selectFrom('project_lists')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('span_start')
      .orderBy('id')
      .execute();
    return rows.map(toProjectList);
  }

  /** Projects, filtered by list or name. */
  async list(
    planId: number,
    query: PageQuery & { listId?: number | undefined; q?: string | undefined } = {},
  ): Promise<Page<Project>> {
    await assertPlanExists(this.db, planId);
    let base = this.db.selectFrom('projects').where('plan_id', '=', planId);
    if (query.listId !== undefined) base = base.where('list_id', '=', query.listId);
    if (query.q) {
      const q = query.q;
      base = base.where((eb) => contains(eb.ref('name'), q));
    }
    return readPage(
      base,
      query,
      (q) => q.selectAll().orderBy('span_start').orderBy('id'),
      (rows) => rows.map(toProject),
    );
  }

  /** Every project of a plan in text order. */
  async listOfPlan(planId: number): Promise<Project[]> {
    const rows = await this.db
      .selectFrom('projects')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('span_start')
      .orderBy('id')
      .execute();
    return rows.map(toProject);
  }

  /** The project of the plan; NOT_FOUND when there is none. */
  async get(planId: number, id: number): Promise<Project> {
    const row = await getPlanRow(this.db, 'projects', planId, id, 'project');
    return toProject(row);
  }

  /** Writes the stage and its dates under `expectedVersion` (bumped); false when it moved. */
  async update(
    planId: number,
    id: number,
    patch: { currentStage?: ProjectStage | undefined; stageDates?: Project['stageDates'] | undefined },
    expectedVersion: number,
    stamp: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('projects')
      .set({
        ...(patch.currentStage !== undefined ? { current_stage: patch.currentStage } : {}),
        ...(patch.stageDates !== undefined ? { stage_dates: JSON.stringify(patch.stageDates) } : {}),
        version: sql<number>`version + 1`,
        updated_at: stamp,
      })
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
