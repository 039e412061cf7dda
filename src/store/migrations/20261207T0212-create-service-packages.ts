/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** 服务包 (issue 17): one per enterprise or talent per year, with its 服务管家. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_packages')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('holder_kind', 'text', (c) => c.notNull())
    .addColumn('holder_id', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('butler', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('service_packages_holder_year', [
      'jurisdiction_id',
      'holder_kind',
      'holder_id',
      'year',
    ])
    .execute();
  await db.schema
    .createIndex('service_packages_year')
    .on('service_packages')
    .columns(['jurisdiction_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_packages').execute();
}
