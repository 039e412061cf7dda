/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Jurisdictions (issue 16): the governments one deployment serves, a tree by `parent_id`, each
 * with its 行政区划代码 (`code`, unique), level, the value Open311 clients send as
 * `jurisdiction_id` (`open311_id`, unique) and its settings (JSON: health thresholds, Open311
 * services). Their areas (streets and towns, with communities, centre and GeoJSON boundary)
 * and the aliases of their units get tables of their own; users belong to a jurisdiction and
 * may be granted the ones below it (`sees_descendants`).
 *
 * Data: a database made before this migration served one place with no name in it. Its rows
 * all become jurisdiction 1, made here without a code ('本辖区'); setting up a jurisdiction
 * from its files (`luoshi jurisdictions add`) while jurisdiction 1 has no code fills in that one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('jurisdictions')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('jurisdictions.id'))
    .addColumn('open311_id', 'text', (c) => c.unique())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jurisdictions_parent').on('jurisdictions').column('parent_id').execute();
  await db
    .insertInto('jurisdictions')
    .values({
      id: 1,
      name: '本辖区',
      level: '区县',
      settings: '{}',
      version: 1,
      created_at: new Date().toISOString(),
    })
    .execute();
  // The explicit id 1 leaves PostgreSQL's sequence at its start: move it past.
  if (pg) await sql`select setval(pg_get_serial_sequence('jurisdictions', 'id'), 1)`.execute(db);

  await db.schema
    .createTable('areas')
    .addColumn('jurisdiction_id', 'integer', (c) =>
      c.notNull().references('jurisdictions.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('communities', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('long', 'double precision')
    .addColumn('boundary', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('areas_pk', ['jurisdiction_id', 'name'])
    .execute();

  await db.schema
    .alterTable('users')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('sees_descendants', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('users_jurisdiction').on('users').column('jurisdiction_id').execute();
  if (pg) {
    await sql`alter table users add constraint users_jurisdiction_fk foreign key (jurisdiction_id) references jurisdictions (id)`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`alter table users drop constraint users_jurisdiction_fk`.execute(db);
  await db.schema.dropIndex('users_jurisdiction').execute();
  await db.schema.alterTable('users').dropColumn('sees_descendants').execute();
  await db.schema.alterTable('users').dropColumn('jurisdiction_id').execute();
  await db.schema.dropTable('areas').execute();
  await db.schema.dropTable('jurisdictions').execute();
}
