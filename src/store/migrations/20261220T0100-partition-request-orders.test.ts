import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { openStore } from '../index.js';
import { migrationProvider } from './index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- rows written as the schema stood before */
const kysely = (store: unknown) => (store as { kysely: Kysely<any> }).kysely;

const RECEIVED = '2025-03-10T02:00:00.000Z';

describe.each(DIALECTS)('migration 20261220T0100-partition-request-orders on %s', (dialect) => {
  it('keeps every order, event and row naming an order, the events with their order’s received_at', async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      const db = kysely(store).withoutPlugins();
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect(
        (await migrator.migrateTo('20261219T0100-create-library-investment-calls')).error,
      ).toBeUndefined();
      const order = {
        jurisdiction_id: 1,
        id: 41,
        source: 'hotline',
        category: '积水',
        area: '回龙观街道',
        status: 'dispatched',
        lead_unit_id: null,
        received_at: RECEIVED,
        dedupe_key: 'k',
        anonymous_to_public: 0,
        version: 2,
        data: '{}',
      };
      await db.insertInto('request_orders').values(order).execute();
      await db
        .insertInto('request_events')
        .values(
          [1, 2].map((seq) => ({
            jurisdiction_id: 1,
            order_id: 41,
            seq,
            type: 't',
            at: RECEIVED,
            data: '{}',
          })),
        )
        .execute();
      await db
        .insertInto('request_follow_ups')
        .values({
          jurisdiction_id: 1,
          order_id: 41,
          month: '2025-03',
          lead_unit_id: 3,
          source: 'hotline',
          exempt: 0,
        })
        .execute();
      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();

      expect(
        await db.selectFrom('request_orders').select(['id', 'received_at', 'version']).execute(),
      ).toEqual([{ id: 41, received_at: RECEIVED, version: 2 }]);
      expect(
        await db.selectFrom('request_events').select(['seq', 'received_at']).orderBy('seq').execute(),
      ).toEqual([
        { seq: 1, received_at: RECEIVED },
        { seq: 2, received_at: RECEIVED },
      ]);
      expect(await db.selectFrom('request_follow_ups').select(['order_id', 'month']).execute()).toEqual([
        { order_id: 41, month: '2025-03' },
      ]);
      if (dialect === 'postgres') {
        // The old order's month was made (the oldest row's), and its rows sit there.
        const { rows } = await sql<{ part: string }>`
          select tableoid::regclass::text as part from request_orders
          union all select tableoid::regclass::text from request_events`.execute(db);
        expect(rows.map((r) => r.part)).toEqual([
          'request_orders_p202503',
          'request_events_p202503',
          'request_events_p202503',
        ]);
        const { rows: copied } = await sql<{ at: string }>`
          select order_received_at as at from request_follow_ups`.execute(db);
        expect(copied).toEqual([{ at: RECEIVED }]);
        // The ids go on from the same sequence; a row naming no order is refused as before.
        const { rows: next } = await sql<{ id: number }>`
          select nextval(pg_get_serial_sequence('request_orders', 'id'))::int as id`.execute(db);
        expect(next[0]?.id).toBeGreaterThan(0);
        await expect(
          db
            .insertInto('request_co_units')
            .values({ jurisdiction_id: 1, order_id: 999, unit_id: 3, finish_due: RECEIVED })
            .execute(),
        ).rejects.toThrow(/request_co_units_order_id_fkey/);
      }
      // Deleting the order takes its events and rows with it, as the cascade did.
      await db.deleteFrom('request_orders').where('id', '=', 41).execute();
      expect(await db.selectFrom('request_events').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('request_follow_ups').select('order_id').execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
