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
 * The loader is bench/orders-loader.ts, the requests bench's own: keys and indexes dropped,
 * `COPY … FREEZE` per monthly partition, keys built again after, as pg_restore does.
 *
 * LUOSHI_BENCH_KEEP=DIR keeps the database in DIR (its own server, started and stopped here):
 * LUOSHI_BENCH_PHASE=load only loads it (run it at nice 10 without the suite lock), =measure
 * only measures a database loaded before (under the lock); the default does both.
 */
import { execFileSync } from 'node:child_process';
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
import { formatNumber, median } from './bench.js';
import type { Figure } from './bench.js';
import { listDistricts, setUpDistricts, whileLocked } from './districts.js';
import type { District } from './districts.js';
import { bulkLoadOrders } from './orders-loader.js';
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

/**
 * The districts' orders, an equal share each (ORDERS / districts), materialized on each
 * district's calendar and catalogue, their streams interleaved as orders arrive.
 */
async function* interleavedOrders(store: Store, districts: District[]) {
  const cache = createRequestsCache(store);
  const per = Math.ceil(ORDERS / districts.length);
  // One setup after another: a hundred at once wait for the store's few connections.
  const streams = [];
  for (const [k, d] of districts.entries()) {
    const setup = await cache.setup(d.id);
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
        rows: setup.catalogue.versions[0]?.rows ?? [],
        firstId: k * per + 1,
      }),
    });
  }
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
      yield o;
    }
    live = next;
  }
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
        // The months of the load's year have their partitions (a no-op on SQLite's layout).
        await store.requests.ensurePartitions(new Date(FROM), 13);
        const { seconds } = await bulkLoadOrders(server.url, interleavedOrders(store, cityDistricts), log);
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
