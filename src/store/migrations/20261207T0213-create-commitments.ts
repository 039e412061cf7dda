/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The commitments of a 服务包 (issue 17): what the government promised, the responsible unit,
 * the 服务管家, the working-day deadline, the state, evidence, the holder's confirmation and
 * satisfaction, links to projects, parcels and tasks (JSON). `version` counts the events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('commitments')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('package_id', 'integer', (c) =>
      c.notNull().references('service_packages.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('responsible_unit_id', 'integer', (c) => c.notNull())
    .addColumn('butler', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('delivered_on', 'text')
    .addColumn('confirmed_on', 'text')
    .addColumn('satisfaction', 'text')
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commitments_package').on('commitments').columns(['package_id']).execute();
  await db.schema
    .createIndex('commitments_unit_state')
    .on('commitments')
    .columns(['jurisdiction_id', 'responsible_unit_id', 'state'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('commitments').execute();
}
