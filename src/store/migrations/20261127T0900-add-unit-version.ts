/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Units get an optimistic-lock version, like tasks and targets: a rename or a change of kind
 * sends the version it read, and a stale one is refused (issue 5: units renamed and deleted).
 * Existing rows start at 1.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('units')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').dropColumn('version').execute();
}
