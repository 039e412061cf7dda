/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;
const serial = (db: Kysely<any>) => (isPostgres(db) ? 'serial' : 'integer');
const primary = (db: Kysely<any>) => (c: any) =>
  isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement();

/**
 * Issue 12.4 and 12.5: API tokens carry scopes (space-separated; tokens made before keep every
 * scope they could use), and the limits' counters live in the database so every server process
 * on it counts the same hits: one row per hit of a `bucket` (what is limited) by a `key` (an
 * address, a phone, an account), at `at` (epoch milliseconds), pruned once out of every window.
 * The table is the deployment's, not a jurisdiction's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('read report requests manage'))
    .execute();
  await db.schema
    .createTable('limit_hits')
    .addColumn('id', serial(db), primary(db))
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', isPostgres(db) ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('limit_hits_bucket_key_at')
    .on('limit_hits')
    .columns(['bucket', 'key', 'at'])
    .execute();
  await db.schema.createIndex('limit_hits_at').on('limit_hits').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('limit_hits').execute();
  await db.schema.alterTable('api_tokens').dropColumn('scopes').execute();
}
