/**
 * Writes that issue 6's documents need beyond the plan import, over Kysely for KyselyStore to
 * delegate to: a task that is not a sentence of the plan's report (a task carried over from
 * last year's plan keeps its own text; its span is [0, 0], "not in this report's text", and
 * `carried_from` names the task it copies); the Decidim results file a plan came from.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { NewTask } from './types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Inserts the task and its co-units; returns its id. The caller runs it in a transaction. */
export async function insertTask(db: Db, planId: number, input: NewTask, stamp: string): Promise<number> {
  const row = await db
    .insertInto('tasks')
    .values({
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
  const unitIds = [...new Set(input.coUnitIds)];
  if (unitIds.length > 0) {
    await db
      .insertInto('task_co_units')
      .values(unitIds.map((unitId) => ({ task_id: row.id, unit_id: unitId })))
      .execute();
  }
  return row.id;
}

/** The Decidim source of a plan, as stored (JSON), or undefined. */
export async function selectDecidimSource(db: Db, planId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('decidim_sources')
    .select('data')
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return row?.data;
}

/** Replaces the Decidim source of a plan. The caller checks that the plan exists. */
export async function writeDecidimSource(db: Db, planId: number, data: string, at: string): Promise<void> {
  await db.deleteFrom('decidim_sources').where('plan_id', '=', planId).execute();
  await db.insertInto('decidim_sources').values({ plan_id: planId, data, created_at: at }).execute();
}
