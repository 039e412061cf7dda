/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/** Co-handling units (配合单位) of a work order, so a unit's queue finds the orders it helps on. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_co_units')
    .addColumn('order_id', 'integer', (c) => c.notNull().references('request_orders.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('finish_due', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text')
    .addPrimaryKeyConstraint('request_co_units_pk', ['order_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('request_co_units_unit').on('request_co_units').columns(['unit_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_co_units').execute();
}
