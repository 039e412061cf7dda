/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Projects of the library (项目库, issue 17): one row per project for all its years. The
 * columns lists filter and sort on (library, current stage, 出库 day, lead unit, enterprise)
 * beside the domain's arrays as JSON (aliases, dated stage history, annual plans, milestones,
 * year targets, 形象进度). Monthly investment is a table of its own (library_investments).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('library_projects')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('library', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('history', 'text', (c) => c.notNull())
    .addColumn('total_investment', 'double precision')
    .addColumn('annual_plans', 'text', (c) => c.notNull())
    .addColumn('parcel', 'text')
    .addColumn('lng', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('lead_unit_id', 'integer')
    .addColumn('leader', 'text')
    .addColumn('enterprise_id', 'integer')
    .addColumn('milestones', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('stats_registered_on', 'text')
    .addColumn('exited_on', 'text')
    .addColumn('exit_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('library_projects_library_stage')
    .on('library_projects')
    .columns(['jurisdiction_id', 'library', 'stage'])
    .execute();
  await db.schema
    .createIndex('library_projects_lead_unit')
    .on('library_projects')
    .columns(['jurisdiction_id', 'lead_unit_id'])
    .execute();
  await db.schema
    .createIndex('library_projects_enterprise')
    .on('library_projects')
    .columns(['jurisdiction_id', 'enterprise_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('library_projects').execute();
}
