/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Two tables left to the deployment by 20261216T0100 become a jurisdiction's (issue 16.2), with
 * `jurisdiction_id` leading their keys: the 12345 desk's answer rules and sample
 * (`request_desk_settings`, versioned per jurisdiction from now on) and the handlers' fallback
 * reminders (`notify_fallbacks`, the jurisdiction of the unit they are for). Rows made before
 * this are jurisdiction 1's (the settings) or their unit's. Each table is made anew and its rows
 * copied, the same on both engines (SQLite cannot change a primary key in place).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_desk_settings_owned')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_desk_settings_owned_pk', ['jurisdiction_id', 'version'])
    .execute();
  await sql`insert into request_desk_settings_owned
    (jurisdiction_id, version, effective_from, data, created_by, created_at)
    select 1, version, effective_from, data, created_by, created_at from request_desk_settings`.execute(db);
  await db.schema.dropTable('request_desk_settings').execute();
  await db.schema.alterTable('request_desk_settings_owned').renameTo('request_desk_settings').execute();

  await db.schema
    .createTable('notify_fallbacks_owned')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
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
    .addPrimaryKeyConstraint('notify_fallbacks_owned_pk', ['jurisdiction_id', 'dedupe_key'])
    .execute();
  await sql`insert into notify_fallbacks_owned
    (jurisdiction_id, dedupe_key, item_kind, item_id, unit_id, handler_id, read_group, notice,
     queued_at, due_at, seen_at, done_at, outcome)
    select coalesce((select u.jurisdiction_id from units u where u.id = f.unit_id), 1),
      f.dedupe_key, f.item_kind, f.item_id, f.unit_id, f.handler_id, f.read_group, f.notice,
      f.queued_at, f.due_at, f.seen_at, f.done_at, f.outcome
    from notify_fallbacks f`.execute(db);
  await db.schema.dropTable('notify_fallbacks').execute();
  await db.schema.alterTable('notify_fallbacks_owned').renameTo('notify_fallbacks').execute();
  await fallbackIndexes(db);
}

async function fallbackIndexes(db: Kysely<any>): Promise<void> {
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

/** Back to one set for the deployment: jurisdiction 1's desk settings, every fallback. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_desk_settings_shared')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into request_desk_settings_shared (version, effective_from, data, created_by, created_at)
    select version, effective_from, data, created_by, created_at from request_desk_settings
    where jurisdiction_id = 1`.execute(db);
  await db.schema.dropTable('request_desk_settings').execute();
  await db.schema.alterTable('request_desk_settings_shared').renameTo('request_desk_settings').execute();
  await db.schema
    .createTable('notify_fallbacks_shared')
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
  await sql`insert into notify_fallbacks_shared
    select dedupe_key, item_kind, item_id, unit_id, handler_id, read_group, notice, queued_at, due_at,
      seen_at, done_at, outcome
    from notify_fallbacks`.execute(db);
  await db.schema.dropTable('notify_fallbacks').execute();
  await db.schema.alterTable('notify_fallbacks_shared').renameTo('notify_fallbacks').execute();
  await fallbackIndexes(db);
}
