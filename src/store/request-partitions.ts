/**
 * The monthly partitions of citizens' request orders and their events on PostgreSQL (issue
 * 16.5, migration 20261220T0100, docs/DECISIONS.md): each Beijing month of `received_at` has
 * its partition of `request_orders` and of `request_events`, and a DEFAULT one takes whatever
 * falls outside. `ensureRequestPartitions` makes the months ahead and, for any month whose
 * orders sit in DEFAULT, that month's partitions with its rows moved in. On SQLite it does
 * nothing (the tables are not partitioned).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from './connect.js';
import { inTransaction } from './rows.js';
import type { Database } from './schema.js';

/** Months made ahead of the current Beijing month. */
export const PARTITION_MONTHS_AHEAD = 3;

const BEIJING_MS = 8 * 3_600_000;
const TABLES = ['request_orders', 'request_events'] as const;

/**
 * The Beijing month `n` months after `month`.
 * @example addMonths('2026-12', 1) // '2027-01'
 */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/**
 * The bounds of a Beijing month as received_at writes instants (ISO, UTC): [from, to).
 * @example monthRange('2026-03') // { from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' }
 */
export function monthRange(month: string): { from: string; to: string } {
  const start = (m: string) => {
    const [y, mm] = m.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, mm - 1, 1) - BEIJING_MS).toISOString();
  };
  return { from: start(month), to: start(addMonths(month, 1)) };
}

/** The Beijing month of an instant. */
export const beijingMonth = (instant: string | Date): string =>
  new Date(new Date(instant).getTime() + BEIJING_MS).toISOString().slice(0, 7);

const partitionName = (table: string, month: string) => `${table}_p${month.replace('-', '')}`;

/**
 * Makes the partitions of the current month and the `ahead` next ones that are missing, and
 * those of every month with orders in the DEFAULT partition (their rows, events and the rows
 * naming them moved in, in one transaction). Returns the months made. Safe to run from several
 * servers at once (an advisory lock); on SQLite it returns [].
 */
export async function ensureRequestPartitions(
  db: Kysely<Database>,
  dialect: DialectName,
  now: Date = new Date(),
  ahead: number = PARTITION_MONTHS_AHEAD,
): Promise<string[]> {
  if (dialect !== 'postgres') return [];
  // Rows moved out of DEFAULT are the same rows: no plan's answer changes, so no revision moves
  // (the store's guard on writes outside store.transaction is for commands).
  return inTransaction(db.isTransaction ? db : db.withoutPlugins(), async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended('luoshi request partitions', 0))`.execute(trx);
    const { rows: existing } = await sql<{ name: string }>`
      select c.relid::regclass::text as name from pg_partition_tree('request_orders'::regclass) c
      where c.isleaf`.execute(trx);
    const have = new Set(existing.map((r) => r.name.replace(/^.*\./, '').replace(/"/g, '')));
    // Months with orders (or events) in DEFAULT: an order far ahead or far back.
    const { rows: stray } = await sql<{ month: string }>`
      select distinct to_char((received_at::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM') as month
      from (select received_at from request_orders_default union select received_at from request_events_default) d
      order by 1`.execute(trx);
    const first = beijingMonth(now);
    const wanted = new Set(stray.map((r) => r.month));
    for (let n = 0; n <= ahead; n += 1) wanted.add(addMonths(first, n));
    const made: string[] = [];
    for (const month of [...wanted].sort()) {
      if (have.has(partitionName('request_orders', month))) continue;
      await makeMonth(trx, month);
      made.push(month);
    }
    return made;
  });
}

/** The tables (not partitioned) whose rows name an order, with their order's received_at. */
async function orderChildren(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table: string }>`
    select c.conrelid::regclass::text as table from pg_constraint c
    where c.contype = 'f' and c.confrelid = 'request_orders'::regclass and c.conparentid = 0
      and c.conrelid <> 'request_events'::regclass
    order by 1`.execute(db);
  return rows.map((r) => r.table);
}

/**
 * One month's partitions. PostgreSQL refuses a partition whose range DEFAULT holds rows of, so
 * those rows (orders, their events, and the rows naming them, which the delete cascades to)
 * are kept aside, deleted, and put back once the partitions are made.
 */
async function makeMonth(db: Kysely<Database>, month: string): Promise<void> {
  const { from, to } = monthRange(month);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from request_orders_default where received_at >= ${from} and received_at < ${to}`.execute(
    db,
  );
  const moving = (rows[0]?.n ?? 0) > 0;
  const children = moving ? await orderChildren(db) : [];
  if (moving) {
    await sql`create temp table moving_orders on commit drop as
      select * from request_orders_default where received_at >= ${from} and received_at < ${to}`.execute(db);
    await sql`create temp table moving_events on commit drop as
      select * from request_events_default where received_at >= ${from} and received_at < ${to}`.execute(db);
    for (const [n, child] of children.entries()) {
      await sql`create temp table ${sql.id(`moving_child${n}`)} on commit drop as
        select c.* from ${sql.table(child)} c join moving_orders o on o.jurisdiction_id = c.jurisdiction_id and o.id = c.order_id`.execute(
        db,
      );
    }
    await sql`delete from request_events_default where received_at >= ${from} and received_at < ${to}`.execute(
      db,
    );
    await sql`delete from request_orders_default where received_at >= ${from} and received_at < ${to}`.execute(
      db,
    );
  }
  for (const table of TABLES) {
    await sql`create table ${sql.table(partitionName(table, month))} partition of ${sql.table(table)}
      for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(db);
  }
  if (!moving) return;
  await sql`insert into request_orders select * from moving_orders`.execute(db);
  await sql`insert into request_events select * from moving_events`.execute(db);
  for (const [n, child] of children.entries()) {
    await sql`insert into ${sql.table(child)} select * from ${sql.id(`moving_child${n}`)}`.execute(db);
    await sql`drop table ${sql.id(`moving_child${n}`)}`.execute(db);
  }
  await sql`drop table moving_events`.execute(db);
  await sql`drop table moving_orders`.execute(db);
}
