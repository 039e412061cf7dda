/**
 * API speed: a synthetic plan of 10,000 tasks and 2,000 targets, imported through the store,
 * served by `createApp` on loopback, and loaded with autocannon (a separate process, so the
 * load generator does not share the server's event loop) for a bounded time per case:
 * `GET /api/v1/plans/:id` (summary and counts), a filtered task list
 * (`/tasks?unitId=…&limit=50`), and a bare Fastify route in the same run as the floor; with
 * 10 connections, and with 1 for the API cases (a lone client's latency, without queueing).
 * On SQLite (a file) and on PostgreSQL (a private server started like test/global-setup.ts,
 * or LUOSHI_BENCH_PG_URL). Target: p99 ≤ 50 ms.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Extraction, Heading, Item, Task as ExtractedTask } from '../src/report/types.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { formatNumber } from './bench.js';
import type { Bench, Figure } from './bench.js';
import { startPostgres } from './postgres.js';
import { createUnit } from '../src/commands/units.js';
import { importPlan } from '../src/commands/plans.js';
import { updateTask } from '../src/commands/items.js';

export const TASKS = 10_000;
export const TARGETS = 2_000;
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
    units.push(await createUnit(store, { name: `单位${i + 1}`, kind: 'department' }));
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
function load(url: string, connections = CONNECTIONS): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [AUTOCANNON, '-j', '-c', String(connections), '-d', String(SECONDS), url],
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
      };
      resolve({
        p50: result.latency.p50,
        p99: result.latency.p99,
        rps: result.requests.average,
        requests: result.requests.total,
        errors: result.errors + result.non2xx,
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
  const app = await createApp({ store, webRoot: false });
  const bare = await bareApp();
  try {
    const base = await listenOnLoopback(app);
    const bareBase = await listenOnLoopback(bare);
    const cases = [
      { name: 'bare Fastify route', url: `${bareBase}/bare`, connections: [CONNECTIONS] },
      { name: 'GET /api/v1/plans/:id', url: `${base}/api/v1/plans/${planId}`, connections: [CONNECTIONS, 1] },
      {
        name: 'GET /api/v1/plans/:id/tasks?unitId&limit=50',
        url: `${base}/api/v1/plans/${planId}/tasks?unitId=${unitId}&limit=50`,
        connections: [CONNECTIONS, 1],
      },
    ];
    for (const c of cases) {
      const check = await fetch(c.url);
      if (!check.ok) throw new Error(`${c.url} answered ${check.status}`);
      await load(c.url).catch(() => undefined); // not measured: warms the JIT and the caches
      for (const connections of c.connections) {
        const cpuBefore = process.cpuUsage();
        const r = await load(c.url, connections);
        const cpu = process.cpuUsage(cpuBefore);
        // The server's own CPU per request (this process; autocannon runs in another): what one
        // request costs on a quiet machine. PostgreSQL's server processes are not counted.
        const cpuMs = (cpu.user + cpu.system) / 1000 / Math.max(1, r.requests);
        const label = `${engine}: ${c.name}, ${connections} connection${connections === 1 ? '' : 's'}`;
        log(
          `${label}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${formatNumber(r.rps)} req/s, ` +
            `server CPU ${formatNumber(cpuMs, 2)} ms/request (${formatNumber(r.requests)} requests, ${SECONDS} s, ${r.errors} errors)`,
        );
        figures.push(
          { name: `${label}, p50`, value: r.p50, unit: 'ms' },
          { name: `${label}, p99`, value: r.p99, unit: 'ms' },
          { name: `${label}, requests/s`, value: r.rps, unit: 'req/s' },
          { name: `${label}, server CPU per request`, value: cpuMs, unit: 'ms' },
        );
      }
    }
  } finally {
    await bare.close();
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
