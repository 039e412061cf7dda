/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The monthly 通报 becomes a jurisdiction's (issue 16.2), with `jurisdiction_id` leading its keys:
 * the draft of a month (`bulletin_drafts`, one per jurisdiction and month), the issued revisions
 * (`bulletins`, a month's revisions counted per jurisdiction) and the units each names
 * (`bulletin_units`, referencing its bulletin within the jurisdiction). Rows made before this are
 * jurisdiction 1's. Each table is made anew and its rows copied, the same on both engines
 * (SQLite cannot change a primary key in place); ids are kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('bulletin_drafts_owned')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_drafts_owned_pk', ['jurisdiction_id', 'month'])
    .execute();
  await sql`insert into bulletin_drafts_owned (jurisdiction_id, month, data, version, updated_by, updated_at)
    select 1, month, data, version, updated_by, updated_at from bulletin_drafts`.execute(db);
  await db.schema.dropTable('bulletin_drafts').execute();
  await db.schema.alterTable('bulletin_drafts_owned').renameTo('bulletin_drafts').execute();

  // PostgreSQL: the id leads with the jurisdiction. SQLite: an autoincrement id must be the
  // whole primary key, so (jurisdiction_id, id) is a unique key the units reference instead.
  let bulletins = db.schema
    .createTable('bulletins_owned')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.notNull() : c.primaryKey().autoIncrement()))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bulletins_owned_month_revision', ['jurisdiction_id', 'month', 'revision']);
  bulletins = pg
    ? bulletins.addPrimaryKeyConstraint('bulletins_owned_pk', ['jurisdiction_id', 'id'])
    : bulletins.addUniqueConstraint('bulletins_owned_key', ['jurisdiction_id', 'id']);
  await bulletins.execute();
  await db.schema
    .createTable('bulletin_units_owned')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('bulletin_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_units_owned_pk', ['jurisdiction_id', 'bulletin_id', 'unit_id'])
    .addForeignKeyConstraint(
      'bulletin_units_owned_bulletin_fk',
      ['jurisdiction_id', 'bulletin_id'],
      'bulletins_owned',
      ['jurisdiction_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await sql`insert into bulletins_owned
    (jurisdiction_id, id, month, revision, number, title, snapshot, issued_by, issued_at)
    select 1, id, month, revision, number, title, snapshot, issued_by, issued_at from bulletins`.execute(db);
  await sql`insert into bulletin_units_owned (jurisdiction_id, bulletin_id, unit_id)
    select 1, bulletin_id, unit_id from bulletin_units`.execute(db);
  if (pg) {
    await sql`select setval(pg_get_serial_sequence('bulletins_owned', 'id'), coalesce(max(id), 0) + 1, false)
      from bulletins_owned`.execute(db);
  }
  await db.schema.dropTable('bulletin_units').execute();
  await db.schema.dropTable('bulletins').execute();
  await db.schema.alterTable('bulletins_owned').renameTo('bulletins').execute();
  await db.schema.alterTable('bulletin_units_owned').renameTo('bulletin_units').execute();
  await db.schema
    .createIndex('bulletin_units_owned_unit')
    .on('bulletin_units')
    .columns(['jurisdiction_id', 'unit_id'])
    .execute();
}

/** Back to one 通报 for the deployment: jurisdiction 1's drafts and bulletins. */
export async function down(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('bulletin_drafts_shared')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into bulletin_drafts_shared (month, data, version, updated_by, updated_at)
    select month, data, version, updated_by, updated_at from bulletin_drafts where jurisdiction_id = 1`.execute(
    db,
  );
  await db.schema.dropTable('bulletin_drafts').execute();
  await db.schema.alterTable('bulletin_drafts_shared').renameTo('bulletin_drafts').execute();
  await db.schema
    .createTable('bulletins_shared')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bulletins_shared_month_revision', ['month', 'revision'])
    .execute();
  await db.schema
    .createTable('bulletin_units_shared')
    .addColumn('bulletin_id', 'integer', (c) =>
      c.notNull().references('bulletins_shared.id').onDelete('cascade'),
    )
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_units_shared_pk', ['bulletin_id', 'unit_id'])
    .execute();
  await sql`insert into bulletins_shared (id, month, revision, number, title, snapshot, issued_by, issued_at)
    select id, month, revision, number, title, snapshot, issued_by, issued_at from bulletins
    where jurisdiction_id = 1`.execute(db);
  await sql`insert into bulletin_units_shared (bulletin_id, unit_id)
    select bulletin_id, unit_id from bulletin_units where jurisdiction_id = 1`.execute(db);
  if (pg) {
    await sql`select setval(pg_get_serial_sequence('bulletins_shared', 'id'), coalesce(max(id), 0) + 1, false)
      from bulletins_shared`.execute(db);
  }
  await db.schema.dropTable('bulletin_units').execute();
  await db.schema.dropTable('bulletins').execute();
  await db.schema.alterTable('bulletins_shared').renameTo('bulletins').execute();
  await db.schema.alterTable('bulletin_units_shared').renameTo('bulletin_units').execute();
  await db.schema.createIndex('bulletin_units_unit').on('bulletin_units').column('unit_id').execute();
}
