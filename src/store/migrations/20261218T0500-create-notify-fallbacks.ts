/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Issue 20: a notice about an order or a task goes to its named handler first; the unit's copy
 * waits here until `due_at` and goes to the unit's inbox only if the handler has not read the
 * notice by then (a channel's read receipt on a message of `read_group`, or the handler opening
 * the item: `seen_at`). `done_at` and `outcome` ('sent', 'read') when decided. The deployment's,
 * as the outbox is (docs/DECISIONS.md 47).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notify_fallbacks')
    .addColumn('dedupe_key', 'text', (c) => c.primaryKey())
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('handler_id', 'integer', (c) => c.notNull())
    .addColumn('read_group', 'text', (c) => c.notNull())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema
    .createIndex('notify_fallbacks_due')
    .on('notify_fallbacks')
    .columns(['done_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('notify_fallbacks_item')
    .on('notify_fallbacks')
    .columns(['item_kind', 'item_id', 'handler_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notify_fallbacks').execute();
}
