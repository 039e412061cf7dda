/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const BEIJING_MS = 8 * 3_600_000;
/** Months made ahead of the current one; the server makes the next ones as time goes on. */
const AHEAD = 3;

/** 'YYYY-MM' of the Beijing month `n` months after `month`. */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** The first instant of a Beijing month as received_at writes it (ISO, UTC). */
function monthStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1) - BEIJING_MS).toISOString();
}

const beijingMonth = (instant: string): string =>
  new Date(Date.parse(instant) + BEIJING_MS).toISOString().slice(0, 7);

/** Non-partitioned tables whose rows name an order: the order's received_at is copied onto them. */
const ORDER_CHILDREN = ['request_co_units', 'request_follow_ups', 'request_media', 'request_reply_checks'];

/**
 * Citizens' request orders and their events partitioned by Beijing month of `received_at` on
 * PostgreSQL (issue 16.5, docs/DECISIONS.md): an order's events carry its received_at and live
 * in the same month's partition. Keys: (jurisdiction_id, id, received_at) — a partitioned
 * table's unique keys hold its partition key — and the tables that name an order reference it
 * by (jurisdiction_id, order_id, order_received_at), the last filled by a trigger from the
 * order. One partition per month from the oldest row (or this month) to 3 ahead, and a
 * DEFAULT one so no insert ever fails; the server makes the next months (request-partitions.ts).
 * Rows are copied into the new tables in this migration's transaction; the id sequences carry
 * on. On SQLite only the events gain `received_at` (the same queries run on both engines).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`alter table request_events add column received_at text not null default ''`.execute(db);
    await sql`update request_events set received_at = (select o.received_at from request_orders o where o.id = request_events.order_id)`.execute(
      db,
    );
    return;
  }
  const { rows: fks } = await sql<{ table: string; name: string }>`
    select c.conrelid::regclass::text as table, c.conname as name from pg_constraint c
    where c.contype = 'f' and c.confrelid = 'request_orders'::regclass`.execute(db);
  for (const fk of fks)
    await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(db);

  // The months to make: from the oldest order's (or this one) to AHEAD months from now. Months
  // without rows cost catalogue entries on every new database (each test's): none are made
  // back; an order taken in later for a month without one lands in DEFAULT until the next
  // maintenance makes its month (request-partitions.ts).
  const now = beijingMonth(new Date().toISOString());
  const { rows: oldest } = await sql<{
    at: string | null;
  }>`select min(received_at) as at from request_orders`.execute(db);
  let first = now;
  const oldestMonth = oldest[0]?.at ? beijingMonth(oldest[0].at) : null;
  if (oldestMonth !== null && /^\d{4}-\d{2}$/.test(oldestMonth) && oldestMonth < first) first = oldestMonth;
  const months: string[] = [];
  for (let m = first; m <= addMonths(now, AHEAD); m = addMonths(m, 1)) months.push(m);

  await rebuildPartitioned(db, 'request_orders', months, sql``, sql`o.*`, sql`request_orders_old o`);
  await rebuildPartitioned(
    db,
    'request_events',
    months,
    sql`, received_at text not null`,
    sql`e.*, o.received_at`,
    sql`request_events_old e join request_orders_old o on o.jurisdiction_id = e.jurisdiction_id and o.id = e.order_id`,
  );
  await sql`alter table request_events add constraint request_events_order_id_fkey foreign key (jurisdiction_id, order_id, received_at) references request_orders (jurisdiction_id, id, received_at) on delete cascade`.execute(
    db,
  );
  // An order's id stays unique on its own, as before (a unique index on a partitioned table must
  // hold received_at): an insert naming a taken id is refused as the key's violation. Ids come
  // from the sequence; this guards a caller that names one (one probe per partition's id index).
  await sql`create function request_orders_id_unique() returns trigger language plpgsql as $$ begin
      if exists (select 1 from request_orders o where o.id = new.id) then
        raise unique_violation using message = format('duplicate key value violates unique constraint "request_orders_pkey": order %s exists', new.id);
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger request_orders_id_unique before insert on request_orders for each row execute function request_orders_id_unique()`.execute(
    db,
  );
  await sql`alter table request_events add constraint request_events_order_seq unique (jurisdiction_id, order_id, received_at, seq)`.execute(
    db,
  );
  for (const table of ORDER_CHILDREN) {
    await sql`alter table ${sql.table(table)} add column order_received_at text`.execute(db);
    await sql`update ${sql.table(table)} c set order_received_at = o.received_at from request_orders_old o
      where o.jurisdiction_id = c.jurisdiction_id and o.id = c.order_id`.execute(db);
    // After the jurisdiction's own trigger (names fire in order): the order's received_at, or
    // the foreign key's own error when there is no such order (a null would pass MATCH SIMPLE).
    await sql
      .raw(
        `create function "${table}_order_received_at"() returns trigger language plpgsql as $$ begin
          if new.order_id is null then new.order_received_at := null; return new; end if;
          select o.received_at into new.order_received_at from request_orders o
            where o.jurisdiction_id = new.jurisdiction_id and o.id = new.order_id;
          if new.order_received_at is null then
            raise foreign_key_violation using message = format('insert or update on table "${table}" violates foreign key constraint "${table}_order_id_fkey": order %s of jurisdiction %s does not exist', new.order_id, new.jurisdiction_id);
          end if;
          return new;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger "${table}_order_received_at" before insert or update of order_id, jurisdiction_id on "${table}" for each row execute function "${table}_order_received_at"()`,
      )
      .execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_order_id_fkey`)} foreign key (jurisdiction_id, order_id, order_received_at) references request_orders (jurisdiction_id, id, received_at) on delete cascade`.execute(
      db,
    );
  }
  await sql`drop table request_events_old`.execute(db);
  await sql`drop table request_orders_old`.execute(db);
}

/**
 * `table` renamed to `<table>_old` (its indexes too), made again partitioned by range of
 * received_at with `months` and a DEFAULT partition, filled from `select`, its old indexes
 * remade (unique keys with received_at), its sequence moved over.
 */
async function rebuildPartitioned(
  db: Kysely<any>,
  table: string,
  months: string[],
  extraColumns: RawBuilder<unknown>,
  columns: RawBuilder<unknown>,
  from: RawBuilder<unknown>,
): Promise<void> {
  const { rows: indexes } = await sql<{ name: string; definition: string; constraint: string | null }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition,
      (select c.contype::text from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid) as constraint
    from pg_index i where i.indrelid = ${table}::regclass`.execute(db);
  await sql`alter table ${sql.table(table)} rename to ${sql.table(`${table}_old`)}`.execute(db);
  for (const index of indexes) {
    await sql`alter index ${sql.id(index.name)} rename to ${sql.id(`${index.name}_old`)}`.execute(db);
  }
  await sql`create table ${sql.table(table)} (like ${sql.table(`${table}_old`)} including defaults ${extraColumns}) partition by range (received_at)`.execute(
    db,
  );
  await sql`alter sequence ${sql.id(`${table}_id_seq`)} owned by ${sql.table(table)}.id`.execute(db);
  for (const [n, month] of months.entries()) {
    const to = n + 1 < months.length ? monthStart(months[n + 1]!) : monthStart(addMonths(month, 1));
    await sql`create table ${sql.table(`${table}_p${month.replace('-', '')}`)} partition of ${sql.table(table)}
      for values from (${sql.lit(monthStart(month))}) to (${sql.lit(to)})`.execute(db);
  }
  await sql`create table ${sql.table(`${table}_default`)} partition of ${sql.table(table)} default`.execute(
    db,
  );
  await sql`insert into ${sql.table(table)} select ${columns} from ${from}`.execute(db);
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_pkey`)} primary key (jurisdiction_id, id, received_at)`.execute(
    db,
  );
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_jurisdiction_id_fkey`)} foreign key (jurisdiction_id) references jurisdictions (id)`.execute(
    db,
  );
  for (const index of indexes) {
    if (index.constraint !== null) continue; // keys: above and by the caller
    await sql
      .raw(index.definition.replace(new RegExp(` ON (\\S+\\.)?"?${table}_old"? `), ` ON "${table}" `))
      .execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error(
    '20261220T0100-partition-request-orders cannot be undone: restore the backup taken before upgrading',
  );
}
