/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/** The versioned dispatch catalogue (派单目录): one row per version, never edited once added. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_catalogue_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_catalogue_versions').execute();
}
