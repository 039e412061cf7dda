/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * The desk's versioned settings (issue 20): the answer rule set and the checker's sample, as
 * JSON, each version from a day on (past replies keep the rules of their day).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_desk_settings')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_desk_settings').execute();
}
