/**
 * 接诉即办 (issue 7) figures:
 * 1. intake requests/s: `POST /api/v1/requests` (the public web form, no auto-dispatch) served by
 *    `createApp` on a SQLite file on loopback, loaded by autocannon in its own process; each body
 *    carries a unique id (autocannon's `[<id>]`) so none is a duplicate. Target ≥ 2,000/s.
 * 2. on PostgreSQL with N synthetic orders (the streaming generator, materialized at the end of
 *    its year, bulk-loaded with their 三率 rows: keys and indexes dropped, COPY through psql,
 *    indexes and keys built again, ANALYZE): a month's 三率 and rankings for every unit (SQL
 *    aggregate + rankUnits; target ≤ 1 s) and the overdue list (three index range scans +
 *    deriveOverdue; target ≤ 100 ms).
 * N is LUOSHI_BENCH_REQUESTS (default 1,000,000; the target is 10 million);
 * LUOSHI_BENCH_PARTS=intake or =postgres runs one of the two.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  DEFAULT_SCHEMES,
  deriveOverdue,
  generateOrders,
  materializeOrder,
  deriveScoresFromCounts,
  rankUnits,
} from '../src/requests/index.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { deriveFollowUpRows, deriveOrderColumns } from '../src/store/requests.js';
import { formatNumber, median } from './bench.js';
import type { Bench, Figure } from './bench.js';
import { findPostgresBin, startPostgres } from './postgres.js';
import { CHANGPING_CATALOGUE, CHANGPING_UNITS, EXAMPLE_PLACE } from '../test/fixtures/changping-requests.js';

const N = Number(process.env.LUOSHI_BENCH_REQUESTS ?? 1_000_000);
const SECONDS = Number(process.env.LUOSHI_BENCH_SECONDS ?? 5);
const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
const FROM = '2024-01-01T00:00:00.000Z';
const TO = '2025-01-01T00:00:00.000Z';
const NOW = '2024-12-31T08:00:00.000Z';
const MONTH = '2024-11';

function autocannonPost(url: string, body: string, connections = 10) {
  return new Promise<{ rps: number; p50: number; p99: number; total: number; errors: number }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          AUTOCANNON,
          '-j',
          '-I',
          '-c',
          String(connections),
          '-d',
          String(SECONDS),
          '-m',
          'POST',
          '-H',
          'content-type=application/json',
          '-b',
          body,
          url,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.trim()}`));
        const r = JSON.parse(out) as {
          latency: { p50: number; p99: number };
          requests: { average: number; total: number };
          errors: number;
          non2xx: number;
        };
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          total: r.requests.total,
          errors: r.errors + r.non2xx,
        });
      });
    },
  );
}

async function benchIntake(log: (line: string) => void): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-requests-'));
  const store = await openStore(join(dir, 'bench.sqlite'));
  const app = await createApp({ store, webRoot: false });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    const url = `http://127.0.0.1:${address.port}/api/v1/requests`;
    const body = JSON.stringify({
      source: 'web',
      text: '回龙观西大街路口积水很深，车辆无法通行 [<id>]',
      category: '积水',
      location: { address: '回龙观西大街路口', area: '回龙观街道' },
    });
    // Warm up (the first request also creates the jurisdiction's units and catalogue).
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body.replace('[<id>]', 'warm'),
    });
    const cpu = process.cpuUsage();
    const r = await autocannonPost(url, body);
    const used = process.cpuUsage(cpu);
    // The server's own CPU per request (autocannon runs in another process): on a machine
    // shared at load 12 the wall-clock rate mostly measures the wait for a core.
    const cpuMs = (used.user + used.system) / 1000 / Math.max(1, r.total);
    log(
      `intake on SQLite: ${formatNumber(r.rps)} requests/s (10 connections, ${SECONDS} s, ${formatNumber(r.total)} orders), ` +
        `p50 ${r.p50} ms, p99 ${r.p99} ms, errors/non-2xx ${r.errors}; server CPU ${cpuMs.toFixed(2)} ms per request ` +
        `(${formatNumber(1000 / cpuMs)} requests/s per free core) (target ≥ 2,000/s)`,
    );
    return [
      { name: 'intake requests/s (SQLite)', value: r.rps, unit: 'req/s' },
      { name: 'intake server CPU per request (SQLite)', value: cpuMs, unit: 'ms' },
      { name: 'intake p99 (SQLite)', value: r.p99, unit: 'ms' },
    ];
  } finally {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ORDER_COLUMNS = [
  'jurisdiction_id',
  'id',
  'source',
  'category',
  'area',
  'status',
  'lead_unit_id',
  'received_at',
  'dedupe_key',
  'catalogue_version',
  'sign_due',
  'contact_due',
  'finish_due',
  'signed_at',
  'contacted_at',
  'replied_at',
  'closed_at',
  'anonymous_to_public',
  'version',
  'data',
] as const;
const FOLLOW_COLUMNS = [
  'jurisdiction_id',
  'order_id',
  'month',
  'lead_unit_id',
  'source',
  'exempt',
  'contacted',
  'resolved',
  'satisfaction',
] as const;
const LOADED_TABLES = ['request_orders', 'request_follow_ups'];

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null, backslash escapes for \ tab newline return. */
function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] ?? c) : value;
}

/**
 * `COPY table FROM STDIN` through a psql child (the pg package has no COPY of its own and no
 * package is added for a benchmark): in one transaction that first truncates the table, so
 * `FREEZE` writes the rows already frozen (no hint-bit rewrite of every page on the first
 * scan) and, with `wal_level=minimal`, the rows skip the WAL.
 */
function copyIn(url: string, table: string, columns: readonly string[], freeze = true) {
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
      `\\copy ${table} (${columns.join(',')}) from pstdin${freeze ? ' with (freeze)' : ''}`,
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
    async push(values: (string | number | null)[]) {
      rows.push(values.map(copyValue).join('\t'));
      this.rows++;
      if (rows.length >= 1000) await this.flush();
    },
    async flush() {
      if (rows.length === 0) return;
      const chunk = rows.join('\n') + '\n';
      rows = [];
      if (!child.stdin.write(chunk)) {
        await Promise.race([once(child.stdin, 'drain'), exited]);
      }
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
 * Drops the keys, indexes and foreign keys of `tables` (and foreign keys pointing at them) and
 * returns their definitions, so rows load first and indexes are built once, in bulk, as
 * pg_restore does.
 */
async function dropKeysAndIndexes(client: pg.Client, tables: string[]): Promise<SavedDefinition[]> {
  const constraints = await client.query<{ table: string; name: string; definition: string; type: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition,
            contype as type
       from pg_constraint
      where ((conrelid = any($1::regclass[]) and contype in ('p', 'u', 'f'))
         or (confrelid = any($1::regclass[]) and contype = 'f'))
        and conparentid = 0`,
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

/**
 * Builds the saved keys and indexes again (two sessions at once: their scans of the same table
 * are synchronized by PostgreSQL, so the table is read about once per pair), then the foreign
 * keys, which check every row.
 */
async function rebuildKeysAndIndexes(url: string, saved: SavedDefinition[], log: (line: string) => void) {
  const statement = (d: SavedDefinition) =>
    d.kind === 'index' ? d.definition : `alter table ${d.table} add constraint ${d.name} ${d.definition}`;
  const queue = [...saved.filter((d) => d.kind === 'key'), ...saved.filter((d) => d.kind === 'index')];
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`set maintenance_work_mem = '1GB'`);
      for (let d = queue.shift(); d !== undefined; d = queue.shift()) {
        const started = performance.now();
        await client.query(statement(d));
        log(`  built ${d.name} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const d of saved.filter((s) => s.kind === 'foreign')) {
      const started = performance.now();
      await client.query(statement(d));
      log(`  checked ${d.name} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await client.end();
  }
}

/** `tables` and every partition of them. */
async function partitionsOf(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select t.relid::regclass::text as name from unnest($1::regclass[]) r(t), pg_partition_tree(r.t) t`,
    [tables],
  );
  return rows.map((r) => r.name);
}

/**
 * Loads N synthetic orders and their 三率 rows: keys and indexes dropped, rows streamed by COPY
 * (one transaction per table), then indexes and keys built in bulk and ANALYZE. Returns the
 * seconds it took, start to end.
 */
async function bulkLoad(url: string, log: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const saved = await dropKeysAndIndexes(client, LOADED_TABLES);
  // On the monthly partitions (migration 20261220T0100): COPY cannot FREEZE a partitioned
  // table, the 三率 rows carry their order's received_at, and the row triggers (an order id's
  // uniqueness, that received_at's lookup) are off while keys are down and rows come in.
  const partitioned = (
    await client.query<{ p: boolean }>(
      `select exists (select 1 from pg_partitioned_table where partrelid = 'request_orders'::regclass) as p`,
    )
  ).rows[0]?.p;
  const triggered = partitioned ? await partitionsOf(client, LOADED_TABLES) : [];
  for (const table of triggered) await client.query(`alter table ${table} disable trigger user`);
  const orders = copyIn(url, 'request_orders', ORDER_COLUMNS, !partitioned);
  const follows = copyIn(
    url,
    'request_follow_ups',
    partitioned ? [...FOLLOW_COLUMNS, 'order_received_at'] : FOLLOW_COLUMNS,
  );
  for (const synthetic of generateOrders({ ...EXAMPLE_PLACE, seed: 7, count: N, from: FROM, to: TO })) {
    const o = {
      ...materializeOrder(synthetic, { now: NOW, catalogue: CHANGPING_CATALOGUE }),
      jurisdictionId: 1,
    };
    const row = { id: o.id, ...deriveOrderColumns(o) };
    await orders.push(ORDER_COLUMNS.map((c) => row[c]));
    for (const f of deriveFollowUpRows(o)) {
      const values = FOLLOW_COLUMNS.map((c) => f[c]);
      await follows.push(partitioned ? [...values, o.receivedAt] : values);
    }
    if (orders.rows % 500_000 === 0) {
      log(
        `  copied ${formatNumber(orders.rows)} orders in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
  }
  await Promise.all([orders.end(), follows.end()]);
  const copied = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // On a shared machine the wall clock is mostly the wait for a core: the generator's own CPU
  // (materializing, mapping, escaping) says what a free core would take.
  log(
    `  copied ${formatNumber(orders.rows)} orders and ${formatNumber(follows.rows)} 三率 rows in ${copied.toFixed(0)} s ` +
      `(this process: ${((used.user + used.system) / 1e6).toFixed(0)} s CPU generating and feeding COPY)`,
  );
  for (const table of triggered) await client.query(`alter table ${table} enable trigger user`);
  await rebuildKeysAndIndexes(url, saved, log);
  await client.query(`select setval(pg_get_serial_sequence('request_orders', 'id'), ${N})`);
  await client.query('analyze request_orders');
  await client.query('analyze request_follow_ups');
  const seconds = (performance.now() - started) / 1000;
  const size = await client.query<{ size: string }>(
    'select pg_size_pretty(pg_database_size(current_database())) as size',
  );
  log(
    `bulk load: ${formatNumber(N)} orders in ${seconds.toFixed(0)} s (${formatNumber(N / seconds)} orders/s; ` +
      `COPY ${copied.toFixed(0)} s, then ${saved.length} keys and indexes built and ANALYZE), database ${size.rows[0]?.size}`,
  );
  await client.end();
  return seconds;
}

async function benchPostgres(log: (line: string) => void): Promise<Figure[]> {
  // wal_level=minimal: COPY into a table truncated in the same transaction skips the WAL.
  const postgres = await startPostgres(['max_wal_size=4GB', 'wal_level=minimal', 'max_wal_senders=0']);
  try {
    const store = await openStore(postgres.url);
    try {
      // The months of the load's year have their partitions (a no-op before 20261220T0100).
      await store.requests.ensurePartitions(new Date(FROM), 13);
      const loadSeconds = await bulkLoad(postgres.url, log);
      const units = CHANGPING_UNITS;
      const scoreTimes: number[] = [];
      let ranked = 0;
      let counted = 0;
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        const counts = await store.requests.countMonthlyFollowUps(1, MONTH, ['grid']);
        const scores = deriveScoresFromCounts(counts, MONTH, DEFAULT_SCHEMES);
        const rankings = rankUnits(scores, units, MONTH);
        scoreTimes.push(performance.now() - start);
        ranked = rankings.reduce((a, r) => a + r.entries.filter((e) => e.status === 'ranked').length, 0);
        counted = scores.reduce((a, s) => a + s.volume, 0);
      }
      const scoreMs = median(scoreTimes);
      log(
        `三率 + rankings for ${MONTH}, every unit: ${scoreMs.toFixed(0)} ms median of 5 ` +
          `(${formatNumber(counted)} counted orders, ${ranked} units ranked; target ≤ 1,000 ms)`,
      );
      const overdueTimes: number[] = [];
      let overdue = 0;
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        const candidates = await store.requests.listOverdueCandidates(1, NOW, 100);
        const items = candidates.flatMap((o) => deriveOverdue(o, NOW));
        overdueTimes.push(performance.now() - start);
        overdue = items.length;
      }
      const overdueMs = median(overdueTimes);
      log(
        `overdue list (first 100 per deadline): ${overdueMs.toFixed(1)} ms median of 5 (${overdue} items; target ≤ 100 ms)`,
      );
      return [
        { name: `bulk load of ${N} orders (PostgreSQL)`, value: loadSeconds, unit: 's' },
        { name: `三率 + rankings, one month, ${N} orders (PostgreSQL)`, value: scoreMs, unit: 'ms' },
        { name: `overdue list, ${N} orders (PostgreSQL)`, value: overdueMs, unit: 'ms' },
      ];
    } finally {
      await store.close();
    }
  } finally {
    postgres.stop();
  }
}

export const requestsBench: Bench = {
  name: 'requests',
  async run(log) {
    const parts = (process.env.LUOSHI_BENCH_PARTS ?? 'intake,postgres').split(',');
    return [
      ...(parts.includes('intake') ? await benchIntake(log) : []),
      ...(parts.includes('postgres') ? await benchPostgres(log) : []),
    ];
  },
};
