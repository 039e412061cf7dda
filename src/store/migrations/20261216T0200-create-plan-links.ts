/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Plans between levels (issue 16.3): a link from a lower plan's target or task to the higher
 * plan's it serves — made when the higher office hands it down (任务下达, `origin` handed_down)
 * or when the lower office links its own (`linked`). Owned by the lower plan's jurisdiction
 * (`jurisdiction_id` leads the keys); the higher plan is another jurisdiction's, named by
 * `parent_jurisdiction_id` beside its plan and item. One link per lower item.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  let table = db.schema
    .createTable('plan_links')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.notNull() : c.primaryKey().autoIncrement()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('child_plan_id', 'integer', (c) => c.notNull())
    .addColumn('child_item_id', 'integer', (c) => c.notNull())
    .addColumn('parent_jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('parent_plan_id', 'integer', (c) => c.notNull())
    .addColumn('parent_item_id', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull());
  if (pg) {
    table = table
      .addPrimaryKeyConstraint('plan_links_pk', ['jurisdiction_id', 'id'])
      .addUniqueConstraint('plan_links_child', ['jurisdiction_id', 'kind', 'child_item_id'])
      .addForeignKeyConstraint('plan_links_child_plan', ['jurisdiction_id', 'child_plan_id'], 'plans', [
        'jurisdiction_id',
        'id',
      ]);
  }
  await table.execute();
  if (!pg) {
    await db.schema
      .createIndex('plan_links_child')
      .on('plan_links')
      .columns(['jurisdiction_id', 'kind', 'child_item_id'])
      .unique()
      .execute();
  }
  await db.schema
    .createIndex('plan_links_parent')
    .on('plan_links')
    .columns(['parent_plan_id', 'kind', 'parent_item_id'])
    .execute();
  await db.schema.createIndex('plan_links_child_plan').on('plan_links').column('child_plan_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_links').execute();
}
