/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * A plan's slippage thresholds (issue 19): past them a re-baseline needs a written explanation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('promise_settings')
    .addColumn('plan_id', 'integer', (c) =>
      c.notNull().primaryKey().references('plans.id').onDelete('cascade'),
    )
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('promise_settings').execute();
}
