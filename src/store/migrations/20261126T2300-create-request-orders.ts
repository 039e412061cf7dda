/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Work orders (工单, issue 7): the projection of their events. `data` holds the whole order as
 * JSON (catalogue version and rules copied at dispatch, deadlines, pauses, follow-ups); the
 * columns beside it are what lists, the overdue rule and the duplicate check filter on.
 * `version` is the optimistic lock: the count of events applied.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_orders')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('catalogue_version', 'integer')
    .addColumn('sign_due', 'text')
    .addColumn('contact_due', 'text')
    .addColumn('finish_due', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('contacted_at', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('anonymous_to_public', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  // The overdue list: open orders by each deadline (deriveOverdue narrows the candidates).
  for (const step of ['sign', 'contact', 'finish']) {
    await db.schema
      .createIndex(`request_orders_${step}_due`)
      .on('request_orders')
      .columns(['status', `${step}_due`])
      .execute();
  }
  await db.schema
    .createIndex('request_orders_dedupe')
    .on('request_orders')
    .columns(['dedupe_key', 'received_at'])
    .execute();
  await db.schema
    .createIndex('request_orders_lead')
    .on('request_orders')
    .columns(['lead_unit_id', 'status'])
    .execute();
  await db.schema
    .createIndex('request_orders_received')
    .on('request_orders')
    .columns(['received_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_orders').execute();
}
