/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * Issue 16.6: a month's 三率 of one jurisdiction (and, one after another, of every district a
 * city ranks) is read by `jurisdiction_id` and `month`. The index of 三率 rows by
 * (month, lead_unit_id) made before jurisdictions read every jurisdiction's rows of the month
 * and kept one's: 100 districts sharing a database made each district's read 100 times the
 * work. The index leads with the jurisdiction now, on both engines.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('request_follow_ups_month_unit').ifExists().execute();
  await db.schema
    .createIndex('request_follow_ups_jurisdiction_month')
    .on('request_follow_ups')
    .columns(['jurisdiction_id', 'month', 'lead_unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('request_follow_ups_jurisdiction_month').execute();
  await db.schema
    .createIndex('request_follow_ups_month_unit')
    .on('request_follow_ups')
    .columns(['month', 'lead_unit_id'])
    .execute();
}
