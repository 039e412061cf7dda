/**
 * API speed: a synthetic plan of 10,000 tasks and 2,000 targets, imported through the store,
 * served by `createApp` on loopback, and loaded with autocannon (a separate process, so the
 * load generator does not share the server's event loop) for a bounded time per case:
 * `GET /api/v1/plans/:id` (summary and counts), its health, a unit's task page
 * (`/tasks?unitId=…&limit=50`) and the public plan JSON (plain and brotli; also the example
 * report's plan, a real district's size), each held by the
 * plan's version (issue 15) and built on every request (an app holding nothing), beside a bare
 * Fastify route in the same run as the floor; with 10 connections, and with 1 for some (a lone
 * client's latency, without queueing). Then the first read of each after a write (20 writes),
 * and how much the held answers weigh. On SQLite (a file) and on PostgreSQL (a private server
 * started like test/global-setup.ts, or LUOSHI_BENCH_PG_URL). LUOSHI_BENCH_TASKS sets the plan's
 * size (default 10,000 tasks, a fifth as many targets).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Extraction, Heading, Item, Task as ExtractedTask } from '../src/report/types.js';
import { DEFAULT_READ_CACHE_BYTES, createApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { formatNumber, median } from './bench.js';
import type { Bench, Figure } from './bench.js';
import { startPostgres } from './postgres.js';
import { createUnit } from '../src/commands/units.js';
import { importPlan } from '../src/commands/plans.js';
import { updateTask } from '../src/commands/items.js';
import { exampleReport } from '../test/fixtures/example.js';

/** Tasks in the synthetic plan (LUOSHI_BENCH_TASKS, default 10,000), one target for every five. */
export const TASKS = Number(process.env.LUOSHI_BENCH_TASKS ?? 10_000);
export const TARGETS = Math.max(1, Math.floor(TASKS / 5));
/** Writes followed by a first read of each plan answer. */
const WRITES = 20;
/** The bound of held answers, as the server's default. */
const READ_CACHE_BYTES = DEFAULT_READ_CACHE_BYTES;
/** Seconds of load per case; LUOSHI_BENCH_SECONDS overrides (e.g. 1 for a smoke run). */
const SECONDS = Number(process.env.LUOSHI_BENCH_SECONDS ?? 5);
/** 10 connections load the server; 1 shows a lone client's latency, without queueing. */
const CONNECTIONS = 10;
const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
const CHAPTERS = 10;
const SECTIONS_PER_CHAPTER = 10;
const UNITS = 5;
/** One task in this many gets a lead unit, so each of the UNITS units leads 200 tasks. */
const ASSIGN_EVERY = 10;

/**
 * A report text with CHAPTERS × SECTIONS_PER_CHAPTER sections and `tasks` task sentences, one
 * target ("增长6.5%左右") in every (tasks / targets)-th sentence, and the extraction that
 * describes it exactly (spans index the text).
 */
export function buildSyntheticReport(
  tasks = TASKS,
  targets = TARGETS,
): { text: string; extraction: Extraction } {
  let text = '2022年某区政府工作报告\n\n';
  const outline: Heading[] = [];
  const items: Item[] = [];
  const taskRows: ExtractedTask[] = [];
  const perSection = Math.ceil(tasks / (CHAPTERS * SECTIONS_PER_CHAPTER));
  const targetEvery = Math.floor(tasks / targets);
  const heading = (level: 1 | 2, number: string, title: string) => {
    const start = text.length + number.length;
    text += `${number}${title}\n`;
    outline.push({ level, title, span: [start, start + title.length] });
    return title;
  };
  let n = 0;
  for (let c = 1; c <= CHAPTERS && n < tasks; c++) {
    const chapter = heading(1, `${'一二三四五六七八九十'[c - 1]}、`, `第${c}方面重点任务`);
    for (let s = 1; s <= SECTIONS_PER_CHAPTER && n < tasks; s++) {
      const section = heading(2, `（${'一二三四五六七八九十'[s - 1]}）`, `第${c}-${s}项工作`);
      for (let k = 0; k < perSection && n < tasks; k++, n++) {
        const start = text.length;
        const withTarget = n % targetEvery === 0 && items.length < targets;
        let sentence = `推进第${n + 1}项重点工作`;
        const itemIndexes: number[] = [];
        if (withTarget) {
          sentence += `，第${n + 1}项指标增长`;
          const quoteStart = start + sentence.length;
          const quote = '6.5%左右';
          sentence += quote;
          itemIndexes.push(items.length);
          items.push({
            span: [quoteStart, quoteStart + quote.length],
            quote,
            value: 6.5,
            unit: '%',
            comparator: '~',
            kind: 'target',
            period: '2022',
            metric: `第${n + 1}项指标`,
            direction: 'rising',
          });
        }
        sentence += '，确保按期完成。';
        text += sentence;
        taskRows.push({
          span: [start, start + sentence.length],
          text: sentence,
          outlinePath: [chapter, section],
          itemIndexes,
          projectIndexes: [],
        });
      }
      text += '\n';
    }
  }
  const extraction: Extraction = {
    report: { title: '2022年某区政府工作报告', place: '某区', level: '区县', year: 2022 },
    outline,
    zones: [{ span: [0, text.length], tense: 'future', period: '2022', role: 'plan' }],
    items,
    projects: [],
    tasks: taskRows,
    warnings: [],
  };
  return { text, extraction };
}

/** Imports the synthetic plan, publishes it, creates UNITS units and leads every ASSIGN_EVERY-th task. */
async function seedSyntheticPlan(
  store: Store,
): Promise<{ planId: number; unitId: number; importMs: number }> {
  const { text, extraction } = buildSyntheticReport();
  const started = performance.now();
  const summary = await importPlan(store, {
    jurisdictionId: 1,
    text,
    extraction,
    sourceName: 'synthetic.txt',
    state: 'published',
  });
  const importMs = performance.now() - started;
  if (summary.counts.tasks !== TASKS || summary.counts.targets !== TARGETS) {
    throw new Error(`synthetic plan has ${summary.counts.tasks} tasks and ${summary.counts.targets} targets`);
  }
  const units = [];
  for (let i = 0; i < UNITS; i++)
    units.push(await createUnit(store, { jurisdictionId: 1, name: `单位${i + 1}`, kind: 'department' }));
  const planId = summary.plan.id;
  const tasks = await store.tasks.list(planId, { limit: TASKS });
  let i = 0;
  for (const task of tasks.items) {
    if (i % ASSIGN_EVERY === 0) {
      const unit = units[(i / ASSIGN_EVERY) % UNITS];
      await updateTask(
        store,
        planId,
        task.id,
        { leadUnitId: unit?.id ?? null, deadline: '2022-12-31' },
        task.version,
      );
    }
    i++;
  }
  return { planId, unitId: units[0]?.id ?? 0, importMs };
}

interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
}

/** Runs autocannon in its own process against `url` for SECONDS and reads its JSON result. */
function load(
  url: string,
  connections = CONNECTIONS,
  headers: Record<string, string> = {},
  status = 200,
): Promise<LoadResult> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [AUTOCANNON, '-j', '-c', String(connections), '-d', String(SECONDS), ...headerArgs, url],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.trim()}`));
      const result = JSON.parse(out) as {
        latency: { p50: number; p99: number };
        requests: { average: number; total: number };
        errors: number;
        non2xx: number;
        '3xx': number;
      };
      resolve({
        p50: result.latency.p50,
        p99: result.latency.p99,
        rps: result.requests.average,
        requests: result.requests.total,
        // A 304 answered where one is asked for is no error.
        errors: result.errors + result.non2xx - (status === 304 ? result['3xx'] : 0),
      });
    });
  });
}

async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** The floor: a bare Fastify route answering a small JSON object. */
async function bareApp(): Promise<FastifyInstance> {
  const app = Fastify();
  app.get('/bare', async () => ({ ok: true }));
  return app;
}

interface Case {
  name: string;
  url: string;
  connections: number[];
  headers?: Record<string, string>;
  /** The status every answer must have (default 200). */
  status?: number;
}

/** Loads each case (after an unmeasured warm-up) and logs its figures and its share of `floor` req/s. */
async function loadCases(
  engine: string,
  cases: Case[],
  floor: { rps: number },
  log: (line: string) => void,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const c of cases) {
    const check = await fetch(c.url, { headers: c.headers });
    if (check.status !== (c.status ?? 200)) throw new Error(`${c.url} answered ${check.status}`);
    await load(c.url, CONNECTIONS, c.headers, c.status).catch(() => undefined); // warms the JIT and the caches
    for (const connections of c.connections) {
      const cpuBefore = process.cpuUsage();
      const r = await load(c.url, connections, c.headers, c.status);
      const cpu = process.cpuUsage(cpuBefore);
      // The server's own CPU per request (this process; autocannon runs in another): what one
      // request costs on a quiet machine. PostgreSQL's server processes are not counted.
      const cpuMs = (cpu.user + cpu.system) / 1000 / Math.max(1, r.requests);
      if (floor.rps === 0) floor.rps = r.rps;
      const ratio = r.rps / floor.rps;
      const label = `${engine}: ${c.name}, ${connections} connection${connections === 1 ? '' : 's'}`;
      log(
        `${label}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${formatNumber(r.rps)} req/s (${formatNumber(ratio, 2)}× the bare route), ` +
          `server CPU ${formatNumber(cpuMs, 2)} ms/request (${formatNumber(r.requests)} requests, ${SECONDS} s, ${r.errors} errors)`,
      );
      figures.push(
        { name: `${label}, p50`, value: r.p50, unit: 'ms' },
        { name: `${label}, p99`, value: r.p99, unit: 'ms' },
        { name: `${label}, requests/s`, value: r.rps, unit: 'req/s' },
        { name: `${label}, share of the bare route`, value: ratio, unit: '×' },
        { name: `${label}, server CPU per request`, value: cpuMs, unit: 'ms' },
      );
    }
  }
  return figures;
}

/**
 * The first read of each plan answer after a write (WRITES times): a task is updated through
 * its command, and each URL is read once, in turn, timed from the client.
 */
async function firstReadsAfterWrites(
  store: Store,
  planId: number,
  urls: { name: string; url: string }[],
): Promise<Map<string, number[]>> {
  const times = new Map(urls.map((u) => [u.name, [] as number[]]));
  const tasks = (await store.tasks.list(planId, { limit: WRITES })).items;
  for (const task of tasks) {
    const current = await store.tasks.get(planId, task.id);
    await updateTask(
      store,
      planId,
      task.id,
      { progress: ((current.progress ?? 0) + 1) % 100 },
      current.version,
    );
    for (const { name, url } of urls) {
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      times.get(name)!.push(performance.now() - started);
    }
  }
  return times;
}

/**
 * PostgreSQL: how long after a commit another process (a second store, its own pool and
 * listening connection) has its notice (store/revision-watch.ts) — the only window in which it
 * may still answer the revision before. WRITES writes, timed from the writer's return.
 */
async function noticeDelivery(
  url: string,
  store: Store,
  planId: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  const other = await openStore(url, { migrate: false });
  try {
    const watch = other.watchRevisions()!;
    await watch.whenLive();
    const times: number[] = [];
    const tasks = (await store.tasks.list(planId, { limit: WRITES })).items;
    for (const task of tasks) {
      const current = await store.tasks.get(planId, task.id);
      await updateTask(store, planId, task.id, { weight: current.weight + 1 }, current.version);
      const committed = performance.now();
      const revision = store.plans.findReadStampNow(planId)!.stamp!.revision;
      await watch.heard(planId, revision);
      times.push(performance.now() - committed);
    }
    log(
      `postgres: another process hears a commit after median ${formatNumber(median(times), 2)} ms, max ${formatNumber(Math.max(...times), 2)} ms (${times.length} writes)`,
    );
    return [
      { name: 'postgres: notice delivered to another process, median', value: median(times), unit: 'ms' },
      { name: 'postgres: notice delivered to another process, max', value: Math.max(...times), unit: 'ms' },
    ];
  } finally {
    await other.close();
  }
}

async function benchEngine(
  engine: 'sqlite' | 'postgres',
  url: string,
  log: (line: string) => void,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const store = await openStore(url);
  const { planId, unitId, importMs } = await seedSyntheticPlan(store);
  log(
    `${engine}: imported ${formatNumber(TASKS)} tasks and ${formatNumber(TARGETS)} targets in ${formatNumber(importMs)} ms`,
  );
  figures.push({ name: `${engine}: import of the synthetic plan`, value: importMs, unit: 'ms' });
  // The example report's plan, whose public JSON is the size a district's really is.
  const example = (await importPlan(store, { ...exampleReport(), jurisdictionId: 1, state: 'published' }))
    .plan.id;
  const app = await createApp({ store, webRoot: false, readCacheBytes: READ_CACHE_BYTES });
  // PostgreSQL: the held reads take stamps from memory once the listening connection is live.
  await store.watchRevisions()?.whenLive();
  // The same routes holding no answers: what a read costs when it is built (health stays held).
  const unheld = await createApp({ store, webRoot: false, readCacheBytes: 0 });
  const bare = await bareApp();
  try {
    const base = `${await listenOnLoopback(app)}/api/v1`;
    const unheldBase = `${await listenOnLoopback(unheld)}/api/v1`;
    const bareBase = await listenOnLoopback(bare);
    const reads = [
      { name: 'GET /plans/:id', path: `/plans/${planId}`, connections: [CONNECTIONS, 1] },
      { name: 'GET /plans/:id/health', path: `/plans/${planId}/health`, connections: [CONNECTIONS] },
      {
        name: 'GET /plans/:id/tasks?unitId&limit=50',
        path: `/plans/${planId}/tasks?unitId=${unitId}&limit=50`,
        connections: [CONNECTIONS, 1],
      },
      {
        name: 'GET /public/plans/:id.json',
        path: `/public/plans/${planId}.json`,
        connections: [CONNECTIONS],
      },
    ];
    const size = await fetch(`${base}/public/plans/${planId}.json`).then((r) => r.arrayBuffer());
    const brotli = await fetch(`${base}/public/plans/${planId}.json`, {
      headers: { 'accept-encoding': 'br' },
    });
    log(
      `${engine}: public plan JSON ${formatNumber(size.byteLength / 1024)} KB, ` +
        `${formatNumber(Number(brotli.headers.get('content-length')) / 1024)} KB as brotli`,
    );
    const floor = { rps: 0 };
    const cases: Case[] = [
      { name: 'bare Fastify route', url: `${bareBase}/bare`, connections: [CONNECTIONS] },
      // The app's own floor: its hooks (authentication, rate limits, headers) and one query.
      { name: 'GET /health (a database ping)', url: `${base}/health`, connections: [CONNECTIONS] },
      ...reads.map((r) => ({ name: `${r.name} held`, url: `${base}${r.path}`, connections: r.connections })),
      {
        // A client that holds the answer asks again: 304, no body.
        name: 'GET /plans/:id held, If-None-Match (304)',
        url: `${base}/plans/${planId}`,
        connections: [CONNECTIONS],
        headers: { 'if-none-match': (await fetch(`${base}/plans/${planId}`)).headers.get('etag') ?? '' },
        status: 304,
      },
      {
        name: 'GET /public/plans/:id.json held, brotli',
        url: `${base}/public/plans/${planId}.json`,
        connections: [CONNECTIONS],
        headers: { 'accept-encoding': 'br' },
      },
      ...reads.map((r) => ({
        name: `${r.name} built`,
        url: `${unheldBase}${r.path}`,
        connections: [CONNECTIONS],
      })),
    ];
    const examplePath = `/public/plans/${example}.json`;
    const exampleSize = await fetch(`${base}${examplePath}`).then((r) => r.arrayBuffer());
    log(`${engine}: the example plan's public JSON ${formatNumber(exampleSize.byteLength / 1024)} KB`);
    cases.push(
      { name: 'example plan public JSON held', url: `${base}${examplePath}`, connections: [CONNECTIONS] },
      {
        name: 'example plan public JSON held, brotli',
        url: `${base}${examplePath}`,
        connections: [CONNECTIONS],
        headers: { 'accept-encoding': 'br' },
      },
      {
        name: 'example plan public JSON built',
        url: `${unheldBase}${examplePath}`,
        connections: [CONNECTIONS],
      },
      // The public page's data in one answer (routes/public-page.ts), as a browser takes it.
      {
        name: 'example plan public page, one answer held, brotli',
        url: `${base}/public/plans/${example}/page`,
        connections: [CONNECTIONS],
        headers: { 'accept-encoding': 'br' },
      },
      {
        name: 'example plan public page, one answer built',
        url: `${unheldBase}/public/plans/${example}/page`,
        connections: [CONNECTIONS],
      },
    );
    const onePage = await fetch(`${base}/public/plans/${example}/page`, {
      headers: { 'accept-encoding': 'br' },
    });
    log(
      `${engine}: the example plan's public page in one answer: ${formatNumber(Number(onePage.headers.get('content-length')) / 1024)} KB as brotli`,
    );
    figures.push(...(await loadCases(engine, cases, floor, log)));

    const after = await firstReadsAfterWrites(
      store,
      planId,
      reads.map((r) => ({ name: r.name, url: `${base}${r.path}` })),
    );
    for (const [name, times] of after) {
      const label = `${engine}: first ${name} after a write`;
      log(
        `${label}: median ${formatNumber(median(times), 1)} ms, max ${formatNumber(Math.max(...times), 1)} ms (${times.length} writes)`,
      );
      figures.push(
        { name: `${label}, median`, value: median(times), unit: 'ms' },
        { name: `${label}, max`, value: Math.max(...times), unit: 'ms' },
      );
    }
    if (engine === 'postgres') figures.push(...(await noticeDelivery(url, store, planId, log)));
    const stats = app.readCache.stats();
    const rss = process.memoryUsage().rss / 2 ** 20;
    log(
      `${engine}: held answers ${stats.entries}, ${formatNumber(stats.bytes / 1024)} KB of at most ` +
        `${formatNumber(stats.maxBytes / 2 ** 20)} MB, ${formatNumber(stats.hits)} hits, ${formatNumber(stats.misses)} misses; ` +
        `server process RSS ${formatNumber(rss)} MB`,
    );
    figures.push(
      { name: `${engine}: bytes of held answers`, value: stats.bytes, unit: 'B' },
      { name: `${engine}: server process RSS`, value: rss, unit: 'MB' },
    );
  } finally {
    await bare.close();
    await unheld.close();
    await app.close();
    await store.close();
  }
  return figures;
}

export const apiBench: Bench = {
  name: 'api',
  async run(log) {
    const figures: Figure[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-sqlite-'));
    try {
      figures.push(...(await benchEngine('sqlite', join(dir, 'bench.sqlite'), log)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const postgres = await startPostgres();
    try {
      figures.push(...(await benchEngine('postgres', postgres.url, log)));
    } finally {
      postgres.stop();
    }
    return figures;
  },
};
