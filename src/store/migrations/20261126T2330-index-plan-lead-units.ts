/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Tasks and targets by plan and lead unit: the unit filter of the lists and the plan summary's
 * "assigned" count read these without scanning every row of a 10,000-task plan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tasks_plan_lead_unit')
    .on('tasks')
    .columns(['plan_id', 'lead_unit_id'])
    .execute();
  await db.schema
    .createIndex('targets_plan_lead_unit')
    .on('targets')
    .columns(['plan_id', 'lead_unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('targets_plan_lead_unit').execute();
  await db.schema.dropIndex('tasks_plan_lead_unit').execute();
}
