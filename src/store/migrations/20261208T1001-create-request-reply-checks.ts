/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Checks of units' replies (答复质检, issue 20): one row per reply the rules read (passed or
 * refused) and per checker's decision, with the reason codes (JSON) and the checker's note.
 * Rates per unit and month are counted from (unit_id, at).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_reply_checks')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('order_id', 'integer', (c) => c.notNull().references('request_orders.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('codes', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('checker_id', 'integer')
    .execute();
  await db.schema
    .createIndex('request_reply_checks_unit_at')
    .on('request_reply_checks')
    .columns(['unit_id', 'at'])
    .execute();
  await db.schema.createIndex('request_reply_checks_at').on('request_reply_checks').column('at').execute();
  await db.schema
    .createIndex('request_reply_checks_order')
    .on('request_reply_checks')
    .column('order_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_reply_checks').execute();
}
