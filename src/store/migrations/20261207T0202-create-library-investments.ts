/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Investment completed by a library project in a month (万元): one row per project and month,
 * written by the monthly data call (项目投资月报) or by hand.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('library_investments')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('library_projects.id').onDelete('cascade'),
    )
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('library_investments_pk', ['project_id', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('library_investments').execute();
}
