/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/** A target's co-units (配合单位). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('target_co_units')
    .addColumn('target_id', 'integer', (c) => c.notNull().references('targets.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('target_co_units_pk', ['target_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('target_co_units_unit_id').on('target_co_units').column('unit_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('target_co_units').execute();
}
