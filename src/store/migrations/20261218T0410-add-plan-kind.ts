/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Issue 18: a plan says what it is. `report` is a plan read from a government work report;
 * `ledger` is a year's 督查督办事项台账 made by registering other work (批示件, 议定事项,
 * 建议提案, lists), which is no one's plan to choose: the plan list and the current plan leave
 * it out. Ledgers made before this migration are found by work_ledgers.
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
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').dropColumn('kind').execute();
}
