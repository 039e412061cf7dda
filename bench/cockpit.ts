/**
 * The leader's cockpit and the wall screen (issue 19.7) on synthetic plans of 1,000 and 10,000
 * tasks (LUOSHI_BENCH_COCKPIT_SIZES; a fifth as many targets, 100 lead units, 20 责任领导) on
 * SQLite:
 * - the wall screen's refresh, `GET /api/v1/wall/:planId` with a kiosk token, in the server's
 *   own process (`app.inject`: no network, what the server spends) — as the screen reads it
 *   every minute, and right after a write (a task's progress) so nothing held answers it;
 *   target ≤ 300 ms;
 * - the cockpit interactive in Debian's Chromium (playwright-core, /usr/bin/chromium) against
 *   the real server (`luoshi serve`, its own build of the web app): from navigation to the
 *   page's h1 shown, the worst items' first link and the unit ranking shown and enabled, a
 *   chart drawn and no spinner left; a fresh browser context each run (nothing cached by the
 *   browser); the first run also meets the server's caches cold; target ≤ 1.5 s. Beside the
 *   wall clock, how long the renderer's main thread was busy (CDP TaskDuration) and what the
 *   cockpit's answer costs the server (in process, wall and CPU): on a loaded machine the wall
 *   clock mostly measures waiting for a core.
 * LUOSHI_BENCH_WEB_ROOT names a built web app to serve; otherwise one is built for the run.
 * LUOSHI_BENCH_COCKPIT_PG=1 also measures the server's answers on PostgreSQL (a private server,
 * bench/postgres.ts) at the largest size.
 * LUOSHI_BENCH_BEFORE names another checkout (its web app built in its `web-dist`) to compare
 * with in the same run: both serve the same database and the browser loads each in turn, so the
 * ratio holds on a noisy machine. The page load also reports its scripts (count, bytes on the
 * wire), its API calls and when the cockpit's answer came in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { importPlan } from '../src/commands/plans.js';
import { updateTarget, updateTask } from '../src/commands/items.js';
import { createUnit } from '../src/commands/units.js';
import { createUser } from '../src/commands/users.js';
import { hashPassword } from '../src/commands/passwords.js';
import { issueKiosk } from '../src/commands/kiosk.js';
import { hashSecret } from '../src/commands/secrets.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import type { Actor } from '../src/plan/audit.js';
import { buildSyntheticReport } from './api.js';
import { startPostgres } from './postgres.js';
import { formatNumber, measureAsync, median } from './bench.js';
import type { Bench, Figure, Timing } from './bench.js';

/** Plan sizes in tasks (a fifth as many targets): LUOSHI_BENCH_COCKPIT_SIZES=1000,10000. */
const SIZES = (process.env.LUOSHI_BENCH_COCKPIT_SIZES ?? '1000,10000').split(',').map(Number);
const UNITS = 100;
const LEADERS = 20;
const RUNS = 9;
const BROWSER_RUNS = 5;
const PASSWORD = 'luoshi-bench-pass';
const ROOT = new URL('..', import.meta.url).pathname;
const ADMIN: Actor = { userId: 1, role: 'admin', unitIds: [] };

async function seed(
  store: Store,
  tasks: number,
): Promise<{ planId: number; taskIds: number[]; leaderId: number }> {
  const { text, extraction } = buildSyntheticReport(tasks, tasks / 5);
  const summary = await importPlan(store, {
    jurisdictionId: 1,
    text,
    extraction,
    sourceName: 'synthetic.txt',
    state: 'published',
  });
  const planId = summary.plan.id;
  const unitIds: number[] = [];
  for (let i = 0; i < UNITS; i++)
    unitIds.push(
      (await createUnit(store, { jurisdictionId: 1, name: `单位${i + 1}`, kind: 'department' })).id,
    );
  const items = await store.plans.getItems(planId);
  // Every task led by a unit, due through the year, a leader named on every tenth.
  for (const [i, task] of items.tasks.entries()) {
    const month = String((i % 12) + 1).padStart(2, '0');
    await updateTask(
      store,
      planId,
      task.id,
      {
        leadUnitId: unitIds[i % UNITS]!,
        deadline: `2022-${month}-28`,
        ...(i % 10 === 0 ? { leader: `领导${(i / 10) % LEADERS}` } : {}),
      },
      task.version,
    );
  }
  for (const [i, target] of items.targets.entries()) {
    await updateTarget(store, planId, target.id, { leadUnitId: unitIds[i % UNITS]! }, target.version);
  }
  const passwordHash = await hashPassword(PASSWORD);
  const leader = await createUser(store, {
    username: 'lingdao',
    displayName: '区领导',
    role: 'leader',
    unitIds: [],
    passwordHash,
    jurisdictionId: 1,
  });
  return { planId, taskIds: items.tasks.map((t) => t.id), leaderId: leader.id };
}

/** Runs `node script ...args` from the repository root; resolves when it exits 0. */
function node(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited ${code}`))));
  });
}

/** `luoshi serve` of the checkout at `root` on a free port; its URL and how to stop it. */
async function serve(
  root: string,
  db: string,
  webRoot: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(join(root, 'bin/luoshi'), ['serve', '--port', '0', '--db', db, '--web-root', webRoot], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${log}`));
    }, 120_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /https?:\/\/[^\s]+:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${log}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;
const ms = (n: number) => `${formatNumber(n, 1)} ms`;
const timingLine = (timings: Timing[]) =>
  `median ${ms(median(timings.map((t) => t.wall)))} wall (p95 ${ms(p95(timings.map((t) => t.wall)))}), ${ms(median(timings.map((t) => t.cpu)))} CPU`;

async function wallRefresh(
  store: Store,
  planId: number,
  taskIds: number[],
  token: string,
  leaderId: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  const app = await createApp({ store, webRoot: false });
  try {
    // The cockpit's own answer, as the leader's browser asks it (a token of the leader's).
    const bearer = 'lst_bench_cockpit_leader';
    await store.sessions.insertToken({
      tokenHash: hashSecret(bearer),
      userId: leaderId,
      name: 'bench',
      expiresAt: '2999-01-01T00:00:00.000Z',
    });
    const cockpit = async () => {
      const response = await app.inject({
        url: `/api/v1/plans/${planId}/cockpit`,
        headers: { authorization: `Bearer ${bearer}` },
      });
      if (response.statusCode !== 200) throw new Error(`cockpit ${response.statusCode}: ${response.body}`);
    };
    const cockpitFirst = await measureAsync(cockpit);
    const cockpitRuns: Timing[] = [];
    for (let i = 0; i < RUNS; i++) cockpitRuns.push(await measureAsync(cockpit));
    log(
      `cockpit answer (server, in process): first ${ms(cockpitFirst.wall)} wall / ${ms(cockpitFirst.cpu)} CPU, then ${timingLine(cockpitRuns)}`,
    );
    const read = async () => {
      const response = await app.inject({
        url: `/api/v1/wall/${planId}`,
        headers: { 'x-kiosk-token': token },
      });
      if (response.statusCode !== 200) throw new Error(`wall ${response.statusCode}: ${response.body}`);
      return response;
    };
    const first = await measureAsync(read);
    log(`wall refresh, first read after start: ${ms(first.wall)} wall, ${ms(first.cpu)} CPU`);
    const steady: Timing[] = [];
    for (let i = 0; i < RUNS; i++) steady.push(await measureAsync(read));
    log(`wall refresh, nothing changed since the last: ${timingLine(steady)}`);
    const afterWrite: Timing[] = [];
    for (let i = 0; i < RUNS; i++) {
      const task = await store.tasks.get(planId, taskIds[i * 7]!);
      await updateTask(store, planId, task.id, { progress: 30 + i }, task.version, {
        actor: { userId: 1, role: 'admin' },
        at: new Date().toISOString(),
      });
      afterWrite.push(await measureAsync(read));
    }
    log(`wall refresh, right after a task's progress changed: ${timingLine(afterWrite)}`);
    const bytes = (await read()).rawPayload.length;
    log(`wall answer: ${formatNumber(bytes / 1024, 1)} KiB of JSON`);
    return [
      { name: 'cockpit answer, median CPU', value: median(cockpitRuns.map((t) => t.cpu)), unit: 'ms' },
      { name: 'wall refresh steady, median wall', value: median(steady.map((t) => t.wall)), unit: 'ms' },
      {
        name: 'wall refresh after a write, median wall',
        value: median(afterWrite.map((t) => t.wall)),
        unit: 'ms',
      },
      {
        name: 'wall refresh after a write, median CPU',
        value: median(afterWrite.map((t) => t.cpu)),
        unit: 'ms',
      },
    ];
  } finally {
    await app.close();
  }
}

/** One server the browser measures: this checkout's, or the one it is compared with. */
interface Served {
  label: string;
  url: string;
  cookies: { name: string; value: string; url: string }[];
}

async function signIn(label: string, url: string): Promise<Served> {
  const session = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'lingdao', password: PASSWORD }),
  });
  if (!session.ok) throw new Error(`sign-in ${session.status}`);
  const cookies = (session.headers.getSetCookie?.() ?? []).map((c) => {
    const [pair] = c.split(';');
    const [name, ...value] = pair!.split('=');
    return { name: name!, value: value.join('='), url };
  });
  return { label, url, cookies };
}

/** What one page load fetched: scripts (count, bytes on the wire), API calls, the cockpit's answer. */
interface Loaded {
  scripts: number;
  scriptBytes: number;
  api: number;
  cockpitAnswered: number;
}

async function loadOnce(
  browser: Browser,
  served: Served,
  planId: number,
): Promise<{ elapsed: number; busy: number; script: number; loaded: Loaded }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  try {
    await context.addCookies(served.cookies);
    const page = await context.newPage();
    // The renderer's main thread: how long it was busy (what a free core would take).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const started = performance.now();
    await page.goto(`${served.url}/plans/${planId}/cockpit`, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60_000 });
    const worst = page.locator('.ant-card').filter({ hasText: '最需关注的十项工作' }).locator('a').first();
    await worst.waitFor({ timeout: 60_000 });
    await page.locator('.ant-card').filter({ hasText: '牵头单位排名' }).locator('tbody tr').first().waitFor();
    await page.locator('canvas').first().waitFor({ timeout: 60_000 });
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 60_000 });
    if (!(await worst.isEnabled())) throw new Error('the worst items are not usable');
    const elapsed = performance.now() - started;
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    const loaded = await page.evaluate(() => {
      // PerformanceResourceTiming's fields (this file is compiled without the DOM's types).
      const entries = performance.getEntriesByType('resource') as unknown as {
        name: string;
        encodedBodySize: number;
        responseEnd: number;
      }[];
      const scripts = entries.filter((e) => e.name.endsWith('.js'));
      const api = entries.filter((e) => e.name.includes('/api/'));
      return {
        scripts: scripts.length,
        scriptBytes: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0),
        api: api.length,
        cockpitAnswered: api.find((e) => /\/cockpit(\?|$)/.test(e.name))?.responseEnd ?? NaN,
      };
    });
    return { elapsed, busy: metric('TaskDuration'), script: metric('ScriptDuration'), loaded };
  } finally {
    await context.close();
  }
}

/**
 * The cockpit interactive in Chromium for each server, turn about (one run of each, then the
 * next), so that a busy moment of the machine falls on both alike.
 */
async function cockpitInteractive(
  servers: Served[],
  planId: number,
  log: (line: string) => void,
): Promise<Map<string, number[]>> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-sync'],
  });
  const warm = new Map<string, number[]>(servers.map((s) => [s.label, []]));
  const busy = new Map<string, number[]>(servers.map((s) => [s.label, []]));
  try {
    for (let i = 0; i < BROWSER_RUNS; i++) {
      for (const served of servers) {
        const run = await loadOnce(browser, served, planId);
        if (i > 0) warm.get(served.label)!.push(run.elapsed);
        if (i > 0) busy.get(served.label)!.push(run.busy);
        const l = run.loaded;
        log(
          `[${served.label}] cockpit interactive, run ${i + 1}${i === 0 ? ' (server caches cold)' : ''}: ${ms(run.elapsed)} (main thread busy ${ms(run.busy)}, of it script ${ms(run.script)}); ${l.scripts} scripts, ${formatNumber(l.scriptBytes / 1024)} KiB on the wire, ${l.api} API calls, the cockpit's answer in at ${ms(l.cockpitAnswered)}`,
        );
      }
    }
    for (const served of servers) {
      const runs = warm.get(served.label)!;
      log(
        `[${served.label}] cockpit interactive after the first: median ${ms(median(runs))}, max ${ms(Math.max(...runs))}, main thread busy median ${ms(median(busy.get(served.label)!))}`,
      );
    }
    return warm;
  } finally {
    await browser.close();
  }
}

/** The cockpit's and the wall's answers over HTTP from each server, turn about: wall clock. */
async function answersOverHttp(
  servers: Served[],
  planId: number,
  token: string,
  log: (line: string) => void,
): Promise<void> {
  const times = new Map<string, { cockpit: number[]; wall: number[] }>(
    servers.map((s) => [s.label, { cockpit: [], wall: [] }]),
  );
  const timed = async (url: string, headers: Record<string, string>) => {
    const started = performance.now();
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    await response.arrayBuffer();
    return performance.now() - started;
  };
  for (let i = 0; i < RUNS + 1; i++) {
    for (const s of servers) {
      const cookie = s.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const c = await timed(`${s.url}/api/v1/plans/${planId}/cockpit`, { cookie });
      const w = await timed(`${s.url}/api/v1/wall/${planId}`, { 'x-kiosk-token': token });
      // The first read of each warms the server's caches.
      if (i > 0) times.get(s.label)!.cockpit.push(c);
      if (i > 0) times.get(s.label)!.wall.push(w);
    }
  }
  for (const s of servers) {
    const t = times.get(s.label)!;
    log(
      `[${s.label}] over HTTP, nothing changed: cockpit answer median ${ms(median(t.cockpit))}, wall answer median ${ms(median(t.wall))}`,
    );
  }
}

/** A checkout to compare with (LUOSHI_BENCH_BEFORE), its web app built in `web-dist` there. */
const BEFORE = process.env.LUOSHI_BENCH_BEFORE;

async function measureSize(tasks: number, webRoot: string, log: (line: string) => void): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-cockpit-'));
  const db = join(dir, 'bench.sqlite');
  const at = (line: string) => log(`${formatNumber(tasks)} tasks: ${line}`);
  const figures: Figure[] = [];
  try {
    const store = await openStore(db);
    let planId: number;
    let token: string;
    try {
      const seedStart = performance.now();
      const seeded = await seed(store, tasks);
      planId = seeded.planId;
      at(
        `seeded ${formatNumber(tasks)} tasks, ${formatNumber(tasks / 5)} targets, ${UNITS} units in ${formatNumber(performance.now() - seedStart)} ms`,
      );
      ({ token } = await issueKiosk(
        store,
        planId,
        { label: '值班室大屏', views: ['targets', 'chapters', 'worst', 'units', 'supervision', 'requests'] },
        ADMIN,
        new Date().toISOString(),
      ));
      const server = await wallRefresh(store, planId, seeded.taskIds, token, seeded.leaderId, at);
      figures.push(...server.map((f) => ({ ...f, name: `${tasks} tasks: ${f.name}` })));
    } finally {
      await store.close();
    }
    const roots: [string, string, string][] = [['now', ROOT, webRoot]];
    if (BEFORE) roots.unshift(['before', BEFORE, join(BEFORE, 'web-dist')]);
    const stops: (() => Promise<void>)[] = [];
    try {
      const servers: Served[] = [];
      for (const [label, root, web] of roots) {
        const server = await serve(root, db, web);
        stops.push(server.stop);
        servers.push(await signIn(label, server.url));
      }
      await answersOverHttp(servers, planId, token, at);
      const warm = await cockpitInteractive(servers, planId, at);
      for (const [label, runs] of warm)
        figures.push({
          name: `${tasks} tasks: cockpit interactive [${label}]`,
          value: median(runs),
          unit: 'ms',
        });
      if (BEFORE) {
        const ratio = median(warm.get('now')!) / median(warm.get('before')!);
        at(`cockpit interactive now / before: ${formatNumber(ratio, 2)}`);
      }
    } finally {
      for (const stop of stops) await stop();
    }
  } finally {
    // A server that is still closing its database may write a file while this removes the
    // folder: retried, and never hiding the error the run itself threw.
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (error) {
      log(`could not remove ${dir}: ${String(error)}`);
    }
  }
  return figures;
}

/** The server's answers (in process) on PostgreSQL at the largest size: LUOSHI_BENCH_COCKPIT_PG=1. */
async function serverOnPostgres(log: (line: string) => void): Promise<Figure[]> {
  const tasks = Math.max(...SIZES);
  const at = (line: string) => log(`PostgreSQL, ${formatNumber(tasks)} tasks: ${line}`);
  const postgres = await startPostgres();
  try {
    const store = await openStore(postgres.url);
    try {
      const seedStart = performance.now();
      const seeded = await seed(store, tasks);
      at(`seeded in ${formatNumber(performance.now() - seedStart)} ms`);
      const { token } = await issueKiosk(
        store,
        seeded.planId,
        { label: '值班室大屏', views: ['targets', 'chapters', 'worst', 'units', 'supervision', 'requests'] },
        ADMIN,
        new Date().toISOString(),
      );
      const figures = await wallRefresh(store, seeded.planId, seeded.taskIds, token, seeded.leaderId, at);
      return figures.map((f) => ({ ...f, name: `PostgreSQL, ${tasks} tasks: ${f.name}` }));
    } finally {
      await store.close();
    }
  } finally {
    postgres.stop();
  }
}

export const cockpitBench: Bench = {
  name: 'cockpit',
  async run(log) {
    let webRoot = process.env.LUOSHI_BENCH_WEB_ROOT;
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-cockpit-web-'));
    try {
      if (!webRoot) {
        webRoot = join(dir, 'web');
        const built = performance.now();
        await node('node_modules/vite/bin/vite.js', ['build', 'web', '--outDir', webRoot, '--emptyOutDir']);
        log(`web app built for the run in ${formatNumber((performance.now() - built) / 1000, 1)} s`);
      }
      const figures: Figure[] = [];
      for (const tasks of SIZES) figures.push(...(await measureSize(tasks, webRoot, log)));
      if (process.env.LUOSHI_BENCH_COCKPIT_PG === '1') figures.push(...(await serverOnPostgres(log)));
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
