/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Media of citizens' requests (photos, video, voice, PDF), their bytes kept in the database
 * beside their metadata as evidence files are. `ref` is the random key a client gets back from
 * the upload and names in the intake; `uploaded_by` is null for the public web form.
 * `order_id` is set when an intake takes the file (null until then: such rows expire);
 * `claim` holds an intake's reservation while it runs, so one file joins one order only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_media')
    .addColumn('ref', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('order_id', 'integer', (c) => c.references('request_orders.id').onDelete('cascade'))
    .addColumn('claim', 'text')
    .execute();
  await db.schema.createIndex('request_media_order').on('request_media').column('order_id').execute();
  await db.schema
    .createIndex('request_media_unclaimed')
    .on('request_media')
    .columns(['order_id', 'uploaded_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_media').execute();
}
