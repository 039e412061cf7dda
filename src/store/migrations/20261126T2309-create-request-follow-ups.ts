/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * 三率 rows: per order and Beijing month, the last follow-up that reached the citizen, with
 * the order's lead unit, source and exemption copied so a month's rates are one GROUP BY on
 * (month, lead_unit_id) (scoring.ts, the denominator rule).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_follow_ups')
    .addColumn('order_id', 'integer', (c) => c.notNull().references('request_orders.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('exempt', 'integer', (c) => c.notNull())
    .addColumn('contacted', 'integer')
    .addColumn('resolved', 'integer')
    .addColumn('satisfaction', 'text')
    .addPrimaryKeyConstraint('request_follow_ups_pk', ['order_id', 'month'])
    .execute();
  await db.schema
    .createIndex('request_follow_ups_month_unit')
    .on('request_follow_ups')
    .columns(['month', 'lead_unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_follow_ups').execute();
}
