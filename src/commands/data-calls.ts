/**
 * Data calls (issue 6): a unit's workbook for a period — what it owes, last period carried
 * forward — and the filled workbook back, submitted through the same command as a report sent
 * in the app (submitUnitReport), each refusal pointed at the cell it came from ("任务进展!F5").
 */
import { AppError, isAppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { deriveDataCallInput, exportDataCall } from '../documents/index.js';
import type { Parser } from '../documents/parse-pool.js';
import { DATA_CALL_SHEETS } from '../documents/data-call.js';
import { deriveActor } from '../plan/audit.js';
import type { UnitReport } from '../plan/reporting.js';
import type { Plan, User } from '../plan/types.js';
import type { Store, Versioned } from '../store/types.js';
import { listTodos, submitUnitReport } from './tracking.js';

/**
 * A domain problem at `tasks.3.progress` → the workbook cell the value came from; a line's id
 * (another unit's item) → its value cell; `tasks` (a line owed and missing) → its sheet.
 */
function toCell(
  detail: ErrorDetail,
  cells: { tasks: Record<string, string>[]; targets: Record<string, string>[] },
): ErrorDetail {
  if (detail.path === 'tasks' || detail.path === 'targets') {
    return { path: `${DATA_CALL_SHEETS[detail.path]}!A1`, message: detail.message };
  }
  const m = /^(tasks|targets)\.(\d+)\.(\w+)$/.exec(detail.path);
  if (!m) return detail;
  const list = m[1] as 'tasks' | 'targets';
  const field = m[3] === 'taskId' || m[3] === 'targetId' ? (list === 'tasks' ? 'progress' : 'value') : m[3]!;
  const cell = cells[list][Number(m[2])]?.[field];
  return cell ? { path: cell, message: detail.message } : detail;
}

/**
 * The data-call workbook of `unitId` for `periodKey`, with the period's label and the unit's
 * name for its file name. NOT_FOUND when the unit owes nothing for the period.
 */
export async function exportDataCallWorkbook(
  store: Store,
  plan: Plan,
  unitId: number,
  periodKey: string,
  today: string,
): Promise<{ bytes: Buffer; periodLabel: string; unitName: string }> {
  const unit = await store.units.get(unitId);
  const { period, todos } = await listTodos(store, plan.id, [unitId], today, periodKey);
  const todo = todos[0];
  if (!period || !todo) {
    throw new AppError('NOT_FOUND', `${unit.name} owes nothing for ${periodKey}`);
  }
  const items = await store.plans.getItems(plan.id);
  const input = deriveDataCallInput({
    plan,
    unit,
    period: { key: period.key, label: period.label, dueOn: todo.obligation.dueOn },
    obligation: todo.obligation,
    draft: todo.draft,
    tasks: items.tasks,
    targets: items.targets,
  });
  return { bytes: await exportDataCall(input), periodLabel: period.label, unitName: unit.name };
}

/**
 * Submits a filled data-call workbook (read by `parser`, off the event loop) as the unit's
 * report for the period (submitUnitReport: the same checks as a report sent in the app), each
 * problem named by the cell it came from.
 */
export async function submitDataCallWorkbook(
  store: Store,
  parser: Parser,
  target: { planId: number; unitId: number; periodKey: string },
  file: { bytes: Uint8Array; fileName: string },
  user: User,
  now: string,
): Promise<Versioned<UnitReport>> {
  const submission = await parser.run('parseDataCallWorkbook', file.bytes, target, file.fileName);
  const cells = {
    tasks: submission.tasks.map((t) => t.cells),
    targets: submission.targets.map((t) => t.cells),
  };
  try {
    return await submitUnitReport(
      store,
      target.planId,
      {
        unitId: target.unitId,
        periodKey: target.periodKey,
        evidence: [],
        tasks: submission.tasks.map(({ taskId, progress, state, note }) => ({
          taskId,
          progress,
          state,
          note,
        })),
        targets: submission.targets.map(({ targetId, value, unit, note }) => ({
          targetId,
          value: value ?? Number.NaN,
          unit,
          note,
        })),
      },
      deriveActor(user),
      now,
    );
  } catch (error) {
    if (!isAppError(error)) throw error;
    // A blank value reaches the domain as NaN ("not a number"): say "blank" instead.
    const blank = new Set(
      submission.targets.flatMap((t, i) => (t.value === null ? [`targets.${i}.value`] : [])),
    );
    const details = error.details.map((d) =>
      toCell(blank.has(d.path) ? { path: d.path, message: '未填写：请填写截至目前的数值' } : d, cells),
    );
    throw new AppError(error.code, `${file.fileName}未能接收：${error.message}`, details);
  }
}
