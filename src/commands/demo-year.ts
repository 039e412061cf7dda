/**
 * A believable year of work for the demo (issue 14): every month of the plan's year each unit
 * reports its tasks and targets through the same commands a clerk uses, the 督查室 approves (and
 * once returns a report, answered the next day), a lagging task gets a 督办单 that is answered
 * and closed, one asks for a 延期 that is approved, and finished tasks are 销号 with evidence.
 * Every step carries the date it happened at, so history, trends and health read as the year
 * went. Deterministic: the same plan gives the same year.
 */
import type { Actor } from '../plan/audit.js';
import { CHINESE_COUNT_UNITS } from '../report/units.js';
import { createRng } from '../requests/generator.js';
import type { Store } from '../store/types.js';
import { listTodos, reviewUnitReport, submitUnitReport } from './reports.js';
import {
  applyToClose,
  decideClosing,
  decideDeadlineExtension,
  issueSupervisionNotice,
  moveNotice,
  requestDeadlineExtension,
} from './supervision.js';
import { uploadEvidence } from './tracking.js';

export interface DemoYearResult {
  reports: number;
  returned: number;
  notices: number;
  extensions: number;
  closed: number;
}

/** How a task moves over the year: most finish, some lag, a few start late. */
type Pace = { finish: number; start: number; final: number };

const NOTES: [number, string][] = [
  [0, '正在开展前期调研和方案编制'],
  [20, '已完成方案编制，正在办理前期手续'],
  [40, '项目已开工，按计划推进'],
  [60, '主体工作推进过半，协调解决用地和资金问题'],
  [80, '主体工作基本完成，正在收尾'],
  [100, '已全部完成，正在准备验收材料'],
];

function noteFor(progress: number): string {
  return [...NOTES].reverse().find(([from]) => progress >= from)![1];
}

const PDF = new TextEncoder().encode('%PDF-1.7\n% 演示用佐证材料\n%%EOF\n');

/** `YYYY-MM-DDT09:00:00.000Z` of a day of `year`, months past December rolling into the next. */
function at(year: number, month: number, day: number, hour = 9): string {
  const date = new Date(Date.UTC(year, month - 1, day, hour));
  return date.toISOString();
}

/**
 * Plays the plan's year: monthly reports from January to December (handed in by the 3rd of the
 * next month, reviewed by the 7th). `reporter(unitId)` acts for a unit (its own reporter, or the
 * admin on its behalf); `supervisor` reviews and supervises.
 */
export async function seedDemoYear(
  store: Store,
  planId: number,
  actors: { supervisor: Actor; reporter: (unitId: number) => Actor },
  options: { seed?: number; months?: number } = {},
): Promise<DemoYearResult> {
  const plan = await store.plans.get(planId);
  const year = plan.year;
  const rng = createRng(options.seed ?? year);
  const result: DemoYearResult = { reports: 0, returned: 0, notices: 0, extensions: 0, closed: 0 };
  const tasks = (await store.tasks.list(planId, { limit: 10_000 })).items;
  const targets = (await store.targets.list(planId, { limit: 10_000 })).items;
  const paces = new Map<number, Pace>();
  tasks.forEach((task, i) => {
    const roll = rng();
    paces.set(task.id, {
      // One task in six lags (ends the year at 60–85%), one in eight starts only in spring.
      final: roll < 1 / 6 ? 60 + Math.round(rng() * 25) : 100,
      start: i % 8 === 3 ? 3 + Math.floor(rng() * 3) : 0,
      finish: 8 + Math.floor(rng() * 5),
    });
  });
  const progressAt = (taskId: number, month: number) => {
    const pace = paces.get(taskId)!;
    if (month <= pace.start) return 0;
    const share = Math.min(1, (month - pace.start) / (pace.finish - pace.start));
    return Math.min(pace.final, Math.round((pace.final * share) / 5) * 5);
  };
  const units = [
    ...new Set([...tasks, ...targets].map((i) => i.leadUnitId).filter((u): u is number => u !== null)),
  ].sort((a, b) => a - b);
  const months = Math.min(12, options.months ?? 12);
  const targetById = new Map(targets.map((t) => [t.id, t]));

  for (let month = 1; month <= months; month += 1) {
    const periodKey = `${year}-${String(month).padStart(2, '0')}`;
    for (const [index, unitId] of units.entries()) {
      const submittedAt = at(year, month + 1, 1 + (index % 3));
      const { todos } = await listTodos(store, planId, [unitId], submittedAt, periodKey);
      const todo = todos[0];
      if (!todo) continue;
      const lines = {
        tasks: todo.draft.tasks.map((line) => {
          const progress = progressAt(line.taskId, month);
          const state =
            progress >= 100
              ? ('done' as const)
              : progress > 0
                ? ('in_progress' as const)
                : ('not_started' as const);
          return { taskId: line.taskId, progress, state, note: noteFor(progress) };
        }),
        targets: todo.draft.targets.map((line) => {
          const goal = targetById.get(line.targetId)?.value ?? 100;
          const reached = goal * Math.min(1, (month / 12) * (0.9 + rng() * 0.2));
          // Things counted one by one (个, 项, 家) are reported in whole numbers: 29 of 30, not 29.99.
          const whole = Number.isInteger(goal) && isCounted(line.unit);
          const value = whole ? Math.round(reached) : Math.round(reached * 100) / 100;
          return { targetId: line.targetId, value, unit: line.unit, note: `1—${month}月累计` };
        }),
      };
      const actor = actors.reporter(unitId);
      const report = await submitUnitReport(
        store,
        planId,
        { unitId, periodKey, evidence: [], ...lines },
        actor,
        submittedAt,
      );
      result.reports += 1;
      let version = report.version;
      // In March the 督查室 returns the first unit's report once; it is corrected the next day.
      if (month === 3 && index === 0) {
        const returned = await reviewUnitReport(
          store,
          planId,
          report.id,
          { type: 'return', reason: '进展情况过于简略，请补充本月完成的具体工作量' },
          version,
          actors.supervisor,
          at(year, month + 1, 5),
        );
        result.returned += 1;
        const detailed = {
          tasks: lines.tasks.map((l) => ({
            ...l,
            note: `${l.note}；本月完成投资约${1 + Math.round(rng() * 9)}千万元`,
          })),
          targets: lines.targets,
        };
        const again = await submitUnitReport(
          store,
          planId,
          { unitId, periodKey, evidence: [], ...detailed },
          actor,
          at(year, month + 1, 6),
        );
        version = again.version ?? returned.version;
      }
      await reviewUnitReport(
        store,
        planId,
        report.id,
        { type: 'approve' },
        version,
        actors.supervisor,
        at(year, month + 1, 7),
      );
    }
    await superviseMonth(store, planId, year, month, tasks, progressAt, actors, result);
  }
  return result;
}

/** 督办, 延期 and 销号 as the year goes: each happens once, at the month it fits. */
async function superviseMonth(
  store: Store,
  planId: number,
  year: number,
  month: number,
  tasks: { id: number; leadUnitId: number | null; deadline: string | null }[],
  progressAt: (taskId: number, month: number) => number,
  actors: { supervisor: Actor; reporter: (unitId: number) => Actor },
  result: DemoYearResult,
): Promise<void> {
  const owned = tasks.filter((t) => t.leadUnitId !== null);
  const lagging = owned
    .map((t) => ({ task: t, progress: progressAt(t.id, month) }))
    .sort((a, b) => a.progress - b.progress || a.task.id - b.task.id);
  if (month === 6 && lagging[0]) {
    const { task } = lagging[0];
    const notice = await issueSupervisionNotice(
      store,
      planId,
      {
        subject: { type: 'task', id: task.id },
        urgency: 'yellow',
        content: '该任务进度滞后于时序进度，请于10个工作日内报送整改措施和时间表。',
        dueOn: `${year}-07-20`,
      },
      actors.supervisor,
      at(year, 7, 8),
    );
    const unit = actors.reporter(task.leadUnitId!);
    const answered = await moveNotice(
      store,
      planId,
      notice.id,
      { type: 'answer', text: '已成立工作专班，倒排工期，每周调度一次，力争三季度末追上时序进度。' },
      notice.version,
      unit,
      at(year, 7, 15),
    );
    await moveNotice(
      store,
      planId,
      notice.id,
      { type: 'close', note: '整改措施可行，予以办结' },
      answered.version,
      actors.supervisor,
      at(year, 7, 18),
    );
    result.notices += 1;
  }
  if (month === 8 && lagging[1]) {
    const { task } = lagging[1];
    const request = await requestDeadlineExtension(
      store,
      planId,
      {
        subject: { type: 'task', id: task.id },
        requestedDeadline: `${year + 1}-06-30`,
        reason: '受征地拆迁进度影响，主体工程需顺延',
        explanation: '项目用地征收晚于预期，主体工程顺延至次年6月底完成，年度投资计划相应调整。',
      },
      actors.reporter(task.leadUnitId!),
      at(year, 9, 10),
    );
    await decideDeadlineExtension(
      store,
      planId,
      request.id,
      { type: 'approve', note: '同意延期，请按新节点推进' },
      request.version,
      actors.supervisor,
      at(year, 9, 15),
    );
    result.extensions += 1;
  }
  if (month === 11) {
    // Tasks done by November apply to close with their acceptance record; a few each.
    const done = owned.filter((t) => progressAt(t.id, month) >= 100).slice(0, 5);
    for (const task of done) {
      const current = await store.tasks.get(planId, task.id);
      if (current.state !== 'done') continue;
      const unit = actors.reporter(task.leadUnitId!);
      const file = await uploadEvidence(
        store,
        planId,
        { name: '验收报告.pdf', mimeType: 'application/pdf', bytes: PDF },
        task.leadUnitId,
        unit,
        at(year, 12, 8),
      );
      const application = await applyToClose(
        store,
        planId,
        task.id,
        { evidence: [file.id], note: '任务已全部完成并通过验收' },
        unit,
        at(year, 12, 8),
      );
      await decideClosing(
        store,
        planId,
        application.id,
        { type: 'approve' },
        application.version,
        actors.supervisor,
        at(year, 12, 12),
      );
      result.closed += 1;
    }
  }
}

/** True for a unit that counts whole things (个, 项, 家…), not a share (个百分点). */
function isCounted(unit: string | null | undefined): boolean {
  return !!unit && CHINESE_COUNT_UNITS.has(unit) && !unit.includes('分点');
}
