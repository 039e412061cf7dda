/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * 企业诉求 (issue 17): requests enterprises make, taken in by their 服务管家 and clocked like
 * 接诉即办 orders. `data` holds the whole request (deadlines, pauses, reply) as JSON; the
 * columns beside it are what lists and the overdue rule filter on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprise_requests')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('enterprise_id', 'integer', (c) =>
      c.notNull().references('enterprises.id').onDelete('cascade'),
    )
    .addColumn('package_id', 'integer', (c) => c.references('service_packages.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer')
    .addColumn('butler', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('finish_due', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enterprise_requests_enterprise')
    .on('enterprise_requests')
    .columns(['enterprise_id'])
    .execute();
  await db.schema
    .createIndex('enterprise_requests_status')
    .on('enterprise_requests')
    .columns(['jurisdiction_id', 'status', 'lead_unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enterprise_requests').execute();
}
