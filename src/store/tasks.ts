/**
 * Tasks (重点任务) with their co-units: lists filtered by unit, state, outline subtree, overdue
 * date and text; a task's assignment and progress under its version; a task made in Luoshi
 * rather than read from the report (carried over); and the row steps of review's split and merge.
 */
import { sql } from 'kysely';
import type { Task, TaskState } from '../plan/types.js';
import { assertPlanExists, listSubtree } from './plans.js';
import { contains, getPlanRow, planOwner, push, readPage, taskOwner } from './rows.js';
import type { Db, TasksTable } from './schema.js';
import type { NewTask, Page, TaskFilter } from './types.js';

type TaskRow = Omit<TasksTable, 'id'> & { id: number };

/** An open task the chase follows, with the source item that carries it (null: the report's own). */
export interface ChasedTask {
  id: number;
  planId: number;
  /** The jurisdiction of its plan, whose chase settings and people chase it. */
  jurisdictionId: number;
  text: string;
  leadUnitId: number;
  deadline: string;
  source: { kind: string; id: number; title: string } | null;
}

/** The columns of a task a change may write (an assignment, a report's state and progress, review's text). */
export interface TaskColumns {
  leadUnitId?: number | null;
  leader?: string | null;
  deadline?: string | null;
  weight?: number;
  state?: TaskState;
  progress?: number;
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

/** The columns of a task change, as its row names them. */
export function taskValues(columns: TaskColumns) {
  return {
    ...(columns.leadUnitId !== undefined ? { lead_unit_id: columns.leadUnitId } : {}),
    ...(columns.leader !== undefined ? { leader: columns.leader } : {}),
    ...(columns.deadline !== undefined ? { deadline: columns.deadline } : {}),
    ...(columns.weight !== undefined ? { weight: columns.weight } : {}),
    ...(columns.state !== undefined ? { state: columns.state } : {}),
    ...(columns.progress !== undefined ? { progress: columns.progress } : {}),
  };
}

export class TaskRepository {
  constructor(private readonly db: Db) {}

  /** The jurisdiction of task `id`, or undefined when there is none. */
  async findOwner(id: number): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('tasks')
      .select('jurisdiction_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.jurisdiction_id;
  }

  /** Filters: unitId matches lead or co-unit; outlineNodeId takes the node and its subtree; q searches the text. */
  async list(planId: number, filter: TaskFilter = {}): Promise<Page<Task>> {
    await assertPlanExists(this.db, planId);
    const nodes =
      filter.outlineNodeId === undefined
        ? undefined
        : await listSubtree(this.db, planId, filter.outlineNodeId);
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
    return readPage(
      base,
      filter,
      (q) => q.selectAll('tasks').orderBy('tasks.span_start').orderBy('tasks.id'),
      (rows) => this.withCoUnits(rows),
    );
  }

  /** The task of the plan; NOT_FOUND when there is none. */
  async get(planId: number, id: number): Promise<Task> {
    const row = await getPlanRow(this.db, 'tasks', planId, id, 'task');
    const [task] = await this.withCoUnits([row]);
    return task!;
  }

  /** The tasks of any plan with these ids, with co-units, in id order (a person's queue). */
  async listByIds(ids: readonly number[]): Promise<Task[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('tasks')
      .selectAll()
      .where('id', 'in', [...ids])
      .orderBy('id')
      .execute();
    return this.withCoUnits(rows);
  }

  /** Tasks of every plan a unit leads or co-leads that are not done or closed, in id order. */
  async listOpenOfUnit(unitId: number): Promise<Task[]> {
    const rows = await this.db
      .selectFrom('tasks')
      .selectAll()
      .where('state', 'not in', ['done', 'closed'])
      .where((eb) =>
        eb.or([
          eb('lead_unit_id', '=', unitId),
          eb('id', 'in', eb.selectFrom('task_co_units').select('task_id').where('unit_id', '=', unitId)),
        ]),
      )
      .orderBy('id')
      .execute();
    return this.withCoUnits(rows);
  }

  /** Every task of a plan in text order, with co-units. */
  async listOfPlan(planId: number): Promise<Task[]> {
    const [rows, coUnits] = await Promise.all([
      this.db
        .selectFrom('tasks')
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
    ]);
    const units = new Map<number, number[]>();
    for (const r of coUnits) push(units, r.id, r.unit_id);
    return rows.map((r) => ({ ...taskFromRow(r), coUnitIds: units.get(r.id) ?? [] }));
  }

  /**
   * What the chase reads (issue 18): open tasks (not done, not closed) with a lead unit and a
   * deadline up to `until`, of published plans and of the ledger plans of other work, each
   * with the source item that carries it, if any; by id, `limit` of them after `afterId` when
   * given (the chase reads a page at a time).
   */
  async listChased(until: string, page?: { afterId: number; limit: number }): Promise<ChasedTask[]> {
    let query = this.db
      .selectFrom('tasks')
      .innerJoin('plans', 'plans.id', 'tasks.plan_id')
      .leftJoin('work_items', 'work_items.task_id', 'tasks.id')
      .select([
        'tasks.id',
        'tasks.plan_id',
        'plans.jurisdiction_id',
        'tasks.text',
        'tasks.lead_unit_id',
        'tasks.deadline',
        'work_items.kind',
        'work_items.id as item_id',
        'work_items.title as item_title',
      ])
      .where('tasks.state', 'not in', ['done', 'closed'])
      .where('tasks.lead_unit_id', 'is not', null)
      .where('tasks.deadline', 'is not', null)
      .where('tasks.deadline', '<=', until)
      .where((eb) =>
        eb.or([
          eb('plans.state', '=', 'published'),
          eb('plans.id', 'in', eb.selectFrom('work_ledgers').select('plan_id')),
        ]),
      )
      .orderBy('tasks.id');
    if (page) query = query.where('tasks.id', '>', page.afterId).limit(page.limit);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      planId: r.plan_id,
      jurisdictionId: r.jurisdiction_id,
      text: r.text,
      leadUnitId: r.lead_unit_id!,
      deadline: r.deadline!,
      source: r.kind === null ? null : { kind: r.kind, id: r.item_id!, title: r.item_title! },
    }));
  }

  /** The plan a task belongs to, or undefined when there is no such task. */
  async findPlanId(taskId: number): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('tasks')
      .select('plan_id')
      .where('id', '=', taskId)
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.plan_id);
  }

  /**
   * Writes the columns given and (when given) replaces the co-units, under `expectedVersion`
   * (bumped); answers false, writing nothing, when the version moved or the task is gone.
   */
  async update(
    planId: number,
    id: number,
    columns: TaskColumns,
    coUnitIds: readonly number[] | undefined,
    expectedVersion: number,
    stamp: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('tasks')
      .set({ ...taskValues(columns), version: sql<number>`version + 1`, updated_at: stamp })
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    if (coUnitIds) await this.setCoUnits(id, coUnitIds);
    return true;
  }

  /** The task's co-units become `unitIds` (each once). */
  async setCoUnits(id: number, unitIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom('task_co_units').where('task_id', '=', id).execute();
    const unique = [...new Set(unitIds)];
    if (unique.length) {
      await this.db
        .insertInto('task_co_units')
        .values(
          unique.map((unitId) => ({ jurisdiction_id: taskOwner(this.db, id), task_id: id, unit_id: unitId })),
        )
        .execute();
    }
  }

  /**
   * A task that is not a sentence of the report (carried over): span [0, 0], "not in this
   * report's text", with its co-units; answers its id.
   */
  async insert(planId: number, input: NewTask, stamp: string): Promise<number> {
    const row = await this.db
      .insertInto('tasks')
      .values({
        jurisdiction_id: planOwner(this.db, planId),
        plan_id: planId,
        outline_node_id: input.outlineNodeId,
        text: input.text,
        span_start: 0,
        span_end: 0,
        state: input.state,
        progress: input.progress,
        lead_unit_id: input.leadUnitId,
        leader: input.leader,
        deadline: input.deadline,
        weight: input.weight,
        carried_from: input.carriedFrom,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.setCoUnits(row.id, input.coUnitIds);
    return row.id;
  }

  /** The innermost task whose span holds [start, end), if any (a target added in review joins it). */
  async findContaining(planId: number, start: number, end: number): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('tasks')
      .select('id')
      .where('plan_id', '=', planId)
      .where('span_start', '<=', start)
      .where('span_end', '>=', end)
      .orderBy('span_start', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  /** A task's text and span as review cut or joined them, its version bumped. */
  async setText(id: number, text: string, span: readonly [number, number], stamp: string): Promise<void> {
    await this.db
      .updateTable('tasks')
      .set({
        text,
        span_start: span[0],
        span_end: span[1],
        version: sql<number>`version + 1`,
        updated_at: stamp,
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * A new task that continues `source` (a split's second half): its text and span, and the
   * source's outline node, owners, state, progress and co-units; answers its id.
   */
  async insertCopy(
    source: Task,
    text: string,
    span: readonly [number, number],
    stamp: string,
  ): Promise<number> {
    const row = await this.db
      .insertInto('tasks')
      .values({
        jurisdiction_id: planOwner(this.db, source.planId),
        plan_id: source.planId,
        outline_node_id: source.outlineNodeId,
        text,
        span_start: span[0],
        span_end: span[1],
        state: source.state,
        progress: source.progress,
        lead_unit_id: source.leadUnitId,
        leader: source.leader,
        deadline: source.deadline,
        weight: source.weight,
        carried_from: source.carriedFrom,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.setCoUnits(row.id, source.coUnitIds);
    return row.id;
  }

  /** The targets, project lists and projects of task `from` (from offset `at` on, when given) join task `to`. */
  async moveChildren(planId: number, from: number, to: number, at?: number): Promise<void> {
    for (const table of ['targets', 'project_lists', 'projects'] as const) {
      let query = this.db
        .updateTable(table as 'targets')
        .set({ task_id: to })
        .where('plan_id', '=', planId)
        .where('task_id', '=', from);
      if (at !== undefined) query = query.where('span_start', '>=', at);
      await query.execute();
    }
  }

  /** Ids of the plan's other tasks of one outline node (null: none) starting in [from, to]. */
  async listIdsStartingIn(
    planId: number,
    outlineNodeId: number | null,
    from: number,
    to: number,
    except: readonly number[],
  ): Promise<number[]> {
    let query = this.db
      .selectFrom('tasks')
      .select('id')
      .where('plan_id', '=', planId)
      .where('id', 'not in', [...except])
      .where('span_start', '>=', from)
      .where('span_start', '<=', to);
    query =
      outlineNodeId === null
        ? query.where('outline_node_id', 'is', null)
        : query.where('outline_node_id', '=', outlineNodeId);
    return (await query.execute()).map((r) => r.id);
  }

  /** Deletes a task and its co-units. */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('task_co_units').where('task_id', '=', id).execute();
    await this.db.deleteFrom('tasks').where('id', '=', id).execute();
  }

  private async withCoUnits(rows: TaskRow[]): Promise<Task[]> {
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
}
