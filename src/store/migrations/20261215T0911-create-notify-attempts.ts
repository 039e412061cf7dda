/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;
const serial = (db: Kysely<any>) => (isPostgres(db) ? 'serial' : 'integer');
const primary = (db: Kysely<any>) => (c: any) =>
  isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement();

/** The delivery log: one row per attempt to send an outbox message (sent, retry, failed). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notify_attempts')
    .addColumn('id', serial(db), primary(db))
    .addColumn('message_id', 'text', (c) => c.notNull().references('notify_outbox.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .execute();
  await db.schema.createIndex('notify_attempts_message').on('notify_attempts').column('message_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notify_attempts').execute();
}
