/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Every event of an enterprise request (dispatched, signed, paused, replied, closed…) in order. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprise_request_events')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('request_id', 'integer', (c) =>
      c.notNull().references('enterprise_requests.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('enterprise_request_events_seq', ['request_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enterprise_request_events').execute();
}
