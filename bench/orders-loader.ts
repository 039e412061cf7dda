/**
 * The benchmarks' bulk loader of citizens' request orders and their 三率 rows on PostgreSQL,
 * shared by bench/requests.ts (one district) and bench/jurisdictions-orders.ts (a city's
 * districts). As pg_restore does it: the keys, indexes and foreign keys of `request_orders` and
 * `request_follow_ups` (and the foreign keys that point at them) are dropped, the rows streamed
 * by `COPY … FROM STDIN WITH (FREEZE)` through psql children, each in a transaction that first
 * truncates its table — so with `wal_level=minimal` the rows skip the WAL and are written
 * already frozen — then the keys and indexes are built again in two sessions, the foreign keys
 * checked, and ANALYZE.
 *
 * On the monthly partitions (issue 16.5, migration 20261220T0100) each order goes straight to
 * its Beijing month's partition (or DEFAULT), one COPY … FREEZE per partition (a partitioned
 * parent takes no FREEZE); the 三率 rows carry their order's received_at; the row triggers (an
 * order id's uniqueness, that received_at's lookup) are off while the rows come in, because
 * every value they would check or fill is written by the loader itself and the keys built after
 * check the rest. The caller makes the months' partitions first (`store.requests.ensurePartitions`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import pg from 'pg';
import type { WorkOrder } from '../src/requests/index.js';
import { beijingMonth } from '../src/store/request-partitions.js';
import { deriveFollowUpRows, deriveOrderColumns } from '../src/store/requests.js';
import { formatNumber } from './bench.js';
import { findPostgresBin } from './postgres.js';

type Value = string | number | null | undefined;

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null, backslash escapes for \ tab newline return. */
export function copyValue(value: Value): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] ?? c) : value;
}

/**
 * `COPY table FROM STDIN WITH (FREEZE)` through a psql child (the pg package has no COPY of its
 * own and no package is added for a benchmark), in one transaction that first truncates the
 * table.
 */
function copyIn(url: string, table: string, columns: readonly string[]) {
  const bin = findPostgresBin();
  const psql = bin === undefined ? 'psql' : join(bin, 'psql');
  const child = spawn(
    psql,
    [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-1',
      '-d',
      url,
      '-c',
      `truncate ${table}`,
      '-c',
      `\\copy ${table} (${columns.join(',')}) from pstdin with (freeze)`,
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`psql copy into ${table} exited ${code}: ${err.trim()}`)),
    );
  });
  // A write after psql died fails with EPIPE; `exited` carries psql's own message.
  child.stdin.on('error', () => undefined);
  let rows: string[] = [];
  return {
    rows: 0,
    /** Stops psql: its transaction rolls back. */
    abort() {
      child.kill();
      return exited.catch(() => undefined);
    },
    async push(values: Value[]) {
      rows.push(values.map(copyValue).join('\t'));
      this.rows++;
      if (rows.length >= 1000) await this.flush();
    },
    async flush() {
      if (rows.length === 0) return;
      const chunk = rows.join('\n') + '\n';
      rows = [];
      if (!child.stdin.write(chunk)) await Promise.race([once(child.stdin, 'drain'), exited]);
    },
    async end() {
      await this.flush();
      child.stdin.end();
      await exited;
    },
  };
}

interface SavedDefinition {
  table: string;
  name: string;
  definition: string;
  kind: 'key' | 'index' | 'foreign';
}

/**
 * Drops the keys, indexes and foreign keys of `tables` (and the foreign keys pointing at them)
 * and returns their definitions. On a partitioned table they are the parent's, and dropping
 * them drops its partitions' too.
 */
async function dropKeysAndIndexes(client: pg.Client, tables: string[]): Promise<SavedDefinition[]> {
  const constraints = await client.query<{ table: string; name: string; definition: string; type: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition,
            contype as type
       from pg_constraint
      where conparentid = 0
        and ((conrelid = any($1::regclass[]) and contype in ('p', 'u', 'f'))
         or (confrelid = any($1::regclass[]) and contype = 'f'))`,
    [tables],
  );
  const indexes = await client.query<{ table: string; name: string; definition: string }>(
    `select indrelid::regclass::text as table, indexrelid::regclass::text as name,
            pg_get_indexdef(indexrelid) as definition
       from pg_index i
      where indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c
                         where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))`,
    [tables],
  );
  const saved: SavedDefinition[] = [
    ...constraints.rows.map((c) => ({
      ...c,
      kind: c.type === 'f' ? ('foreign' as const) : ('key' as const),
    })),
    // A partitioned table's index reads `ON ONLY parent`: built again, it is built on every
    // partition too.
    ...indexes.rows.map((i) => ({
      ...i,
      definition: i.definition.replace(' ON ONLY ', ' ON '),
      kind: 'index' as const,
    })),
  ];
  for (const kind of ['foreign', 'key', 'index'] as const) {
    for (const d of saved.filter((s) => s.kind === kind)) {
      await client.query(
        kind === 'index' ? `drop index ${d.name}` : `alter table ${d.table} drop constraint ${d.name}`,
      );
    }
  }
  return saved;
}

/**
 * Builds the saved keys and indexes again (two sessions at once: their scans of the same table
 * are synchronized by PostgreSQL), then the foreign keys, which check every row.
 */
async function rebuildKeysAndIndexes(url: string, saved: SavedDefinition[], log: (line: string) => void) {
  const statement = (d: SavedDefinition) =>
    d.kind === 'index' ? d.definition : `alter table ${d.table} add constraint ${d.name} ${d.definition}`;
  const timed = async (client: pg.Client, d: SavedDefinition) => {
    const started = performance.now();
    await client.query(statement(d));
    log(
      `  ${d.kind === 'foreign' ? 'checked' : 'built'} ${d.name} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  };
  const queue = [...saved.filter((d) => d.kind === 'key'), ...saved.filter((d) => d.kind === 'index')];
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`set maintenance_work_mem = '1GB'`);
      for (let d = queue.shift(); d !== undefined; d = queue.shift()) await timed(client, d);
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const d of saved.filter((s) => s.kind === 'foreign')) await timed(client, d);
  } finally {
    await client.end();
  }
}

/** What a load did. */
export interface LoadResult {
  /** Start to end, seconds. */
  seconds: number;
  /** Of which streaming the rows by COPY. */
  copySeconds: number;
  orders: number;
  followUps: number;
  /** The database's size after, as PostgreSQL writes it ("2263 MB"). */
  size: string;
}

/**
 * Loads `orders` (materialized, each with its jurisdiction) and their 三率 rows into the empty
 * request tables of the database at `url` (see the file's comment). Any rows there are lost.
 */
export async function bulkLoadOrders(
  url: string,
  orders: Iterable<WorkOrder> | AsyncIterable<WorkOrder>,
  log: (line: string) => void,
): Promise<LoadResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { rows: parts } = await client.query<{ name: string }>(
      `select relid::regclass::text as name from pg_partition_tree('request_orders'::regclass) where isleaf`,
    );
    const partitioned = !(parts.length === 1 && parts[0]?.name === 'request_orders');
    const leaves = new Set(parts.map((p) => p.name));
    log(`  layout: request_orders ${partitioned ? `in ${leaves.size} partitions` : 'one table'}`);
    const saved = await dropKeysAndIndexes(client, ['request_orders', 'request_follow_ups']);
    const triggered = ['request_follow_ups', ...(partitioned ? leaves : [])];
    for (const table of triggered) await client.query(`alter table ${table} disable trigger user`);

    const copies = new Map<string, ReturnType<typeof copyIn>>();
    let orderColumns: string[] | undefined;
    let followColumns: string[] | undefined;
    const copyFor = (table: string, columns: string[]) => {
      let copy = copies.get(table);
      if (copy === undefined) {
        copy = copyIn(url, table, columns);
        copies.set(table, copy);
      }
      return copy;
    };
    const partitionOf = (receivedAt: string) => {
      if (!partitioned) return 'request_orders';
      const leaf = `request_orders_p${beijingMonth(receivedAt).replace('-', '')}`;
      return leaves.has(leaf) ? leaf : 'request_orders_default';
    };
    let loaded = 0;
    let followUps = 0;
    try {
      for await (const o of orders) {
        const row: Record<string, Value> = { id: o.id, ...deriveOrderColumns(o) };
        orderColumns ??= Object.keys(row);
        await copyFor(partitionOf(o.receivedAt), orderColumns).push(orderColumns.map((c) => row[c]));
        for (const f of deriveFollowUpRows(o)) {
          const fr: Record<string, Value> = partitioned
            ? { ...f, order_received_at: o.receivedAt }
            : { ...f };
          followColumns ??= Object.keys(fr);
          await copyFor('request_follow_ups', followColumns).push(followColumns.map((c) => fr[c]));
          followUps++;
        }
        if (++loaded % 500_000 === 0) {
          log(
            `  copied ${formatNumber(loaded)} orders in ${((performance.now() - started) / 1000).toFixed(0)} s`,
          );
        }
      }
      await Promise.all([...copies.values()].map((c) => c.end()));
    } catch (error) {
      await Promise.all([...copies.values()].map((c) => c.abort()));
      throw error;
    } finally {
      for (const table of triggered) await client.query(`alter table ${table} enable trigger user`);
    }
    const copySeconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    // On a shared machine the wall clock is mostly the wait for a core: the generator's own CPU
    // (materializing, mapping, escaping) says what a free core would take.
    log(
      `  copied ${formatNumber(loaded)} orders into ${copies.size - (followUps > 0 ? 1 : 0)} table(s) and ` +
        `${formatNumber(followUps)} 三率 rows in ${copySeconds.toFixed(0)} s ` +
        `(this process: ${((used.user + used.system) / 1e6).toFixed(0)} s CPU generating and feeding COPY)`,
    );
    await rebuildKeysAndIndexes(url, saved, log);
    await client.query(
      `select setval(pg_get_serial_sequence('request_orders', 'id'), coalesce((select max(id) from request_orders), 0) + 1, false)`,
    );
    await client.query('analyze request_orders');
    await client.query('analyze request_follow_ups');
    const seconds = (performance.now() - started) / 1000;
    const { rows: size } = await client.query<{ size: string }>(
      'select pg_size_pretty(pg_database_size(current_database())) as size',
    );
    log(
      `bulk load: ${formatNumber(loaded)} orders in ${seconds.toFixed(0)} s (${formatNumber(loaded / seconds)} orders/s; ` +
        `COPY ${copySeconds.toFixed(0)} s, then ${saved.length} keys, indexes and foreign keys and ANALYZE), database ${size[0]?.size}`,
    );
    return { seconds, copySeconds, orders: loaded, followUps, size: size[0]?.size ?? '' };
  } finally {
    await client.end();
  }
}
