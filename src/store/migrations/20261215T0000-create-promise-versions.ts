/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Versions of a promise written after the plan's publication (issue 19): a deadline moved by the
 * plan office's assignment, a target value re-baselined by a decision; each as JSON (its shape
 * belongs to src/verdicts/promise-line.ts), numbered from 0 (the original in force before the
 * first move). Approved 延期 stay in extension_requests and join the line when it is read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('promise_versions')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('promise_versions_line')
    .on('promise_versions')
    .columns(['plan_id', 'subject_type', 'subject_id', 'field', 'seq'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('promise_versions').execute();
}
