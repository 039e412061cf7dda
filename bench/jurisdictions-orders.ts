/**
 * Issue 16.6, orders: N synthetic 12345 orders (LUOSHI_BENCH_ORDERS, default 1,000,000) spread
 * evenly over the districts of a city (LUOSHI_BENCH_DISTRICTS, default 100), each district's
 * orders made by the generator from its own areas, units and catalogue (its RequestsSetup) and
 * materialized on the deployment's calendar, the districts' streams interleaved as orders arrive
 * (so one district's rows lie spread over the table, as in a shared deployment), loaded on
 * PostgreSQL by COPY. Then, for a month: one district's 三率 and rankings (the reads
 * `GET /requests/scores` and `GET /requests/rankings` make; target ≤ 200 ms) and every district
 * ranked for the city by its month's 三率 (target ≤ 1 s).
 *
 * The loader works on both layouts of the tables: a plain table is truncated and filled with
 * `COPY … FREEZE` with its keys and indexes dropped and built again after, as pg_restore does;
 * a partitioned one (issue 16.5's monthly partitions) keeps its keys and takes `COPY` into the
 * parent, which routes each row to its partition.
 *
 * LUOSHI_BENCH_KEEP=DIR keeps the database in DIR (its own server, started and stopped here):
 * LUOSHI_BENCH_PHASE=load only loads it (run it at nice 10 without the suite lock), =measure
 * only measures a database loaded before (under the lock); the default does both.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { listMonthlyScores, listRankings } from '../src/commands/request-queries.js';
import { rankChildJurisdictions } from '../src/commands/district-rankings.js';
import { createRequestsCache } from '../src/commands/requests-setup.js';
import { generateOrders, materializeOrder } from '../src/requests/index.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { deriveFollowUpRows, deriveOrderColumns } from '../src/store/requests.js';
import { formatNumber, median } from './bench.js';
import type { Figure } from './bench.js';
import { listDistricts, setUpDistricts, whileLocked } from './districts.js';
import type { District } from './districts.js';
import { findPostgresBin, startPostgres } from './postgres.js';

const ORDERS = Number(process.env.LUOSHI_BENCH_ORDERS ?? 1_000_000);
const DISTRICTS = Number(process.env.LUOSHI_BENCH_DISTRICTS ?? 100);
const KEEP = process.env.LUOSHI_BENCH_KEEP;
const PHASE = process.env.LUOSHI_BENCH_PHASE ?? 'all';
/** The catalogue of the fixture district is in force from 2026-01-01 (Beijing). */
const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2027-01-01T00:00:00.000Z';
const NOW = '2026-12-31T08:00:00.000Z';
const MONTH = '2026-11';
const RUNS = 21;
const PG_SETTINGS = ['max_wal_size=4GB', 'wal_level=minimal', 'max_wal_senders=0'];

/** Runs a shell command as the postgres user when this process is root. */
function asPostgres(command: string) {
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? 'su' : 'sh', asRoot ? ['postgres', '-c', command] : ['-c', command], {
    stdio: 'pipe',
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A PostgreSQL server whose data stays in `dir` (made there on first use, with a database
 * `bench`); `stop` stops it and leaves the data. `fresh` says the data was made now.
 */
async function startKeptPostgres(dir: string): Promise<{ url: string; stop: () => void; fresh: boolean }> {
  const bin = findPostgresBin();
  if (bin === undefined) throw new Error('PostgreSQL binaries not found in /usr/lib/postgresql/*/bin');
  const data = join(dir, 'data');
  const fresh = !existsSync(join(data, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(dir, { recursive: true });
    if (process.getuid?.() === 0) {
      chmodSync(dir, 0o755);
      execFileSync('chown', ['postgres:postgres', dir]);
    }
    asPostgres(`${bin}/initdb -D ${data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync`);
  }
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off${PG_SETTINGS.map((s) => ` -c ${s}`).join('')}`;
  asPostgres(`${bin}/pg_ctl -D ${data} -l ${dir}/server.log -w -o '${options}' start`);
  if (fresh) {
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/bench`,
    stop: () => asPostgres(`${bin}/pg_ctl -D ${data} -m fast -w stop`),
    fresh,
  };
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null, backslash escapes for \ tab newline return. */
function copyValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] ?? c) : value;
}

/**
 * `COPY table FROM STDIN` through a psql child in one transaction. `freeze`: the transaction
 * first truncates the table, so the rows are written frozen and, with wal_level=minimal, skip
 * the WAL (a partitioned table takes neither).
 */
function copyIn(url: string, table: string, columns: readonly string[], freeze: boolean) {
  const bin = findPostgresBin();
  const psql = bin === undefined ? 'psql' : join(bin, 'psql');
  const statements = freeze
    ? ['-c', `truncate ${table}`, '-c', `\\copy ${table} (${columns.join(',')}) from pstdin with (freeze)`]
    : ['-c', `\\copy ${table} (${columns.join(',')}) from pstdin`];
  const child = spawn(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-d', url, ...statements], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`psql copy into ${table} exited ${code}: ${err.trim()}`)),
    );
  });
  child.stdin.on('error', () => undefined);
  let rows: string[] = [];
  return {
    rows: 0,
    async push(values: (string | number | null | undefined)[]) {
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

/** Drops the keys, indexes and foreign keys of plain `tables` (and those pointing at them). */
async function dropKeysAndIndexes(client: pg.Client, tables: string[]): Promise<SavedDefinition[]> {
  if (tables.length === 0) return [];
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
    ...indexes.rows.map((i) => ({ ...i, kind: 'index' as const })),
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

/** Builds the saved keys and indexes in two sessions, then the foreign keys. */
async function rebuildKeysAndIndexes(url: string, saved: SavedDefinition[], log: (line: string) => void) {
  const statement = (d: SavedDefinition) =>
    d.kind === 'index' ? d.definition : `alter table ${d.table} add constraint ${d.name} ${d.definition}`;
  const queue = [...saved.filter((d) => d.kind === 'key'), ...saved.filter((d) => d.kind === 'index')];
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`set maintenance_work_mem = '1GB'`);
      for (let d = queue.shift(); d !== undefined; d = queue.shift()) await client.query(statement(d));
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const d of saved.filter((s) => s.kind === 'foreign')) await client.query(statement(d));
  } finally {
    await client.end();
  }
  log(`  built ${saved.length} keys, indexes and foreign keys again`);
}

/**
 * Generates ORDERS orders over `districts` (an equal share each, their streams interleaved)
 * and loads them with their 三率 rows. Returns the seconds it took.
 */
async function loadOrders(
  url: string,
  store: Store,
  districts: District[],
  log: (line: string) => void,
): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const tables = ['request_orders', 'request_follow_ups'];
  const kinds = await client.query<{ name: string; kind: string }>(
    `select relname as name, relkind as kind from pg_class where oid = any($1::regclass[])`,
    [tables],
  );
  const partitioned = new Set(kinds.rows.filter((r) => r.kind === 'p').map((r) => r.name));
  log(`  layout: ${tables.map((t) => `${t} ${partitioned.has(t) ? 'partitioned' : 'plain'}`).join(', ')}`);
  const saved = await dropKeysAndIndexes(
    client,
    tables.filter((t) => !partitioned.has(t)),
  );
  const cache = createRequestsCache(store);
  const per = Math.ceil(ORDERS / districts.length);
  // One setup after another: a hundred at once wait for the store's few connections.
  const streams = [];
  for (const [k, d] of districts.entries()) {
    const setup = await cache.setup(d.id);
    const rows = setup.catalogue.versions[0]?.rows ?? [];
    streams.push({
      id: d.id,
      setup,
      orders: generateOrders({
        seed: 7 + k,
        count: per,
        from: FROM,
        to: TO,
        jurisdiction: setup.jurisdiction,
        units: setup.units,
        rows,
        firstId: k * per + 1,
      }),
    });
  }
  let orders: ReturnType<typeof copyIn> | undefined;
  let follows: ReturnType<typeof copyIn> | undefined;
  let orderColumns: string[] = [];
  let followColumns: string[] = [];
  let live = streams;
  while (live.length > 0) {
    const next: typeof live = [];
    for (const s of live) {
      const item = s.orders.next();
      if (item.done) continue;
      next.push(s);
      const o = materializeOrder(item.value, {
        now: NOW,
        catalogue: s.setup.catalogue,
        calendar: s.setup.calendar,
      });
      o.jurisdictionId = s.id;
      const row: Record<string, string | number | null> = { id: o.id, ...deriveOrderColumns(o) };
      if (orders === undefined) {
        orderColumns = Object.keys(row);
        orders = copyIn(url, 'request_orders', orderColumns, !partitioned.has('request_orders'));
      }
      await orders.push(orderColumns.map((c) => row[c]));
      for (const f of deriveFollowUpRows(o)) {
        const fr = f as unknown as Record<string, string | number | null>;
        if (follows === undefined) {
          followColumns = Object.keys(fr);
          follows = copyIn(url, 'request_follow_ups', followColumns, !partitioned.has('request_follow_ups'));
        }
        await follows.push(followColumns.map((c) => fr[c]));
      }
      if (orders.rows % 500_000 === 0) {
        log(
          `  copied ${formatNumber(orders.rows)} orders in ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
      }
    }
    live = next;
  }
  await Promise.all([orders?.end(), follows?.end()]);
  const copied = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  log(
    `  copied ${formatNumber(orders?.rows ?? 0)} orders and ${formatNumber(follows?.rows ?? 0)} 三率 rows in ${copied.toFixed(0)} s ` +
      `(this process: ${((used.user + used.system) / 1e6).toFixed(0)} s CPU generating and feeding COPY)`,
  );
  await rebuildKeysAndIndexes(url, saved, log);
  await client.query(
    `select setval(pg_get_serial_sequence('request_orders', 'id'), ${per * districts.length})`,
  );
  await client.query('analyze request_orders');
  await client.query('analyze request_follow_ups');
  const seconds = (performance.now() - started) / 1000;
  const size = await client.query<{ size: string }>(
    'select pg_size_pretty(pg_database_size(current_database())) as size',
  );
  log(
    `bulk load: ${formatNumber(per * districts.length)} orders over ${districts.length} districts in ${seconds.toFixed(0)} s ` +
      `(${formatNumber((per * districts.length) / seconds)} orders/s; COPY ${copied.toFixed(0)} s), database ${size.rows[0]?.size}`,
  );
  await client.end();
  return seconds;
}

async function measure(
  store: Store,
  cityDistricts: District[],
  log: (line: string) => void,
): Promise<Figure[]> {
  const cache = createRequestsCache(store);
  const one = cityDistricts[Math.floor(cityDistricts.length / 2)]!;
  const setup = await cache.setup(one.id);
  const oneTimes: number[] = [];
  let counted = 0;
  let ranked = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const [scores, rankings] = await Promise.all([
      listMonthlyScores(store, setup, MONTH),
      listRankings(store, setup, MONTH, undefined),
    ]);
    oneTimes.push(performance.now() - start);
    counted = scores.reduce((a, s) => a + s.volume, 0);
    ranked = rankings.rankings.reduce((a, r) => a + r.entries.filter((e) => e.status === 'ranked').length, 0);
  }
  const n = formatNumber(ORDERS);
  log(
    `one district's ${MONTH} 三率 + rankings (${one.name}): median ${median(oneTimes).toFixed(1)} ms, ` +
      `max ${Math.max(...oneTimes).toFixed(1)} ms of ${RUNS} (${formatNumber(counted)} counted orders, ${ranked} units ranked; target ≤ 200 ms)`,
  );
  const cityTimes: number[] = [];
  let rankedDistricts = 0;
  const { cityId } = await listDistricts(store);
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    // The route's own read (GET /requests/district-rankings).
    const ranking = await rankChildJurisdictions(store, cityId, MONTH);
    cityTimes.push(performance.now() - start);
    rankedDistricts = ranking.items.filter((r) => r.rank !== null).length;
  }
  log(
    `every district ranked for the city by its ${MONTH} 三率: median ${median(cityTimes).toFixed(1)} ms, ` +
      `max ${Math.max(...cityTimes).toFixed(1)} ms of ${RUNS} (${rankedDistricts} districts; target ≤ 1,000 ms)`,
  );
  return [
    {
      name: `one district's month of 三率 + rankings, ${n} orders in ${cityDistricts.length} districts`,
      value: median(oneTimes),
      unit: 'ms',
    },
    { name: `every district ranked for the city, ${n} orders`, value: median(cityTimes), unit: 'ms' },
  ];
}

/** The orders half of the jurisdictions bench (see the file's comment). */
export async function benchDistrictOrders(log: (line: string) => void): Promise<Figure[]> {
  if (PHASE !== 'all' && KEEP === undefined)
    throw new Error('LUOSHI_BENCH_PHASE needs LUOSHI_BENCH_KEEP=DIR');
  const server =
    KEEP === undefined
      ? { ...(await startPostgres(PG_SETTINGS)), fresh: true }
      : await startKeptPostgres(KEEP);
  const figures: Figure[] = [];
  try {
    const store = await openStore(server.url);
    try {
      let cityDistricts: District[];
      if (PHASE !== 'measure') {
        if (!server.fresh)
          throw new Error(`${KEEP} holds a database already: measure it, or delete it to load again`);
        cityDistricts = (await setUpDistricts(store, DISTRICTS)).districts;
        const seconds = await loadOrders(server.url, store, cityDistricts, log);
        figures.push({
          name: `bulk load of ${formatNumber(ORDERS)} orders over ${DISTRICTS} districts`,
          value: seconds,
          unit: 's',
        });
      } else {
        cityDistricts = (await listDistricts(store)).districts;
      }
      if (PHASE !== 'load') figures.push(...(await whileLocked(() => measure(store, cityDistricts, log))));
    } finally {
      await store.close();
    }
  } finally {
    server.stop();
  }
  return figures;
}
