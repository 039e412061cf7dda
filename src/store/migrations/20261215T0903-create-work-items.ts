/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;
const serial = (db: Kysely<any>) => (isPostgres(db) ? 'serial' : 'integer');
const primary = (db: Kysely<any>) => (c: any) =>
  isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement();

/**
 * 批示件, 议定事项, 建议, 提案 and list items in one table of one shape: the record as the
 * domain's JSON (src/sources) beside the columns desks filter and sort on — kind, state,
 * reference (文号, 编号), lead unit, deadline, authors (for the desk by deputy), last rating —
 * and the task that carries the work, under an optimistic version.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('work_items')
    .addColumn('id', serial(db), primary(db))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer')
    .addColumn('due_on', 'text')
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('cascade'))
    .addColumn('list_id', 'integer', (c) => c.references('work_lists.id').onDelete('cascade'))
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_rating', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('work_items_kind')
    .on('work_items')
    .columns(['plan_id', 'kind', 'state'])
    .execute();
  await db.schema.createIndex('work_items_task').on('work_items').column('task_id').execute();
  await db.schema.createIndex('work_items_unit').on('work_items').column('lead_unit_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_items').execute();
}
