/**
 * The chase (issue 18) at scale, on SQLite (a file) and PostgreSQL (a private server started
 * like test/global-setup.ts, or LUOSHI_BENCH_PG_URL; LUOSHI_BENCH_CHASE_ENGINES=sqlite or
 * =postgres runs one): 10,000 tasks of 100 units all due on one
 * day, each unit with a reporter reached by e-mail and SMS and a DingTalk group. The office
 * turns digests off (the heaviest case: one reminder per item per destination). Figures:
 * - the run that queues the day's reminders (runChase: read a page of tasks at a time, derive,
 *   word and queue a slice of messages per transaction with their marks, pausing between
 *   slices; LUOSHI_BENCH_CHASE_BATCH and LUOSHI_BENCH_CHASE_PAUSE_MS change the pace), target ≤ 60 s;
 * - the API's p99 for `GET /plans/:id/tasks` while that run goes on, beside its p99 at rest
 *   (in the same process, as `luoshi serve` runs the chase), target: at most 50 ms more.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHASE_PACE, runChase, saveChaseSettings } from '../src/commands/chase.js';
import { saveSettings } from '../src/commands/notify.js';
import { importPlan } from '../src/commands/plans.js';
import { loadWorkCalendar } from '../src/commands/requests-setup.js';
import { createUnit } from '../src/commands/units.js';
import { createUser } from '../src/commands/users.js';
import { DEFAULT_CHASE_SETTINGS } from '../src/chase/policy.js';
import type { Actor } from '../src/plan/audit.js';
import { addWorkingDays } from '../src/requests/calendar.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { buildSyntheticReport } from './api.js';
import { formatNumber } from './bench.js';
import type { Bench, Figure } from './bench.js';
import { startPostgres } from './postgres.js';

const TASKS = Number(process.env.LUOSHI_BENCH_CHASE_TASKS ?? 10_000);
/** The run's pace (src/commands/chase.ts CHASE_PACE unless set): messages per transaction, pause. */
const PACE = {
  ...CHASE_PACE,
  ...(process.env.LUOSHI_BENCH_CHASE_BATCH ? { batch: Number(process.env.LUOSHI_BENCH_CHASE_BATCH) } : {}),
  ...(process.env.LUOSHI_BENCH_CHASE_PAUSE_MS
    ? { pauseMs: Number(process.env.LUOSHI_BENCH_CHASE_PAUSE_MS) }
    : {}),
};
const UNITS = 100;
const ADMIN: Actor = { userId: 1, role: 'admin', unitIds: [] };
/** Monday 2022-06-06, 09:00 Beijing: the chase's hour. */
const NOW = '2022-06-06T01:00:00.000Z';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Seeds one engine's database, runs the chase on it and reads the API beside it. */
async function benchEngine(
  engine: 'sqlite' | 'postgres',
  target: string,
  log: (line: string) => void,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const store = await openStore(target);
  try {
    const seedStart = performance.now();
    const { text, extraction } = buildSyntheticReport(TASKS, 10);
    const { plan } = await importPlan(store, {
      text,
      extraction,
      sourceName: 'synthetic.txt',
      jurisdictionId: 1,
      state: 'published',
    });
    const calendar = await loadWorkCalendar(store);
    // Due in one working day: the "1 day before" reminder fires today for every task.
    const due = addWorkingDays(calendar, NOW.slice(0, 10), 1);
    const unitIds: number[] = [];
    for (let i = 0; i < UNITS; i++) {
      const unit = await createUnit(store, { jurisdictionId: 1, name: `单位${i + 1}`, kind: 'department' });
      unitIds.push(unit.id);
      const user = await createUser(store, {
        username: `u${i + 1}`,
        displayName: `填报员${i + 1}`,
        role: 'reporter',
        unitIds: [unit.id],
        passwordHash: 'x',
        jurisdictionId: 1,
      });
      await saveSettings(
        store,
        user.jurisdictionId,
        `user:${user.id}`,
        {
          email: `u${i + 1}@example.gov.cn`,
          phone: `1380000${String(i).padStart(4, '0')}`,
          channels: ['email', 'sms'],
          digest: null,
          quietHours: 'policy',
        },
        0,
        ADMIN,
        NOW,
      );
      await saveSettings(
        store,
        unit.jurisdictionId!,
        `unit:${unit.id}`,
        {
          leaderUserId: null,
          robots: [
            {
              channel: 'dingtalk',
              name: `单位${i + 1}工作群`,
              url: `https://oapi.dingtalk.com/robot/send?access_token=t${i}`,
              secret: null,
              enabled: true,
            },
          ],
        },
        0,
        ADMIN,
        NOW,
      );
    }
    // Every task assigned in one transaction (the bench measures the chase, not the seeding).
    const tasks = (await store.plans.getItems(plan.id)).tasks;
    await store.transaction(async (tx) => {
      for (const [i, task] of tasks.entries()) {
        const columns = { leadUnitId: unitIds[i % UNITS]!, deadline: due };
        await tx.tasks.update(plan.id, task.id, columns, undefined, task.version, NOW);
      }
      await tx.plans.touch(plan.id);
    });
    await saveChaseSettings(
      store,
      1,
      { ...DEFAULT_CHASE_SETTINGS, plan: { ...DEFAULT_CHASE_SETTINGS.plan, digest: false } },
      0,
      ADMIN,
      NOW,
    );
    log(
      `${engine}: seeded ${formatNumber(tasks.length)} tasks due ${due}, ${UNITS} units in ${formatNumber(performance.now() - seedStart)} ms`,
    );

    // Real HTTP on a local port: requests arrive as the server's would, between the run's batches.
    const app = await createApp({ store, webRoot: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const read = async () => {
      const start = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/plans/${plan.id}/tasks?limit=50`);
      if (response.status !== 200) throw new Error(`GET tasks answered ${response.status}`);
      await response.arrayBuffer();
      return performance.now() - start;
    };
    await read();
    const atRest: number[] = [];
    for (let i = 0; i < 200; i++) atRest.push(await read());

    const during: number[] = [];
    let running = true;
    const reader = (async () => {
      while (running) during.push(await read());
    })();
    const start = performance.now();
    const result = await runChase(
      store,
      { calendar, publicUrl: 'https://luoshi.example.gov.cn', pace: PACE },
      NOW,
    );
    const runMs = performance.now() - start;
    running = false;
    await reader;
    await app.close();
    log(
      `${engine}: run at ${PACE.batch} messages per transaction, ${PACE.pauseMs} ms between: ${formatNumber(result.items)} items, ${formatNumber(result.events)} events, ${formatNumber(result.messages)} messages queued in ${formatNumber(runMs)} ms (target ≤ 60,000 ms)`,
    );
    const rest99 = percentile(atRest, 99);
    const during99 = percentile(during, 99);
    log(
      `${engine}: GET /plans/:id/tasks p99: ${formatNumber(rest99, 1)} ms at rest (${atRest.length} requests), ${formatNumber(during99, 1)} ms during the run (${during.length} requests): +${formatNumber(during99 - rest99, 1)} ms (target ≤ +50 ms)`,
    );
    figures.push(
      { name: `${engine}: chase run, 10,000 items due`, value: runMs, unit: 'ms' },
      { name: `${engine}: messages queued`, value: result.messages, unit: 'messages' },
      { name: `${engine}: API p99 at rest`, value: rest99, unit: 'ms' },
      { name: `${engine}: API p99 during the run`, value: during99, unit: 'ms' },
    );
  } finally {
    await store.close();
  }
  return figures;
}

export const chaseBench: Bench = {
  name: 'chase',
  async run(log) {
    const engines = (process.env.LUOSHI_BENCH_CHASE_ENGINES ?? 'sqlite,postgres').split(',');
    const figures: Figure[] = [];
    if (engines.includes('sqlite')) {
      const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-chase-'));
      try {
        figures.push(...(await benchEngine('sqlite', join(dir, 'chase.sqlite'), log)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    if (engines.includes('postgres')) {
      const postgres = await startPostgres();
      try {
        figures.push(...(await benchEngine('postgres', postgres.url, log)));
      } finally {
        postgres.stop();
      }
    }
    return figures;
  },
};
