/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * What a plan imported from Decidim keeps of its results file (JSON: every result with its
 * Decidim id, statuses, dates, descriptions and locales, and the plan item it became), so that
 * its export writes the results back under their own ids instead of renumbering them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decidim_sources')
    .addColumn('plan_id', 'integer', (c) => c.primaryKey().references('plans.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('decidim_sources').execute();
}
