/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Named handlers (经办人, issue 20): who of a unit handles a work order or a plan task, one row
 * per (kind, item, unit) — each unit that holds an item names its own. A person's account gone,
 * their rows go (the items are the unit's again).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('handler_assignments')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('handler_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'integer')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('handler_assignments_pk', ['kind', 'item_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('handler_assignments_handler')
    .on('handler_assignments')
    .column('handler_id')
    .execute();
  await db.schema
    .createIndex('handler_assignments_unit')
    .on('handler_assignments')
    .column('unit_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('handler_assignments').execute();
}
