/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/** The versioned 三率 scoring schemes: one row per version (JSON), history kept. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_scoring_schemes')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_scoring_schemes').execute();
}
