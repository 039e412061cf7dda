import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { openStore } from '../index.js';
import { migrationProvider } from './index.js';
import type { Database } from '../schema.js';

const kysely = (store: unknown) => (store as { kysely: Kysely<Database> }).kysely;

/** A month's 三率 of one jurisdiction, as countMonthlyFollowUps reads it. */
const MONTH_OF_ONE = sql`select lead_unit_id, count(*) from request_follow_ups
  where jurisdiction_id = 2 and month = '2026-11' group by lead_unit_id`;

describe.each(DIALECTS)('migration 20261219T0200-index-follow-ups-by-jurisdiction on %s', (dialect) => {
  it("reads one jurisdiction's month of 三率 rows through an index led by the jurisdiction and the month", async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      const db = kysely(store);
      // As this migration left the schema (a later one makes the index cover the counts).
      const migrator = new Migrator({ db: db.withoutPlugins(), provider: migrationProvider });
      expect(
        (await migrator.migrateTo('20261219T0200-index-follow-ups-by-jurisdiction')).error,
      ).toBeUndefined();
      const used = await db.connection().execute(async (conn) => {
        if (dialect === 'sqlite') {
          const plan = await sql<{ detail: string }>`explain query plan ${MONTH_OF_ONE}`.execute(conn);
          return plan.rows.map((r) => r.detail).join('\n');
        }
        // An empty table is read whole whatever its indexes: ask for the index the planner would pick.
        await sql`set enable_seqscan = off`.execute(conn);
        try {
          const plan = await sql<{ 'QUERY PLAN': string }>`explain ${MONTH_OF_ONE}`.execute(conn);
          return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
        } finally {
          await sql`reset enable_seqscan`.execute(conn);
        }
      });
      expect(used).toMatch(/request_follow_ups_jurisdiction_month/);
      expect(used).not.toMatch(/request_follow_ups_month_unit/);
    } finally {
      await store.close();
    }
  });
});
