/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Two columns of an order for the desk (issue 20): why it waits for a checker (`sample`,
 * `unsatisfied`; null when it does not), indexed for the checker's queue, and the unit whose
 * knowledge-base entry answered it on the spot (直接答复率 counts it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('request_orders').addColumn('pending_check', 'text').execute();
  await db.schema.alterTable('request_orders').addColumn('direct_unit_id', 'integer').execute();
  await db.schema
    .createIndex('request_orders_pending_check')
    .on('request_orders')
    .column('pending_check')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('request_orders_pending_check').execute();
  await db.schema.alterTable('request_orders').dropColumn('direct_unit_id').execute();
  await db.schema.alterTable('request_orders').dropColumn('pending_check').execute();
}
