/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Partial indexes for the overdue list: per deadline, only the open orders that have not yet
 * done that step. The (status, step_due) indexes of create-request-orders scan every open
 * order whose due time passed — most of them did the step long ago — so the list grew with
 * the table (48 ms at 1 M orders, 175 ms at 3 M on PostgreSQL). The query repeats these
 * predicates word for word (literals, not parameters) so both engines can use the indexes.
 */
const OPEN = sql`status in ('dispatched', 'signed', 'objecting', 'replied')`;
const STEPS = [
  ['sign', 'signed_at'],
  ['contact', 'contacted_at'],
  ['finish', 'replied_at'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [step, done] of STEPS) {
    await db.schema
      .createIndex(`request_orders_${step}_overdue`)
      .on('request_orders')
      .column(`${step}_due`)
      .where(sql<boolean>`${sql.ref(done)} is null and ${OPEN}`)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [step] of STEPS) await db.schema.dropIndex(`request_orders_${step}_overdue`).execute();
}
