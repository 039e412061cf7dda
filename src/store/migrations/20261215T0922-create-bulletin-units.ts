/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/** The units an issued 通报 names: each of them may read it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulletin_units')
    .addColumn('bulletin_id', 'integer', (c) => c.notNull().references('bulletins.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_units_pk', ['bulletin_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('bulletin_units_unit').on('bulletin_units').column('unit_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulletin_units').execute();
}
