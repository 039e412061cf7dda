/**
 * The data-call workbook (数据征集表): what one unit owes for one reporting period, to fill
 * offline and upload. Last period's values are carried forward into the cells to edit
 * ("最多报一次": nothing typed twice). Its parser returns the same shape a web report submits,
 * with the cell each value came from; whether the values are acceptable (a percent over 100, a
 * locked period, another unit's item) is for the domain to decide, as for a web report.
 */
import type { ErrorDetail } from '../errors.js';
import { AppError } from '../errors.js';
import type {
  ObligationRole,
  ReportDraft,
  TargetEntry,
  TaskEntry,
  UnitObligation,
} from '../plan/reporting.js';
import type { Target, Task, TaskState, Unit } from '../plan/types.js';
import { formatPromise } from './tables.js';
import type { PlanHeader, ReportingPeriod } from './types.js';
import { TASK_STATE_LABELS, parseTaskState } from './types.js';
import { readId, readNumber, readText } from './form-cells.js';
import { addFormSheet } from './form-sheet.js';
import { emptyCell, mergedCells, missingColumn, missingSheet, noHeader, oneOf } from './sheet-problems.js';
import type { CellRead } from './xlsx.js';
import {
  ProblemList,
  cellRef,
  cellText,
  decodeRange,
  findHeader,
  loadWorkbook,
  WORKBOOK_LIMITS,
  mergedRanges,
  newWorkbook,
  readCell,
  readMeta,
  workbookBuffer,
  writeMeta,
} from './xlsx.js';

export const DATA_CALL_FORMAT = 'luoshi-data-call';
export const DATA_CALL_SHEETS = { tasks: '任务进展', targets: '指标数据' } as const;

const TASK_COLUMNS = {
  seq: '序号',
  text: '任务内容',
  role: '本单位职责',
  deadline: '完成时限',
  last: '上期进度(%)',
  progress: '本期进度(%)',
  state: '状态',
  note: '进展情况',
  id: '任务ID',
} as const;

const TARGET_COLUMNS = {
  seq: '序号',
  metric: '指标',
  promise: '目标',
  unit: '单位',
  last: '上期累计值',
  value: '本期累计值',
  note: '说明',
  id: '指标ID',
} as const;

export interface DataCallInput {
  plan: PlanHeader;
  unit: Unit;
  period: ReportingPeriod & { dueOn?: string };
  /** Tasks the unit leads or co-handles, with what it reported last period (carried forward). */
  tasks: { task: Task; role: ObligationRole; last?: Pick<TaskEntry, 'progress' | 'state' | 'note'> }[];
  /** Targets whose values the unit supplies, with last period's value to date. */
  targets: { target: Target; role?: ObligationRole; last?: { value: number | null; note: string } }[];
}

/**
 * What a unit submits for a period: the shape of the domain's `ReportDraft` (plan/reporting.ts)
 * plus the cell each value was read from, so the domain's verdict on a value can point at it.
 */
export interface DataCallSubmission {
  planId: number;
  unitId: number;
  periodKey: string;
  tasks: (TaskEntry & { cells: { progress: string; state: string; note: string } })[];
  targets: (Omit<TargetEntry, 'value'> & {
    /** Blank stays null: the domain decides whether the report is complete. */
    value: number | null;
    cells: { value: string; unit: string; note: string };
  })[];
}

/**
 * The form's content from the domain: the unit's obligation for the period (deriveObligations)
 * in its order, each item with last period's line from the carried-forward draft
 * (deriveCarryForward). Items whose task or target is not given are left out.
 */
export function deriveDataCallInput(args: {
  plan: PlanHeader;
  unit: Unit;
  period: DataCallInput['period'];
  obligation: Pick<UnitObligation, 'items'>;
  draft?: Pick<ReportDraft, 'tasks' | 'targets'> | null;
  tasks: Task[];
  targets: Target[];
}): DataCallInput {
  const tasks = new Map(args.tasks.map((t) => [t.id, t]));
  const targets = new Map(args.targets.map((t) => [t.id, t]));
  const lastTask = new Map((args.draft?.tasks ?? []).map((t) => [t.taskId, t]));
  const lastTarget = new Map((args.draft?.targets ?? []).map((t) => [t.targetId, t]));
  const input: DataCallInput = {
    plan: args.plan,
    unit: args.unit,
    period: args.period,
    tasks: [],
    targets: [],
  };
  for (const item of args.obligation.items) {
    if (item.type === 'task') {
      const task = tasks.get(item.id);
      const last = lastTask.get(item.id);
      if (task) input.tasks.push({ task, role: item.role, ...(last ? { last } : {}) });
    } else {
      const target = targets.get(item.id);
      const last = lastTarget.get(item.id);
      if (target)
        input.targets.push({
          target,
          role: item.role,
          ...(last ? { last: { value: last.value, note: last.note } } : {}),
        });
    }
  }
  return input;
}

/** Writes the unit's workbook for the period. */
export async function exportDataCall(input: DataCallInput): Promise<Buffer> {
  const wb = newWorkbook();
  const gap = '\u3000'; // ideographic space between the parts, as forms do
  const subtitle = `填报单位：${input.unit.name}${gap}报送期：${input.period.label}${input.period.dueOn ? `${gap}报送截止：${input.period.dueOn}` : ''}${gap}黄色单元格为填报内容，已带入上期数据`;

  await addFormSheet(
    wb,
    DATA_CALL_SHEETS.tasks,
    {
      title: `${input.plan.title}重点任务进展填报表（${input.period.label}）`,
      subtitle,
      columns: [
        { header: TASK_COLUMNS.seq, width: 6, center: true },
        { header: TASK_COLUMNS.text, width: 56 },
        { header: TASK_COLUMNS.role, width: 10, center: true },
        { header: TASK_COLUMNS.deadline, width: 12, center: true },
        { header: TASK_COLUMNS.last, width: 10, center: true },
        { header: TASK_COLUMNS.progress, width: 10, center: true },
        { header: TASK_COLUMNS.state, width: 10, center: true },
        { header: TASK_COLUMNS.note, width: 40 },
        { header: TASK_COLUMNS.id, width: 8, center: true },
      ],
      rows: input.tasks.map((t, i) => [
        i + 1,
        t.task.text,
        t.role === 'lead' ? '牵头' : '配合',
        t.task.deadline,
        t.last?.progress ?? null,
        t.last?.progress ?? t.task.progress,
        TASK_STATE_LABELS[t.last?.state ?? t.task.state],
        t.last?.note ?? null,
        t.task.id,
      ]),
    },
    [
      {
        column: 6,
        validation: {
          type: 'decimal',
          operator: 'between',
          allowBlank: true,
          formulae: [0, 100],
          showErrorMessage: true,
          errorTitle: '进度',
          error: '请填写0到100之间的数字',
        },
      },
      {
        column: 7,
        validation: {
          type: 'list',
          allowBlank: false,
          formulae: [
            `"${[TASK_STATE_LABELS.not_started, TASK_STATE_LABELS.in_progress, TASK_STATE_LABELS.done].join(',')}"`,
          ],
        },
      },
      { column: 8 },
    ],
  );
  await addFormSheet(
    wb,
    DATA_CALL_SHEETS.targets,
    {
      title: `${input.plan.title}主要指标数据填报表（${input.period.label}）`,
      subtitle,
      columns: [
        { header: TARGET_COLUMNS.seq, width: 6, center: true },
        { header: TARGET_COLUMNS.metric, width: 26 },
        { header: TARGET_COLUMNS.promise, width: 14, center: true },
        { header: TARGET_COLUMNS.unit, width: 8, center: true },
        { header: TARGET_COLUMNS.last, width: 12, center: true },
        { header: TARGET_COLUMNS.value, width: 12, center: true },
        { header: TARGET_COLUMNS.note, width: 36 },
        { header: TARGET_COLUMNS.id, width: 8, center: true },
      ],
      rows: input.targets.map((t, i) => [
        i + 1,
        t.target.metric,
        formatPromise(t.target),
        t.target.unit,
        t.last?.value ?? null,
        t.last?.value ?? null,
        t.last?.note ?? null,
        t.target.id,
      ]),
    },
    [{ column: 6 }, { column: 7 }],
  );

  writeMeta(wb, {
    format: DATA_CALL_FORMAT,
    version: '1',
    planId: String(input.plan.id),
    unitId: String(input.unit.id),
    unitName: input.unit.name,
    period: input.period.key,
    tasks: JSON.stringify(input.tasks.map((t) => t.task.id)),
    targets: JSON.stringify(input.targets.map((t) => t.target.id)),
  });
  return workbookBuffer(wb);
}

export interface DataCallExpectation {
  planId: number;
  unitId: number;
  /** Period key ("2022-03"). */
  periodKey: string;
}

function idList(json: string | undefined): Set<number> {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return new Set(Array.isArray(v) ? v.map(Number) : []);
  } catch {
    return new Set();
  }
}

/**
 * Reads a filled data-call workbook. Throws AppError UNSUPPORTED_FORMAT for a non-.xlsx,
 * BAD_INPUT when it is for another plan, unit or period, or with one detail per problem of
 * shape (a missing sheet or column, merged cells, an id not in this call, a duplicate, a value
 * that is not a number, an unknown state). Values are not range-checked here.
 */
export async function parseDataCallWorkbook(
  bytes: Uint8Array,
  expected: DataCallExpectation,
  fileName = 'data-call.xlsx',
): Promise<DataCallSubmission> {
  const wb = await loadWorkbook(bytes, fileName, WORKBOOK_LIMITS.dataCall);
  const meta = readMeta(wb);
  const wrong = (message: string, detail: ErrorDetail) =>
    new AppError('BAD_INPUT', `${fileName}${message}`, [detail]);
  if (!meta || meta.format !== DATA_CALL_FORMAT) {
    throw wrong('不是系统下载的数据填报表：请下载本单位本期的填报表填写后上传', {
      path: '_luoshi!A1',
      message: '不是系统下载的数据填报表',
    });
  }
  if (Number(meta.planId) !== expected.planId) {
    throw wrong('是另一份计划的填报表：请下载本计划本期的填报表', {
      path: '_luoshi!B3',
      message: '不是本计划的填报表',
    });
  }
  if (Number(meta.unitId) !== expected.unitId) {
    throw wrong(`是${meta.unitName ?? '其他单位'}的填报表，不是本单位的：请下载本单位的填报表`, {
      path: '_luoshi!B4',
      message: '不是本单位的填报表',
    });
  }
  if (meta.period !== expected.periodKey) {
    throw wrong(
      `是${meta.period ?? '其他报送期'}的填报表，不是本期（${expected.periodKey}）的：请下载本期的填报表`,
      {
        path: '_luoshi!B6',
        message: '不是本期的填报表',
      },
    );
  }
  const owedTasks = idList(meta.tasks);
  const owedTargets = idList(meta.targets);
  const problems = new ProblemList();

  /** A sheet of the form and its header, or undefined after recording what is wrong with it. */
  const sheet = (name: string, idHeader: string, required: string[]) => {
    const ws = wb.getWorksheet(name);
    if (!ws) {
      problems.add(`${name}!A1`, missingSheet(name));
      return undefined;
    }
    const header = findHeader(ws, idHeader);
    if (!header) {
      problems.add(`${name}!A1`, noHeader(idHeader));
      return undefined;
    }
    const missing = required.filter((c) => !header.columns.has(c));
    for (const c of missing) problems.add(`${name}!${header.row}:${header.row}`, missingColumn(c));
    if (missing.length > 0) return undefined;
    for (const range of mergedRanges(ws)) {
      if (decodeRange(range).bottom > header.row) problems.add(`${name}!${range}`, mergedCells(range));
    }
    return { ws, header };
  };

  /**
   * The entries of one sheet: each data row with an id (blank rows skipped; a row with values
   * in `typed` but no id, an id this call does not owe, or a repeated one is a problem), turned
   * into an entry by `line`, which returns undefined when the row has a problem.
   */
  const readSheet = <E>(
    name: string,
    columns: { id: string; required: string[]; typed: string[] },
    owed: Set<number>,
    line: (row: FormRow) => E | undefined,
  ): E[] => {
    const found = sheet(name, columns.id, columns.required);
    if (!found) return [];
    const { ws, header } = found;
    const c = (column: string) => header.columns.get(column)!;
    const seen = new Map<number, string>();
    const entries: E[] = [];
    for (let r = header.row + 1; r <= ws.rowCount; r++) {
      const idPath = cellRef(ws.name, r, c(columns.id));
      const id = readId(ws, r, c(columns.id), idPath, owed, seen, columns.id, problems, () =>
        columns.typed.some((n) => readCell(ws, r, c(n)).kind !== 'empty'),
      );
      if (id === undefined) continue;
      const read = (column: string) => readCell(ws, r, c(column));
      const at = (column: string) => cellRef(ws.name, r, c(column));
      const entry = line({
        id,
        read,
        at,
        text: (column) => readText(read(column), at(column), column, problems),
        number: (column, percent) => readNumber(read(column), at(column), column, problems, percent),
      });
      if (entry !== undefined) entries.push(entry);
    }
    return entries;
  };

  const tasks: DataCallSubmission['tasks'] = readSheet(
    DATA_CALL_SHEETS.tasks,
    {
      id: TASK_COLUMNS.id,
      required: [TASK_COLUMNS.progress, TASK_COLUMNS.state, TASK_COLUMNS.note],
      typed: [TASK_COLUMNS.progress, TASK_COLUMNS.note],
    },
    owedTasks,
    ({ id, at, text, number }) => {
      const progress = number(TASK_COLUMNS.progress, true);
      const stateText = text(TASK_COLUMNS.state);
      let state: TaskState | undefined;
      if (stateText === null) problems.add(at(TASK_COLUMNS.state), emptyCell(TASK_COLUMNS.state));
      else if (stateText !== undefined) {
        state = parseTaskState(stateText);
        if (!state)
          problems.add(
            at(TASK_COLUMNS.state),
            `${TASK_COLUMNS.state}“${stateText}”不是可选的值：请填${oneOf(['未启动', '推进中', '已完成'])}`,
          );
      }
      // A report line needs a percent (the domain's TaskEntry); its range is the domain's call.
      if (progress === null) problems.add(at(TASK_COLUMNS.progress), emptyCell(TASK_COLUMNS.progress));
      const note = text(TASK_COLUMNS.note);
      if (
        id === null ||
        progress === undefined ||
        progress === null ||
        note === undefined ||
        state === undefined
      )
        return undefined;
      return {
        taskId: id,
        progress,
        state,
        note: note ?? '',
        cells: {
          progress: at(TASK_COLUMNS.progress),
          state: at(TASK_COLUMNS.state),
          note: at(TASK_COLUMNS.note),
        },
      };
    },
  );

  const targets: DataCallSubmission['targets'] = readSheet(
    DATA_CALL_SHEETS.targets,
    {
      id: TARGET_COLUMNS.id,
      required: [TARGET_COLUMNS.unit, TARGET_COLUMNS.value, TARGET_COLUMNS.note],
      typed: [TARGET_COLUMNS.value, TARGET_COLUMNS.note],
    },
    owedTargets,
    ({ id, read, at, text, number }) => {
      const value = number(TARGET_COLUMNS.value, false);
      const note = text(TARGET_COLUMNS.note);
      if (id === null || value === undefined || note === undefined) return undefined;
      return {
        targetId: id,
        value,
        // The unit as the form shows it: the domain compares it with the target's own unit.
        unit: cellText(read(TARGET_COLUMNS.unit)),
        note: note ?? '',
        cells: {
          value: at(TARGET_COLUMNS.value),
          unit: at(TARGET_COLUMNS.unit),
          note: at(TARGET_COLUMNS.note),
        },
      };
    },
  );
  problems.throwIfAny('BAD_INPUT', `${fileName}未能接收`);
  return { planId: expected.planId, unitId: expected.unitId, periodKey: expected.periodKey, tasks, targets };
}

/** A data row of a form sheet, as `line` sees it: its id, and its cells by column header. */
interface FormRow {
  /** Null when the id cell has a problem (recorded): the row's other problems are still listed. */
  id: number | null;
  read: (column: string) => CellRead;
  /** The cell's reference, `任务进展!F4`. */
  at: (column: string) => string;
  /** readText on the cell, recording its problems. */
  text: (column: string) => string | null | undefined;
  /** readNumber on the cell, recording its problems. */
  number: (column: string, percent: boolean) => number | null | undefined;
}
