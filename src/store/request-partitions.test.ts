import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/factories.js';
import { CHANGPING, CHANGPING_CATALOGUE } from '../../test/fixtures/changping-requests.js';
import { receiveOrder } from '../requests/index.js';
import type { OrderIntake, RequestActor, WorkOrder } from '../requests/index.js';
import { addMonths, beijingMonth, monthRange } from './request-partitions.js';
import type { Database } from './schema.js';
import type { Store } from './types.js';

const center: RequestActor = { userId: null, role: 'center', unitIds: [] };
const intake: OrderIntake = {
  source: 'hotline',
  text: '回龙观西大街路口积水很深，车辆无法通行',
  category: '积水',
  location: { address: '回龙观西大街路口', area: '回龙观街道' },
  contact: { name: '王先生', phone: '13800000000' },
};
const kysely = (store: Store) => (store as unknown as { kysely: Kysely<Database> }).kysely;

async function receive(store: Store, now: string): Promise<WorkOrder> {
  return store.transaction(async (tx) => {
    const id = await tx.requests.nextOrderId();
    const { order, event } = receiveOrder(intake, {
      id,
      now,
      actor: center,
      catalogue: CHANGPING_CATALOGUE,
      jurisdiction: CHANGPING,
      jurisdictionId: 1,
    });
    await tx.requests.insertOrder(order, event);
    return order;
  });
}

/** The partition holding each row of `table` for the order. */
async function partitionsOf(store: Store, table: string, orderId: number): Promise<string[]> {
  const column = table === 'request_orders' ? 'id' : 'order_id';
  const { rows } = await sql<{ part: string }>`
    select tableoid::regclass::text as part from ${sql.table(table)} where ${sql.ref(column)} = ${orderId}`.execute(
    kysely(store),
  );
  return rows.map((r) => r.part);
}

describe('monthly partitions of request orders and events on postgres', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore('postgres');
  });
  afterAll(async () => store.close());

  it('partitions orders and events by range of received_at, one partition per Beijing month and a DEFAULT', async () => {
    const db = kysely(store);
    const { rows: parents } = await sql<{ table: string; strategy: string; key: string }>`
      select p.partrelid::regclass::text as table, p.partstrat as strategy,
        (select a.attname::text from pg_attribute a where a.attrelid = p.partrelid and a.attnum = p.partattrs[0]) as key
      from pg_partitioned_table p order by 1`.execute(db);
    expect(parents).toEqual([
      { table: 'request_events', strategy: 'r', key: 'received_at' },
      { table: 'request_orders', strategy: 'r', key: 'received_at' },
    ]);
    for (const parent of ['request_orders', 'request_events']) {
      const { rows: children } = await sql<{ name: string; bound: string }>`
        select i.inhrelid::regclass::text as name, pg_get_expr(c.relpartbound, c.oid) as bound
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = ${parent}::regclass and c.relkind = 'r' order by 1`.execute(db);
      const months = children.filter((c) => c.name !== `${parent}_default`);
      expect(children.find((c) => c.name === `${parent}_default`)?.bound).toBe('DEFAULT');
      // This month and at least the three after it, each bounded by its month's first instants.
      const now = beijingMonth(new Date());
      expect(months.map((c) => c.name)).toEqual(
        expect.arrayContaining([0, 1, 2, 3].map((n) => `${parent}_p${addMonths(now, n).replace('-', '')}`)),
      );
      for (const child of months) {
        const month = `${child.name.slice(-6, -2)}-${child.name.slice(-2)}`;
        const { from, to } = monthRange(month);
        expect(child.bound).toBe(`FOR VALUES FROM ('${from}') TO ('${to}')`);
      }
    }
    // The keys hold the partition key; an order's events reference it by it.
    const { rows: keys } = await sql<{ name: string; definition: string }>`
      select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
      where conrelid in ('request_orders'::regclass, 'request_events'::regclass) and contype in ('p', 'f') and conparentid = 0
        and conname not like '%jurisdiction_id_fkey' order by 1`.execute(db);
    expect(keys).toEqual([
      {
        name: 'request_events_order_id_fkey',
        definition:
          'FOREIGN KEY (jurisdiction_id, order_id, received_at) REFERENCES request_orders(jurisdiction_id, id, received_at) ON DELETE CASCADE',
      },
      { name: 'request_events_pkey', definition: 'PRIMARY KEY (jurisdiction_id, id, received_at)' },
      { name: 'request_orders_pkey', definition: 'PRIMARY KEY (jurisdiction_id, id, received_at)' },
    ]);
  });

  it('puts an order and its events in the partition of the Beijing month it came in', async () => {
    const month = beijingMonth(new Date());
    // The month's first instant in Beijing: the last day of the month before in UTC.
    const order = await receive(store, monthRange(month).from);
    const part = `_p${month.replace('-', '')}`;
    expect(await partitionsOf(store, 'request_orders', order.id)).toEqual([`request_orders${part}`]);
    expect(await partitionsOf(store, 'request_events', order.id)).toEqual([`request_events${part}`]);
    expect(await store.requests.getOrder(order.id)).toEqual(order);
  });

  it('takes an order far ahead into DEFAULT, and the maintenance makes its month and moves it there whole', async () => {
    const now = new Date();
    const month = addMonths(beijingMonth(now), 60);
    const order = await receive(store, `${month}-15T02:00:00.000Z`);
    await kysely(store)
      .insertInto('request_co_units')
      .values({
        jurisdiction_id: 1,
        order_id: order.id,
        unit_id: 1,
        finish_due: `${month}-20T02:00:00.000Z`,
        reported_at: null,
      })
      .execute();
    expect(await partitionsOf(store, 'request_orders', order.id)).toEqual(['request_orders_default']);
    expect(await partitionsOf(store, 'request_events', order.id)).toEqual(['request_events_default']);

    expect(await store.requests.ensurePartitions(now)).toEqual([month]);
    const part = `_p${month.replace('-', '')}`;
    expect(await partitionsOf(store, 'request_orders', order.id)).toEqual([`request_orders${part}`]);
    expect(await partitionsOf(store, 'request_events', order.id)).toEqual([`request_events${part}`]);
    expect(await store.requests.getOrder(order.id)).toEqual(order);
    expect((await store.requests.listEvents(order.id)).map((e) => e.type)).toEqual(['received']);
    expect(await partitionsOf(store, 'request_co_units', order.id)).toEqual(['request_co_units']);
    // Nothing more to make; an id already taken is still refused in any month.
    expect(await store.requests.ensurePartitions(now)).toEqual([]);
    await expect(
      store.transaction(async (tx) => {
        const { order: clash, event } = receiveOrder(intake, {
          id: order.id,
          now: now.toISOString(),
          actor: center,
          catalogue: CHANGPING_CATALOGUE,
          jurisdiction: CHANGPING,
          jurisdictionId: 1,
        });
        await tx.requests.insertOrder(clash, event);
      }),
    ).rejects.toThrow(/request_orders_pkey/);
  });
});

describe('monthly partitions on sqlite', () => {
  it('are not made: the tables stay as they are', async () => {
    const store = await createTestStore('sqlite');
    try {
      expect(await store.requests.ensurePartitions(new Date())).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
