/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * 知识库 entries (issue 20): the whole entry with its versions as JSON in `data`, beside the
 * columns lists filter on — the owner unit, category, street, the latest version's question and
 * status, the latest approved version's review date and end — and a `version` for the
 * optimistic lock. An owner unit is kept (RESTRICT): a unit with entries is merged, not deleted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('knowledge_entries')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('restrict'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('area', 'text')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approved_version', 'integer')
    .addColumn('review_by', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_entries_owner')
    .on('knowledge_entries')
    .column('owner_unit_id')
    .execute();
  await db.schema.createIndex('knowledge_entries_status').on('knowledge_entries').column('status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('knowledge_entries').execute();
}
