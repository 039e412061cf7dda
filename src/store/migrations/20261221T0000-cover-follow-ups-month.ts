/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Issue 16.6: a month's 三率 (one district's, or every district a city ranks) is counted from
 * the index alone. At 10 M orders over 100 districts the month's rows of a district lie on as
 * many heap pages as it has rows (districts' orders arrive interleaved), and the city's month
 * read 709,000 rows from the heap and sorted them (950 ms, docs/BENCHMARKS.md). The index by
 * (jurisdiction_id, month, lead_unit_id) now carries the columns the counts read, so both reads
 * are index-only scans in group order: INCLUDE on PostgreSQL, key columns on SQLite.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create index request_follow_ups_month_counts on request_follow_ups
      (jurisdiction_id, month, lead_unit_id) include (source, exempt, contacted, resolved, satisfaction)`.execute(
      db,
    );
  } else {
    await db.schema
      .createIndex('request_follow_ups_month_counts')
      .on('request_follow_ups')
      .columns([
        'jurisdiction_id',
        'month',
        'lead_unit_id',
        'source',
        'exempt',
        'contacted',
        'resolved',
        'satisfaction',
      ])
      .execute();
  }
  await db.schema.dropIndex('request_follow_ups_jurisdiction_month').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('request_follow_ups_jurisdiction_month')
    .on('request_follow_ups')
    .columns(['jurisdiction_id', 'month', 'lead_unit_id'])
    .execute();
  await db.schema.dropIndex('request_follow_ups_month_counts').execute();
}
