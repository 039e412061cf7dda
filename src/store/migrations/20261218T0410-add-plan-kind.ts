/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Issue 18: a plan says what it is. `report` is a plan read from a government work report;
 * `ledger` is a year's 督查督办事项台账 made by registering other work (批示件, 议定事项,
 * 建议提案, lists), which is no one's plan to choose: the plan list and the current plan leave
 * it out. Ledgers made before this migration are found by work_ledgers.
 *
 * And one ledger a year per jurisdiction on SQLite too: there work_ledgers kept `year` alone as
 * its primary key after 20261216T0100 (PostgreSQL's became (jurisdiction_id, year)), so a
 * second jurisdiction's ledger of a year failed. The table is rebuilt keyed as on PostgreSQL,
 * with its index and its trigger (the jurisdiction taken from the plan) as they were.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plans')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('report'))
    .execute();
  await db
    .updateTable('plans')
    .set({ kind: 'ledger' })
    .where('id', 'in', db.selectFrom('work_ledgers').select('plan_id'))
    .execute();
  if (isPostgres(db)) return;
  await sql`create table work_ledgers_new ("jurisdiction_id" integer not null default 1, "year" integer not null, "plan_id" integer not null unique references "plans" ("id") on delete cascade, "created_at" text not null, constraint "work_ledgers_pkey" primary key ("jurisdiction_id", "year"))`.execute(
    db,
  );
  await sql`insert into work_ledgers_new (jurisdiction_id, year, plan_id, created_at) select jurisdiction_id, year, plan_id, created_at from work_ledgers`.execute(
    db,
  );
  await sql`drop table work_ledgers`.execute(db);
  await sql`alter table work_ledgers_new rename to work_ledgers`.execute(db);
  await sql`create unique index "work_ledgers_jurisdiction_key0" on "work_ledgers" ("jurisdiction_id", "plan_id")`.execute(
    db,
  );
  await sql`create trigger "work_ledgers_jurisdiction" after insert on "work_ledgers" for each row begin
          update "work_ledgers" set jurisdiction_id = coalesce((select p.jurisdiction_id from "plans" p where p."id" = new."plan_id"), new.jurisdiction_id)
          where rowid = new.rowid;
        end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').dropColumn('kind').execute();
}
