/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Tasks carried over from an earlier plan name the task they copy. Such a task is no sentence
 * of its plan's report (span [0, 0]), so a re-import must leave it alone rather than drop it
 * as unmatched. No foreign key on purpose: deleting the earlier plan must not turn the marker
 * to null (and so let the next re-import delete the task); the id then only records the source.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('carried_from', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('carried_from').execute();
}
