/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Confirmed links between requests (a theme or a category) and a plan's tasks, with who
 * confirmed them. No foreign key to tasks: a deleted plan must not erase the history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_task_links')
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('confirmed_by', 'integer', (c) => c.notNull())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_task_links_pk', ['source_key', 'task_id'])
    .execute();
  await db.schema
    .createIndex('request_task_links_task')
    .on('request_task_links')
    .columns(['task_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_task_links').execute();
}
