/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The monthly investment data call (项目投资月报, issue 17): a month's call on the projects of one
 * library, opened by the office with its deadline (one per library and month), and what each lead
 * unit returned for it (who, when, how — in the page or by a workbook — and how many times; the
 * figures themselves land in library_investments and the projects' rows).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  // Owned by a jurisdiction: jurisdiction_id leads every key on PostgreSQL (as plan_links').
  let calls = db.schema
    .createTable('library_investment_calls')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.notNull() : c.primaryKey().autoIncrement()))
    .addColumn('library', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('library_investment_calls_month', ['jurisdiction_id', 'library', 'month']);
  if (pg) calls = calls.addPrimaryKeyConstraint('library_investment_calls_pk', ['jurisdiction_id', 'id']);
  await calls.execute();
  let returns = db.schema
    .createTable('library_investment_returns')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('call_id', 'integer', (c) =>
      pg ? c.notNull() : c.notNull().references('library_investment_calls.id').onDelete('cascade'),
    )
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('times', 'integer', (c) => c.notNull())
    .addColumn('returned_by', 'integer')
    .addColumn('returned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('library_investment_returns_pk', ['jurisdiction_id', 'call_id', 'unit_id']);
  if (pg)
    returns = returns.addForeignKeyConstraint(
      'library_investment_returns_call',
      ['jurisdiction_id', 'call_id'],
      'library_investment_calls',
      ['jurisdiction_id', 'id'],
      (c) => c.onDelete('cascade'),
    );
  await returns.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('library_investment_returns').execute();
  await db.schema.dropTable('library_investment_calls').execute();
}
