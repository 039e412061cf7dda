/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Follows (issue 19): by e-mail (double opt-in; only the hashes of the confirmation and unsubscribe
 * tokens) or in the app. The address is personal data: never answered to anyone but its owner's links.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follows')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('user_id', 'integer')
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('confirm_hash', 'text')
    .addColumn('confirm_expires_at', 'text')
    .addColumn('unsubscribe_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .execute();
  await db.schema.createIndex('follows_email').on('follows').columns(['email']).execute();
  await db.schema.createIndex('follows_user').on('follows').columns(['user_id']).execute();
  await db.schema.createIndex('follows_confirm').on('follows').columns(['confirm_hash']).execute();
  await db.schema.createIndex('follows_unsubscribe').on('follows').columns(['unsubscribe_hash']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('follows').execute();
}
