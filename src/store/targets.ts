/**
 * Targets (目标) with their co-units and baselines, and achievements (成绩, what the report says
 * was done): lists filtered by unit, outline subtree and text; a target's assignment under its
 * version; and the row steps of review (a figure corrected, an item added or deleted).
 */
import { sql } from 'kysely';
import type { Achievement, Target } from '../plan/types.js';
import type { Comparator, Span } from '../report/types.js';
import { assertPlanExists, listSubtree } from './plans.js';
import {
  contains,
  getPlanRow,
  MAX_LIMIT,
  planOwner,
  push,
  readPage,
  targetOwner,
  unassigned,
} from './rows.js';
import type { AchievementsTable, Db, TargetsTable } from './schema.js';
import type { ItemFields, Page, PageQuery, TargetFilter } from './types.js';

type TargetRow = Omit<TargetsTable, 'id'> & { id: number };

/** The columns of a target an assignment may write. */
export interface TargetColumns {
  leadUnitId?: number | null;
  leader?: string | null;
  deadline?: string | null;
  weight?: number;
}

/** An item added in review, as its row holds it. */
export interface NewItemRow extends ItemFields {
  outlineNodeId: number | null;
  span: Span;
  quote: string;
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

function fieldValues(fields: Partial<ItemFields>) {
  return {
    ...(fields.metric !== undefined && { metric: fields.metric }),
    ...(fields.comparator !== undefined && { comparator: fields.comparator }),
    ...(fields.value !== undefined && { value: fields.value }),
    ...(fields.unit !== undefined && { unit: fields.unit }),
    ...(fields.period !== undefined && { period: fields.period }),
  };
}

function newItemValues(db: Db, planId: number, item: NewItemRow) {
  return {
    jurisdiction_id: planOwner(db, planId),
    plan_id: planId,
    outline_node_id: item.outlineNodeId,
    metric: item.metric,
    comparator: item.comparator,
    value: item.value,
    unit: item.unit,
    period: item.period,
    span_start: item.span[0],
    span_end: item.span[1],
    quote: item.quote,
  };
}

export class TargetRepository {
  constructor(private readonly db: Db) {}

  /** Filters: unitId matches lead or co-unit; outlineNodeId takes the node and its subtree; q searches metric, quote and sentence. */
  async list(planId: number, filter: TargetFilter = {}): Promise<Page<Target>> {
    await assertPlanExists(this.db, planId);
    const nodes =
      filter.outlineNodeId === undefined
        ? undefined
        : await listSubtree(this.db, planId, filter.outlineNodeId);
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
    return readPage(
      base,
      filter,
      (q) => q.selectAll('targets').orderBy('targets.span_start').orderBy('targets.id'),
      (rows) => this.toTargets(rows),
    );
  }

  /** The target of the plan; NOT_FOUND when there is none. */
  async get(planId: number, id: number): Promise<Target> {
    const row = await getPlanRow(this.db, 'targets', planId, id, 'target');
    const [target] = await this.toTargets([row]);
    return target!;
  }

  /** Every target of a plan in text order, with co-units and baselines. */
  async listOfPlan(planId: number): Promise<Target[]> {
    const rows = await this.db
      .selectFrom('targets')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('span_start')
      .orderBy('id')
      .execute();
    // In bounded chunks of ids.
    const targets: Target[] = [];
    for (let i = 0; i < rows.length; i += MAX_LIMIT)
      targets.push(...(await this.toTargets(rows.slice(i, i + MAX_LIMIT))));
    return targets;
  }

  /**
   * Writes the columns given and (when given) replaces the co-units, under `expectedVersion`
   * (bumped); answers false, writing nothing, when the version moved or the target is gone.
   */
  async update(
    planId: number,
    id: number,
    columns: TargetColumns & Partial<ItemFields>,
    coUnitIds: readonly number[] | undefined,
    expectedVersion: number,
    stamp: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('targets')
      .set({
        ...(columns.leadUnitId !== undefined ? { lead_unit_id: columns.leadUnitId } : {}),
        ...(columns.leader !== undefined ? { leader: columns.leader } : {}),
        ...(columns.deadline !== undefined ? { deadline: columns.deadline } : {}),
        ...(columns.weight !== undefined ? { weight: columns.weight } : {}),
        ...fieldValues(columns),
        version: sql<number>`version + 1`,
        updated_at: stamp,
      })
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    if (coUnitIds) {
      await this.db.deleteFrom('target_co_units').where('target_id', '=', id).execute();
      const unique = [...new Set(coUnitIds)];
      if (unique.length) {
        await this.db
          .insertInto('target_co_units')
          .values(
            unique.map((unitId) => ({
              jurisdiction_id: targetOwner(this.db, id),
              target_id: id,
              unit_id: unitId,
            })),
          )
          .execute();
      }
    }
    return true;
  }

  /** A target added in review, unassigned, with its task and sentence; answers its id. */
  async insert(
    planId: number,
    item: NewItemRow & { taskId: number | null; direction: Target['direction']; sentence: string },
    stamp: string,
  ): Promise<number> {
    const row = await this.db
      .insertInto('targets')
      .values({
        ...newItemValues(this.db, planId, item),
        task_id: item.taskId,
        direction: item.direction,
        sentence: item.sentence,
        baseline_achievement_id: null,
        ...unassigned(stamp),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Deletes a target and its co-units. */
  async delete(planId: number, id: number): Promise<void> {
    await this.db.deleteFrom('target_co_units').where('target_id', '=', id).execute();
    await this.db.deleteFrom('targets').where('plan_id', '=', planId).where('id', '=', id).execute();
  }

  /** Targets that took achievement `id` as their baseline lose it (the achievement is going). */
  async clearBaseline(achievementId: number): Promise<void> {
    await this.db
      .updateTable('targets')
      .set({ baseline_achievement_id: null })
      .where('baseline_achievement_id', '=', achievementId)
      .execute();
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
}

export class AchievementRepository {
  constructor(private readonly db: Db) {}

  /** q searches the metric and the quote. */
  async list(planId: number, query: PageQuery & { q?: string | undefined } = {}): Promise<Page<Achievement>> {
    await assertPlanExists(this.db, planId);
    let base = this.db.selectFrom('achievements').where('plan_id', '=', planId);
    if (query.q) {
      const q = query.q;
      base = base.where((eb) => eb.or([contains(eb.ref('metric'), q), contains(eb.ref('quote'), q)]));
    }
    return readPage(
      base,
      query,
      (q) => q.selectAll().orderBy('span_start').orderBy('id'),
      (rows) => rows.map(toAchievement),
    );
  }

  /** The achievement of the plan; NOT_FOUND when there is none. */
  async get(planId: number, id: number): Promise<Achievement> {
    const row = await getPlanRow(this.db, 'achievements', planId, id, 'achievement');
    return toAchievement(row);
  }

  /** An achievement added in review; answers its id. */
  async insert(planId: number, item: NewItemRow): Promise<number> {
    const row = await this.db
      .insertInto('achievements')
      .values(newItemValues(this.db, planId, item))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Writes the fields given (achievements carry no version: review counts their audit events). */
  async update(planId: number, id: number, fields: Partial<ItemFields>): Promise<void> {
    const values = fieldValues(fields);
    if (Object.keys(values).length === 0) return;
    await this.db
      .updateTable('achievements')
      .set(values)
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .execute();
  }

  async delete(planId: number, id: number): Promise<void> {
    await this.db.deleteFrom('achievements').where('plan_id', '=', planId).where('id', '=', id).execute();
  }
}
