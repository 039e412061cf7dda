/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;
const serial = (db: Kysely<any>) => (isPostgres(db) ? 'serial' : 'integer');
const primary = (db: Kysely<any>) => (c: any) =>
  isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement();

/** Each day's chase run: the days it covered and what it queued (the next run starts after `to_day`). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chase_runs')
    .addColumn('id', serial(db), primary(db))
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chase_runs').execute();
}
