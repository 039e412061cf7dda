/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * How each project a plan's report names (a row of `projects`) was matched to the library
 * (issue 17): the match as JSON (outcome, confidence, candidates), the library record it stands
 * for, the year's target stage it gave, and the review (`state`: matched by itself, pending a
 * person, confirmed, created as a new project, rejected).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('library_matches')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('plan_project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('match', 'text', (c) => c.notNull())
    .addColumn('library_project_id', 'integer', (c) =>
      c.references('library_projects.id').onDelete('set null'),
    )
    .addColumn('target_stage', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('library_matches_plan_project', ['plan_id', 'plan_project_id'])
    .execute();
  await db.schema
    .createIndex('library_matches_library_project')
    .on('library_matches')
    .columns(['library_project_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('library_matches').execute();
}
