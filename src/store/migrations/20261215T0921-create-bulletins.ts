/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;
const serial = (db: Kysely<any>) => (isPostgres(db) ? 'serial' : 'integer');
const primary = (db: Kysely<any>) => (c: any) =>
  isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement();

/**
 * Issued 通报, kept: each issue of a month is a new revision (1, 2 for a corrected one, …),
 * never changed afterwards; `snapshot` holds every figure as issued.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulletins')
    .addColumn('id', serial(db), primary(db))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bulletins_month_revision', ['month', 'revision'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulletins').execute();
}
