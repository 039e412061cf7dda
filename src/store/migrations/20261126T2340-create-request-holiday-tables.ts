/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Official holiday tables loaded by the centre (next year's 放假安排, published each November
 * before chinese-days has it): one row per year, in chinese-days' JSON shape, with who loaded it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_holiday_tables')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('loaded_by', 'integer')
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_holiday_tables').execute();
}
