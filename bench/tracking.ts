/**
 * Tracking (issue 4) on a synthetic plan of 10,000 tasks and 2,000 targets, on SQLite (a file)
 * and PostgreSQL (a private server started like test/global-setup.ts, or LUOSHI_BENCH_PG_URL):
 * - health and roll-up recomputation after one change (target ≤ 50 ms): the changed task
 *   judged again and both roll-ups rebuilt (src/plan/health-incremental.ts); beside it the full
 *   pass over the whole plan (derivePlanHealth); and the two reads `GET /plans/:id/health` does:
 *   after one change (the held health followed by the audit trail) and from scratch;
 * - a full month's reporting by 100 units through the command layer the API calls
 *   (src/commands): each unit reads its to-dos (carried forward) and submits its one report,
 *   then a supervisor approves every report (each approval moves the tasks' progress, audited).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../src/plan/audit.js';
import { derivePlanHealth } from '../src/plan/plan-health.js';
import { deriveReportingPeriods } from '../src/plan/periods.js';
import { deriveApprovedFigures } from '../src/plan/reporting.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { createHealthViews, derivePlanHealthView } from '../src/commands/health.js';
import { listTodos, reviewUnitReport, submitUnitReport } from '../src/commands/tracking.js';
import { deriveHealthAfterChange } from '../src/plan/health-incremental.js';
import { buildSyntheticReport } from './api.js';
import { formatNumber, measure, median, medianTiming } from './bench.js';
import type { Bench, Figure, Timing } from './bench.js';
import { startPostgres } from './postgres.js';
import { createUnit } from '../src/commands/units.js';
import { importPlan } from '../src/commands/plans.js';
import { updateTarget, updateTask } from '../src/commands/items.js';

const TASKS = 10_000;
const TARGETS = 2_000;
const UNITS = 100;
/** Every 5th task and every 2nd target get a lead unit: 20 tasks and 10 targets per unit. */
const TASK_EVERY = 5;
const TARGET_EVERY = 2;
const RUNS = 7;
const SUPERVISOR: Actor = { userId: 1, role: 'supervisor', unitIds: [] };

async function seed(store: Store): Promise<{ planId: number; unitIds: number[] }> {
  const { text, extraction } = buildSyntheticReport(TASKS, TARGETS);
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
  for (const [i, task] of items.tasks.entries()) {
    if (i % TASK_EVERY !== 0) continue;
    const leadUnitId = unitIds[(i / TASK_EVERY) % UNITS]!;
    await updateTask(store, planId, task.id, { leadUnitId, deadline: '2022-12-31' }, task.version);
  }
  for (const [i, target] of items.targets.entries()) {
    if (i % TARGET_EVERY !== 0) continue;
    const leadUnitId = unitIds[(i / TARGET_EVERY) % UNITS]!;
    await updateTarget(store, planId, target.id, { leadUnitId }, target.version);
  }
  return { planId, unitIds };
}

async function benchEngine(engine: 'sqlite' | 'postgres', url: string, log: (line: string) => void) {
  const figures: Figure[] = [];
  const store = await openStore(url);
  try {
    const seedStart = performance.now();
    const { planId, unitIds } = await seed(store);
    log(
      `${engine}: seeded ${formatNumber(TASKS)} tasks, ${formatNumber(TARGETS)} targets, ${UNITS} units in ${formatNumber(performance.now() - seedStart)} ms`,
    );

    // A month's reporting: March, data call open on April 2.
    const now = '2022-04-02T09:00:00.000Z';
    const submitMs: number[] = [];
    const monthStart = performance.now();
    let lines = 0;
    for (const unitId of unitIds) {
      const started = performance.now();
      const reporter: Actor = { userId: 1000 + unitId, role: 'reporter', unitIds: [unitId] };
      const { todos } = await listTodos(store, planId, [unitId], '2022-04-02', '2022-03');
      const draft = todos[0]!.draft;
      const tasks = draft.tasks.map((t, i) => ({
        taskId: t.taskId,
        note: t.note,
        progress: 20 + (i % 5) * 5,
        state: 'in_progress' as const,
      }));
      const targets = draft.targets.map((t) => ({
        targetId: t.targetId,
        unit: t.unit,
        note: t.note,
        value: 5.8 + (unitId % 10) / 10,
      }));
      lines += tasks.length + targets.length;
      await submitUnitReport(
        store,
        planId,
        { unitId, periodKey: '2022-03', evidence: [], tasks, targets },
        reporter,
        now,
      );
      submitMs.push(performance.now() - started);
    }
    const submitTotal = performance.now() - monthStart;
    const reviewStart = performance.now();
    const reviewMs: number[] = [];
    for (const report of await store.tracking.listReports(planId, { periodKey: '2022-03' })) {
      const started = performance.now();
      await reviewUnitReport(
        store,
        planId,
        report.id,
        { type: 'approve' },
        undefined,
        SUPERVISOR,
        '2022-04-06T09:00:00.000Z',
      );
      reviewMs.push(performance.now() - started);
    }
    const reviewTotal = performance.now() - reviewStart;
    log(
      `${engine}: month of reporting, ${UNITS} units, ${formatNumber(lines)} lines: submit (to-dos + report) ` +
        `${formatNumber(submitTotal)} ms in all, median ${formatNumber(median(submitMs), 1)} ms per unit; ` +
        `approve ${formatNumber(reviewTotal)} ms in all, median ${formatNumber(median(reviewMs), 1)} ms per report`,
    );
    figures.push(
      { name: `${engine}: 100 units submit a month's reports, total`, value: submitTotal, unit: 'ms' },
      { name: `${engine}: one unit's to-dos + report, median`, value: median(submitMs), unit: 'ms' },
      { name: `${engine}: approve 100 reports, total`, value: reviewTotal, unit: 'ms' },
      { name: `${engine}: one approval, median`, value: median(reviewMs), unit: 'ms' },
    );

    // Health after one change: a task's weight moves; the pure pass, then the whole read.
    const task = (await store.tasks.list(planId, { limit: 1 })).items[0]!;
    await updateTask(store, planId, task.id, { weight: 3 }, task.version);
    const plan = await store.plans.get(planId);
    const items = await store.plans.getItems(planId);
    const periods = deriveReportingPeriods(plan.year);
    const figuresIn = deriveApprovedFigures(
      await store.tracking.listReports(planId, { status: 'approved' }),
      periods,
      items,
      await store.tracking.listCorrections(planId),
    );
    const input = {
      year: plan.year,
      outline: items.outline,
      tasks: items.tasks,
      targets: items.targets,
      figures: figuresIn,
    };
    const previous = derivePlanHealth(input, '2022-04-10'); // also warms up
    const pure: Timing[] = [];
    for (let i = 0; i < RUNS; i++) pure.push(measure(() => derivePlanHealth(input, '2022-04-10')));
    // One change: the task's weight moved; only it is judged again, both roll-ups rebuilt.
    const changed = { ...input, tasks: input.tasks.map((x) => (x.id === task.id ? { ...x, weight: 3 } : x)) };
    const incremental: Timing[] = [];
    for (let i = 0; i < RUNS; i++) {
      incremental.push(
        measure(() => {
          if (!deriveHealthAfterChange(previous, changed, { type: 'task', id: task.id }, '2022-04-10')) {
            throw new Error('the incremental pass declined');
          }
        }),
      );
    }
    const views = createHealthViews();
    const whole: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const view = await derivePlanHealthView(store, views, planId, '2022-04-10', { fresh: true });
      whole.push(performance.now() - started);
      if (view.health.tasks.size !== TASKS) throw new Error('health lost tasks');
    }
    // What GET /plans/:id/health does after one change: the held health, followed by the audit trail.
    const read: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const current = await store.tasks.get(planId, task.id);
      await updateTask(store, planId, task.id, { weight: 1 + (i % 4) }, current.version);
      const started = performance.now();
      await derivePlanHealthView(store, views, planId, '2022-04-10');
      read.push(performance.now() - started);
    }
    const full = medianTiming(pure);
    const after = medianTiming(incremental);
    log(
      `${engine}: health + roll-up of ${formatNumber(TASKS)} tasks / ${formatNumber(TARGETS)} targets (target ≤ 50 ms), ` +
        `median of ${RUNS}: after one change ${formatNumber(after.wall, 1)} ms wall / ${formatNumber(after.cpu, 1)} ms CPU; ` +
        `whole plan ${formatNumber(full.wall, 1)} ms wall / ${formatNumber(full.cpu, 1)} ms CPU; ` +
        `read after one change (held + followed) ${formatNumber(median(read), 1)} ms; ` +
        `read from scratch (load + whole plan) ${formatNumber(median(whole), 1)} ms`,
    );
    figures.push(
      {
        name: `${engine}: health + roll-up after one change, 10,000 tasks (wall)`,
        value: after.wall,
        unit: 'ms',
      },
      {
        name: `${engine}: health + roll-up after one change, 10,000 tasks (CPU)`,
        value: after.cpu,
        unit: 'ms',
      },
      { name: `${engine}: health + roll-up of the whole plan (wall)`, value: full.wall, unit: 'ms' },
      { name: `${engine}: health + roll-up of the whole plan (CPU)`, value: full.cpu, unit: 'ms' },
      { name: `${engine}: health read after one change (held + followed)`, value: median(read), unit: 'ms' },
      { name: `${engine}: health read from scratch (load + compute)`, value: median(whole), unit: 'ms' },
    );
  } finally {
    await store.close();
  }
  return figures;
}

export const trackingBench: Bench = {
  name: 'tracking',
  async run(log) {
    const figures: Figure[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-tracking-'));
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
