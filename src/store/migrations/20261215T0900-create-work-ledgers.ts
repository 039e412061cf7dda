/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * The plan that holds a year's other work (督查督办事项台账): 批示件, 议定事项, 建议提案 and
 * imported lists become its tasks, so reporting, health, 督办, 延期 and 销号 are the plan's own.
 * One per year; the plan row itself is an ordinary draft plan with no report text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('work_ledgers')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().unique().references('plans.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_ledgers').execute();
}
