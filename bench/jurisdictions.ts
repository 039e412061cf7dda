/**
 * Issue 16.6: many governments in one deployment. Two parts (LUOSHI_BENCH_PARTS, default both):
 *
 * `dashboards`: a city and LUOSHI_BENCH_DISTRICTS districts (default 100) below it, each with a
 * published plan of LUOSHI_BENCH_PLAN_TASKS tasks (default 2,000; a fifth as many targets), in
 * one database, on SQLite (a file) and on PostgreSQL. A leader of one district signs in and its
 * dashboard (总览) is read as the page reads it — the plan, every page of its targets and tasks,
 * its health and every item's health as of the plan year's end, the outline, project lists,
 * reports, periods, units and the health trend — one request after another (a lone user's
 * latency) and all at once (the page's load). The same district alone in a database of its
 * own (the city and that district only) is read the same way: the two show whether the other
 * 99 cost it anything. With the app's held answers and with none held (every answer built).
 * Target: p99 ≤ 50 ms with the others present.
 *
 * `orders`: bench/jurisdictions-orders.ts (10 M orders over 100 districts on PostgreSQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPlan } from '../src/commands/plans.js';
import { hashPassword } from '../src/commands/passwords.js';
import { createUser } from '../src/commands/users.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { buildSyntheticReport } from './api.js';
import { formatNumber, median } from './bench.js';
import type { Bench, Figure } from './bench.js';
import { setUpDistricts, whileLocked } from './districts.js';
import { benchDistrictOrders } from './jurisdictions-orders.js';
import { startPostgres } from './postgres.js';

const DISTRICTS = Number(process.env.LUOSHI_BENCH_DISTRICTS ?? 100);
const PLAN_TASKS = Number(process.env.LUOSHI_BENCH_PLAN_TASKS ?? 2_000);
const PLAN_TARGETS = Math.max(1, Math.floor(PLAN_TASKS / 5));
/** Dashboard loads measured per case (after two unmeasured). */
const LOADS = Number(process.env.LUOSHI_BENCH_LOADS ?? 40);
/** The web app's page size (web/src/api/endpoints.ts). */
const PAGE_SIZE = 100;
const PASSWORD = 'bench-password-16';
/** The plan year of the synthetic report, and the as-of date the dashboard reads it at. */
const AS_OF = '2022-12-31';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

/** The reads the dashboard page (web/src/pages/dashboard*.tsx) makes for a plan. */
function dashboardPaths(planId: number): string[] {
  const plan = `/plans/${planId}`;
  const pages = (path: string, total: number) =>
    Array.from(
      { length: Math.max(1, Math.ceil(total / PAGE_SIZE)) },
      (_, i) => `${path}?limit=${PAGE_SIZE}&offset=${i * PAGE_SIZE}`,
    );
  return [
    plan,
    ...pages(`${plan}/targets`, PLAN_TARGETS),
    ...pages(`${plan}/tasks`, PLAN_TASKS),
    `${plan}/health/items?date=${AS_OF}`,
    `${plan}/health?date=${AS_OF}`,
    `${plan}/outline`,
    `${plan}/project-lists`,
    `${plan}/reports`,
    `${plan}/periods`,
    `/units?limit=${PAGE_SIZE}&offset=0`,
    `${plan}/health/trend`,
  ];
}

/**
 * Sets up the city, the districts (all, or only `only`) and a published plan in each, and a
 * leader of the district `measured`. Returns that district's plan.
 */
async function seed(
  store: Store,
  measured: number,
  only?: number[],
): Promise<{ planId: number; seconds: number }> {
  const started = performance.now();
  const { districts } = await setUpDistricts(store, DISTRICTS, only);
  const { text, extraction } = buildSyntheticReport(PLAN_TASKS, PLAN_TARGETS);
  let planId = 0;
  for (const [k, d] of districts.entries()) {
    const summary = await importPlan(store, {
      jurisdictionId: d.id,
      text,
      extraction: { ...extraction, report: { ...extraction.report, place: d.name } },
      sourceName: `synthetic-${k + 1}.txt`,
      state: 'published',
    });
    if ((only?.[k] ?? k) === measured) {
      planId = summary.plan.id;
      await createUser(store, {
        username: 'quling',
        displayName: '区领导',
        role: 'leader',
        unitIds: [],
        passwordHash: await hashPassword(PASSWORD),
        jurisdictionId: d.id,
      });
    }
  }
  return { planId, seconds: (performance.now() - started) / 1000 };
}

async function signIn(base: string): Promise<string> {
  const session = await fetch(`${base}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'quling', password: PASSWORD }),
  });
  if (!session.ok) throw new Error(`sign-in ${session.status}`);
  return (session.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}

async function read(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

interface DashboardTimes {
  /** Every read of every sequential load, ms. */
  requests: number[];
  /** The same by path (ids and query left out). */
  byPath: Map<string, number[]>;
  /** CPU of this process (server and client) per read of the sequential loads, ms. */
  cpuPerRead: number;
  /** Each concurrent load, start to last answer, ms. */
  pages: number[];
}

/** Reads the dashboard LOADS times one read after another, then LOADS times all at once. */
async function readDashboards(base: string, planId: number): Promise<DashboardTimes> {
  const cookie = await signIn(base);
  const urls = dashboardPaths(planId).map((p) => `${base}${p}`);
  for (let i = 0; i < 2; i++) for (const url of urls) await read(url, cookie);
  const requests: number[] = [];
  const byPath = new Map<string, number[]>();
  const cpu = process.cpuUsage();
  for (let i = 0; i < LOADS; i++) {
    for (const url of urls) {
      const ms = await read(url, cookie);
      requests.push(ms);
      const path = new URL(url).pathname.replace(/\/\d+/g, '/:id');
      byPath.set(path, [...(byPath.get(path) ?? []), ms]);
    }
  }
  const used = process.cpuUsage(cpu);
  const cpuPerRead = (used.user + used.system) / 1000 / requests.length;
  const pages: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const started = performance.now();
    await Promise.all(urls.map((url) => read(url, cookie)));
    pages.push(performance.now() - started);
  }
  return { requests, byPath, cpuPerRead, pages };
}

async function benchDashboards(
  engine: 'sqlite' | 'postgres',
  open: () => Promise<{ url: string; stop: () => void }>,
  log: (line: string) => void,
): Promise<Figure[]> {
  const measured = Math.floor(DISTRICTS / 2);
  const figures: Figure[] = [];
  for (const setting of ['present', 'alone'] as const) {
    const db = await open();
    try {
      const store = await openStore(db.url);
      try {
        const { planId, seconds } = await seed(store, measured, setting === 'alone' ? [measured] : undefined);
        const plans = setting === 'alone' ? 1 : DISTRICTS;
        log(
          `${engine}: ${plans} district${plans === 1 ? '' : 's'} with a plan of ${formatNumber(PLAN_TASKS)} tasks ` +
            `and ${formatNumber(PLAN_TARGETS)} targets each, set up in ${seconds.toFixed(0)} s`,
        );
        for (const held of [true, false]) {
          const app = await createApp({ store, webRoot: false, ...(held ? {} : { readCacheBytes: 0 }) });
          try {
            await app.listen({ port: 0, host: '127.0.0.1' });
            const address = app.server.address();
            if (typeof address !== 'object' || address === null) throw new Error('no address');
            const base = `http://127.0.0.1:${address.port}/api/v1`;
            const t = await whileLocked(() => readDashboards(base, planId));
            const label = `${engine}: dashboard, ${setting === 'present' ? `with ${DISTRICTS - 1} other districts` : 'the district alone'}, ${held ? 'answers held' : 'answers built'}`;
            log(
              `${label}: one read after another p50 ${median(t.requests).toFixed(1)} ms, p99 ${quantile(t.requests, 0.99).toFixed(1)} ms ` +
                `(${dashboardPaths(planId).length} reads × ${LOADS}); the page's reads at once p50 ${median(t.pages).toFixed(0)} ms, ` +
                `p99 ${quantile(t.pages, 0.99).toFixed(0)} ms (target: p99 ≤ 50 ms a read)`,
            );
            const slowest = [...t.byPath]
              .map(([path, times]) => ({ path, p99: quantile(times, 0.99), p50: median(times) }))
              .sort((a, b) => b.p99 - a.p99)
              .slice(0, 3);
            log(
              `  CPU of this process ${t.cpuPerRead.toFixed(1)} ms a read; slowest reads by p99: ` +
                slowest
                  .map((x) => `${x.path} p50 ${x.p50.toFixed(1)} / p99 ${x.p99.toFixed(1)} ms`)
                  .join(', '),
            );
            figures.push(
              { name: `${label}, p99 a read`, value: quantile(t.requests, 0.99), unit: 'ms' },
              { name: `${label}, p99 the page`, value: quantile(t.pages, 0.99), unit: 'ms' },
            );
          } finally {
            await app.close();
          }
        }
      } finally {
        await store.close();
      }
    } finally {
      db.stop();
    }
  }
  return figures;
}

export const jurisdictionsBench: Bench = {
  name: 'jurisdictions',
  async run(log) {
    const parts = (process.env.LUOSHI_BENCH_PARTS ?? 'dashboards,orders').split(',');
    const figures: Figure[] = [];
    if (parts.includes('dashboards')) {
      const sqlite = async () => {
        const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-districts-'));
        return { url: join(dir, 'bench.sqlite'), stop: () => rmSync(dir, { recursive: true, force: true }) };
      };
      figures.push(...(await benchDashboards('sqlite', sqlite, log)));
      figures.push(...(await benchDashboards('postgres', () => startPostgres(), log)));
    }
    if (parts.includes('orders')) figures.push(...(await benchDistrictOrders(log)));
    return figures;
  },
};
