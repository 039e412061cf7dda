/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * A verified commenter's session (issue 19), by the hash of its cookie.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('commenter_sessions')
    .addColumn('id_hash', 'text', (c) => c.notNull().primaryKey())
    .addColumn('commenter_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('commenter_sessions').execute();
}
