/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Plans get a read version (`revision`, issue 15), apart from `version` (the optimistic lock of
 * the plan's own row: title, state, a new version of the report): every write to the plan or
 * to anything under it advances it, in the same transaction, and cached answers are keyed by
 * it. Existing plans start at 0.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plans')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').dropColumn('revision').execute();
}
