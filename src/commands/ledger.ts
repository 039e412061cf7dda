/**
 * The 任务分解表 ledger (issue 6) as a command: exported with each task's version in its hidden
 * sheet, and imported back — every change checked (a task changed in Luoshi since the export,
 * progress only in a locked period) and applied in one transaction: task updates, then audited
 * corrections of locked periods' figures.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { LedgerChangeReport, LedgerImportAnswer } from '../contract/documents.js';
import { deriveProgressByPeriod, describeLedgerChange, exportLedger } from '../documents/index.js';
import type { LedgerChange } from '../documents/index.js';
import type { LedgerHandDown } from '../documents/ledger-import.js';
import { listSubtree } from '../jurisdictions/tree.js';
import type { Parser } from '../documents/parse-pool.js';
import { loadWorkbook, workbookBuffer } from '../documents/xlsx.js';
import { deriveActor } from '../plan/audit.js';
import { derivePeriodStatus } from '../plan/periods.js';
import type { Plan, Task, Unit, User } from '../plan/types.js';
import type { Store } from '../store/types.js';
import { handDownTask } from './cascade.js';
import type { HealthViews } from './health.js';
import { updateTask } from './items.js';
import { loadPlanData, loadTaskHealth } from './plan-data.js';
import type { PlanData } from './plan-data.js';
import { correctLockedFigure } from './tracking.js';
import { loadPromiseBook } from './promises.js';
import type { PromiseBook } from './promises.js';
import { deriveVariance } from '../verdicts/index.js';

/** Rows of the ledger's hidden sheet that record each task's version at export ("v:12" → "3"). */
const VERSION_KEY = 'v:';
/** The words of a row changed in Luoshi since the export: such a refusal is a CONFLICT. */
const STALE = '在本表导出后已在系统中修改';

/** Adds each task's version (and the export time) to the ledger's hidden sheet. */
async function stampVersions(bytes: Buffer, tasks: Task[], exportedAt: string): Promise<Buffer> {
  const wb = await loadWorkbook(bytes);
  const meta = wb.getWorksheet('_luoshi');
  if (!meta) throw new AppError('INTERNAL', 'the ledger has no _luoshi sheet');
  meta.addRow(['exportedAt', exportedAt]);
  for (const t of tasks) meta.addRow([`${VERSION_KEY}${t.id}`, String(t.version)]);
  return workbookBuffer(wb);
}

/** Task versions recorded in an uploaded ledger's hidden sheet; empty for a table pasted elsewhere. */
function readVersions(meta: Record<string, string>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, v] of Object.entries(meta)) {
    if (k.startsWith(VERSION_KEY)) out.set(Number(k.slice(VERSION_KEY.length)), Number(v));
  }
  return out;
}

/**
 * Checks what the ledger's changes need beyond the file: progress of a period can only change
 * once the period is locked (a supervisor's correction; before that it is the unit's report),
 * and a task changed in Luoshi since the export cannot be overwritten from the old file.
 */
function checkLedgerChanges(
  changes: LedgerChange[],
  data: PlanData,
  versions: Map<number, number>,
  date: string,
  book: PromiseBook,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const tasks = new Map(data.items.tasks.map((t) => [t.id, t]));
  const stale = new Set<number>();
  for (const c of changes) {
    const task = tasks.get(c.taskId);
    const exported = versions.get(c.taskId);
    if (task && exported !== undefined && exported !== task.version && !stale.has(c.taskId)) {
      stale.add(c.taskId);
      problems.push({
        path: c.path,
        message: `任务ID${c.taskId}${STALE}：请重新下载台账后再填写`,
      });
    }
    if (c.field === 'deadline') problems.push(...checkDeadlineCell(c, data, book));
    if (c.field !== 'progress') continue;
    const period = data.frame.periods.find((p) => p.key === c.period);
    const lock = data.frame.locks.find((l) => l.key === c.period) ?? null;
    if (!period) continue;
    if (derivePeriodStatus(period, date, { lock }) !== 'locked') {
      problems.push({
        path: c.path,
        message: `${period.label}尚未锁定：进度以各单位报送为准，如需在台账中更正，请先锁定该报送期`,
      });
    } else if (c.after === null) {
      problems.push({
        path: c.path,
        message: '已审核的数据不能清空：请填写更正后的数值',
      });
    }
  }
  return problems;
}

/**
 * A published deadline moved in the ledger is a re-baseline (issue 19): refused, naming the cell,
 * when the item was extended (re-baseline it in Luoshi) or the slip from the original passes the
 * plan's threshold (a ledger has no place for the explanation it needs).
 */
function checkDeadlineCell(
  c: { taskId: number; after: string | null; path: string },
  data: PlanData,
  book: PromiseBook,
): ErrorDetail[] {
  const task = data.items.tasks.find((t) => t.id === c.taskId);
  if (data.frame.plan.state !== 'published' || !task || task.deadline === null || c.after === null) return [];
  const line = book.deadline({ type: 'task', id: c.taskId });
  if (!line || c.after === task.deadline) return [];
  if (line.versions.some((v) => v.extensionId !== null)) {
    return [
      {
        path: c.path,
        message: '该任务已批准延期：如需再调整完成时限，请在系统中调整基线并说明理由',
      },
    ];
  }
  const variance = deriveVariance(line, c.after, book.thresholds);
  if (!variance.overThreshold) return [];
  return [
    {
      path: c.path,
      message: `比原定完成时限推迟${variance.days}天，超过${book.thresholds.days}天：请在系统中调整并填写偏差说明`,
    },
  ];
}

/** A change in the words the import answers with, and how it is applied. */
function presentChange(c: LedgerChange, data: PlanData, units: Unit[]): LedgerChangeReport {
  const words = describeLedgerChange(c, units, data.periods);
  return {
    taskId: c.taskId,
    field: c.field,
    period: c.field === 'progress' ? c.period : null,
    ...words,
    cell: c.path,
    appliedAs: c.field === 'progress' ? 'correction' : 'task',
  };
}

/**
 * The ledger of `tasks` (a reporter's: its units' only) as .xlsx, each task's version and the
 * export time in its hidden sheet: an import of an older copy is refused for the tasks changed since.
 */
export async function exportLedgerWorkbook(
  store: Store,
  views: HealthViews,
  plan: Plan,
  pick: (tasks: Task[]) => Task[],
  options: {
    layout: 'single' | 'by-chapter';
    idColumn: 'narrow' | 'hidden';
    date: string;
    asOf: string;
    now: string;
  },
): Promise<Buffer> {
  const data = await loadPlanData(store, plan.id);
  const tasks = pick(data.items.tasks);
  const bytes = await exportLedger(
    {
      plan,
      outline: data.items.outline,
      tasks,
      units: await store.units.list(),
      periods: data.periods,
      progress: deriveProgressByPeriod(data.figures.tasks, data.periods),
      health: await loadTaskHealth(store, views, plan.id, options.date),
      asOf: options.asOf,
    },
    { layout: options.layout, idColumn: options.idColumn },
  );
  return stampVersions(bytes, tasks, options.now);
}

/**
 * Imports an edited ledger (read by `parser`, off the event loop): BAD_INPUT listing each cell at fault (from the file, or a change it
 * may not make), CONFLICT for a task changed in Luoshi since the export; else the changes, applied
 * in one transaction unless `dryRun` (or there are none). A row whose 牵头单位 (责任单位) names
 * jurisdictions below the plan's instead of a unit hands its task down to their plans of the
 * year (任务下达, handDownTask) in the same transaction; rows handed down before are left.
 */
export async function importLedgerWorkbook(
  store: Store,
  parser: Parser,
  planId: number,
  file: { bytes: Uint8Array; fileName: string },
  user: User,
  now: string,
  date: string,
  dryRun: boolean,
  /** The jurisdictions the importer may see: a row names only those below it may hand down to. */
  visible: (jurisdictionId: number) => boolean = () => true,
): Promise<LedgerImportAnswer> {
  const data = await loadPlanData(store, planId);
  const units = await store.units.list();
  const nodes = await store.jurisdictions.list();
  const planJurisdiction = data.frame.plan.jurisdictionId;
  const lower =
    planJurisdiction === undefined
      ? []
      : listSubtree(nodes, planJurisdiction)
          .filter((id) => id !== planJurisdiction && visible(id))
          .map((id) => ({ id, name: nodes.find((j) => j.id === id)?.name ?? '' }));
  const result = await parser.run(
    'importLedger',
    file.bytes,
    {
      planId,
      tasks: data.items.tasks,
      units,
      periods: data.periods,
      progress: deriveProgressByPeriod(data.figures.tasks, data.periods),
      lower,
    },
    file.fileName,
  );
  const versions = readVersions(result.meta);
  const book = await loadPromiseBook(store, planId, { tasks: data.items.tasks, targets: data.items.targets });
  const problems = checkLedgerChanges(result.changes, data, versions, date, book);
  const downs = await resolveHandDowns(store, data.frame.plan, result.handDowns, lower, problems);
  if (problems.length > 0) {
    const stale = problems.some((p) => p.message.includes(STALE));
    throw new AppError(
      stale ? 'CONFLICT' : 'BAD_INPUT',
      `${file.fileName}未导入：共${problems.length}处问题，请修改后重新上传`,
      problems,
    );
  }
  const answer = {
    dryRun,
    applied: !dryRun,
    rows: result.rows,
    tasksChanged: new Set(result.changes.map((c) => c.taskId)).size,
    changes: result.changes.map((c) => presentChange(c, data, units)),
    warnings: result.warnings,
    handDowns: downs.map((d) => ({
      taskId: d.taskId,
      cell: d.path,
      plans: d.plans.map((p) => ({ planId: p.plan.id, jurisdictionName: p.name, already: p.already })),
    })),
  };
  const toHandDown = downs.some((d) => d.plans.some((p) => !p.already));
  if (dryRun || (result.changes.length === 0 && !toHandDown)) return { ...answer, applied: false };
  await applyLedger(store, planId, result.changes, data, user, now, file.fileName, downs);
  return answer;
}

/** A ledger row handed down: the lower plan of each jurisdiction its cell names. */
interface ResolvedHandDown {
  taskId: number;
  path: string;
  plans: { plan: Plan; name: string; already: boolean }[];
}

/**
 * Each row naming jurisdictions below, with the plan of each for the same year (the latest
 * imported when there are several) and whether the task went down to it already (left as it
 * is, so the same 分解表 imports again). A jurisdiction with no plan of the year is a problem
 * at the cell.
 */
async function resolveHandDowns(
  store: Store,
  plan: Plan,
  rows: readonly LedgerHandDown[],
  lower: readonly { id: number; name: string }[],
  problems: ErrorDetail[],
): Promise<ResolvedHandDown[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((r) => r.jurisdictionIds))];
  const plans = (await store.plans.list({ jurisdictionIds: ids, limit: 1000 })).items.filter(
    (p) => p.year === plan.year,
  );
  const out: ResolvedHandDown[] = [];
  for (const row of rows) {
    const given = await store.planLinks.listByParent('task', plan.id, row.taskId);
    const found: ResolvedHandDown['plans'] = [];
    for (const id of row.jurisdictionIds) {
      const name = lower.find((j) => j.id === id)?.name ?? '';
      const of = plans.filter((p) => p.jurisdictionId === id).sort((a, b) => b.id - a.id)[0];
      if (!of) {
        problems.push({
          path: row.path,
          message: `「${name}」还没有 ${plan.year} 年的计划：请先导入其政府工作报告`,
        });
        continue;
      }
      found.push({ plan: of, name, already: given.some((l) => l.child.planId === of.id) });
    }
    out.push({ taskId: row.taskId, path: row.path, plans: found });
  }
  return out;
}

/** Applies the ledger's changes in one transaction: task updates, then locked-period corrections. */
async function applyLedger(
  store: Store,
  planId: number,
  changes: LedgerChange[],
  data: PlanData,
  user: User,
  now: string,
  fileName: string,
  downs: readonly ResolvedHandDown[],
): Promise<void> {
  const actor = deriveActor(user);
  const reason = `任务分解表导入（${fileName}）`;
  const loaded = new Map(data.items.tasks.map((t) => [t.id, t]));
  await store.transaction(async (tx) => {
    const byTask = new Map<number, LedgerChange[]>();
    for (const c of changes) byTask.set(c.taskId, [...(byTask.get(c.taskId) ?? []), c]);
    for (const [taskId, list] of byTask) {
      const patch: Parameters<typeof updateTask>[3] = {};
      for (const c of list) {
        if (c.field === 'leadUnitId') patch.leadUnitId = c.after;
        else if (c.field === 'coUnitIds') patch.coUnitIds = c.after;
        else if (c.field === 'leader') patch.leader = c.after;
        else if (c.field === 'deadline') patch.deadline = c.after;
        else if (c.field === 'state') patch.state = c.after;
      }
      if (Object.keys(patch).length === 0) continue;
      const version = loaded.get(taskId)?.version ?? 0;
      await updateTask(tx, planId, taskId, patch, version, {
        actor: { userId: actor.userId, role: actor.role },
        at: now,
        action: 'task.ledger_import',
        reason,
      });
    }
    for (const c of changes) {
      if (c.field !== 'progress' || c.after === null) continue;
      await correctLockedFigure(
        tx,
        planId,
        { periodKey: c.period, item: { type: 'task', id: c.taskId }, value: c.after, state: null, reason },
        actor,
        now,
      );
    }
    for (const d of downs) {
      const to = d.plans.filter((p) => !p.already).map((p) => ({ planId: p.plan.id }));
      if (to.length === 0) continue;
      await handDownTask(
        tx,
        { planId, taskId: d.taskId, to },
        { actor: { userId: actor.userId, role: actor.role }, at: now, reason },
      );
    }
  });
}
