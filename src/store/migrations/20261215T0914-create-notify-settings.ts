/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Notification settings as JSON under a version, keyed by scope: `user:5` (how a person is
 * reached: e-mail, mobile, channels, digest, quiet hours), `unit:3` (the unit's robots and
 * leader), `office:chase` (the chase per source), `office:bulletin` (the 通报's header and rules).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notify_settings')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notify_settings').execute();
}
