/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/** A plan's tracking settings: reporting cycle, due days, health thresholds (JSON). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tracking_settings')
    .addColumn('plan_id', 'integer', (c) => c.primaryKey().references('plans.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('co_unit_lead_days', 'integer', (c) => c.notNull())
    .addColumn('lock_after_days', 'integer')
    .addColumn('workdays_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('health_config', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tracking_settings').execute();
}
