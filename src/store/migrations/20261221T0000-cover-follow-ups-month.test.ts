import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { openStore } from '../index.js';
import type { Database } from '../schema.js';

const kysely = (store: unknown) => (store as { kysely: Kysely<Database> }).kysely;

/** Every district's month of 三率 counts, as countMonthlyFollowUpsOf reads it. */
const MONTH_OF_MANY = sql`select jurisdiction_id, lead_unit_id, count(*),
    sum(case when exempt = 0 and source not in ('grid') and contacted = 1 then 1 else 0 end),
    sum(case when resolved is not null then 1 else 0 end), sum(case when satisfaction = '满意' then 1 else 0 end)
  from request_follow_ups where jurisdiction_id in (2, 3) and month = '2026-11'
  group by jurisdiction_id, lead_unit_id order by jurisdiction_id, lead_unit_id`;

describe.each(DIALECTS)('migration 20261221T0000-cover-follow-ups-month on %s', (dialect) => {
  it('counts a month of 三率 from the index alone, without reading the rows', async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase());
    try {
      const db = kysely(store);
      const used = await db.connection().execute(async (conn) => {
        if (dialect === 'sqlite') {
          const plan = await sql<{ detail: string }>`explain query plan ${MONTH_OF_MANY}`.execute(conn);
          return plan.rows.map((r) => r.detail).join('\n');
        }
        // An empty table is read whole whatever its indexes: ask for the index scan the planner would pick.
        await sql`set enable_seqscan = off`.execute(conn);
        await sql`set enable_bitmapscan = off`.execute(conn);
        try {
          const plan = await sql<{ 'QUERY PLAN': string }>`explain ${MONTH_OF_MANY}`.execute(conn);
          return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
        } finally {
          await sql`reset enable_seqscan`.execute(conn);
          await sql`reset enable_bitmapscan`.execute(conn);
        }
      });
      expect(used).toMatch(
        dialect === 'sqlite'
          ? /USING COVERING INDEX request_follow_ups_month_counts/
          : /Index Only Scan using request_follow_ups_month_counts/,
      );
    } finally {
      await store.close();
    }
  });
});
