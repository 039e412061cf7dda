/**
 * Reads an edited 任务分解表 back and lists what changed against the current data. All or
 * nothing: any problem anywhere rejects the whole file, and every problem is listed with its
 * sheet, row and column ("任务分解表!C7").
 *
 * Rules (documented for offices):
 * - Rows are matched by 任务ID. Sheets named in the hidden `_luoshi` sheet must all be there
 *   under the same names; other sheets are ignored.
 * - Editable: 牵头单位, 配合单位 (names separated by 、，, ；; or spaces), 责任领导, 完成时限
 *   (a date cell, 2022-06-30, 2022年6月30日, 2022年6月底, 2022年底), 状态 (未启动/推进中/已完成/
 *   已销号) and the progress columns (0–100; a cell formatted as % counts as percent).
 *   任务内容, 序号 and 健康度 are read-only: edits there are reported as warnings.
 * - Formulas: the value Excel last computed is used, since offices write =SUM or =DATE; a
 *   formula with no computed value (written by a tool that does not calculate) is refused.
 * - Empty rows, and rows with only 序号/任务内容 (chapter and section headings, notes), are
 *   skipped. A row with assignment data but no 任务ID is an error: tasks are added in Luoshi.
 * - Merged cells below the header, a missing required column, an unknown or duplicate 任务ID,
 *   an unknown unit name, a date that is not a date, a wrong type: errors.
 * - Tasks absent from the file are left alone (a filtered export is fine).
 */
import type { ErrorDetail } from '../errors.js';
import { AppError } from '../errors.js';
import { parseHandDownCell } from '../plan/cascade.js';
import type { LowerJurisdiction } from '../plan/cascade.js';
import type { Task, TaskState, Unit } from '../plan/types.js';
import { parseDeadline } from './dates.js';
import { LEDGER_COLUMNS, LEDGER_FORMAT, progressHeader } from './ledger.js';
import {
  cellError,
  duplicate,
  emptyCell,
  mergedCells,
  missingColumn,
  missingSheet,
  noHeader,
  oneOf,
  otherWorkbook,
  rowWithoutKey,
  uncomputedFormula,
  unknownUnit,
} from './sheet-problems.js';
import type { ProgressByPeriod, ReportingPeriod } from './types.js';
import { TASK_STATE_LABELS, parseTaskState } from './types.js';
import type { CellRead, Worksheet } from './xlsx.js';
import {
  ProblemList,
  cellRef,
  cellText,
  decodeRange,
  findHeader,
  isoDate,
  loadWorkbook,
  mergedRanges,
  readCell,
  readMeta,
} from './xlsx.js';

export interface LedgerImportContext {
  planId: number;
  /** The plan's current tasks; the file's ids must be among them. */
  tasks: Task[];
  units: Unit[];
  /** Progress columns to read (others are ignored); usually those of the export. */
  periods: ReportingPeriod[];
  /** Current approved progress, to compute the changes. */
  progress?: ProgressByPeriod;
  /**
   * The jurisdictions below the plan's: a 牵头单位 (责任单位) cell that names them instead of a
   * unit hands the row's task down to them (任务下达, src/plan/cascade.ts parseHandDownCell).
   */
  lower?: readonly LowerJurisdiction[];
}

/** A row whose 牵头单位 (责任单位) names jurisdictions below: its task is handed down to them. */
export interface LedgerHandDown {
  taskId: number;
  jurisdictionIds: number[];
  /** The cell (`Sheet!C7`) and its text. */
  path: string;
  cell: string;
}

export type LedgerField = 'leadUnitId' | 'coUnitIds' | 'leader' | 'deadline' | 'state' | 'progress';

/** One changed value; `before`/`after` are domain values (unit ids, ISO dates, state codes). */
export type LedgerChange =
  | { taskId: number; field: 'leadUnitId'; before: number | null; after: number | null; path: string }
  | { taskId: number; field: 'coUnitIds'; before: number[]; after: number[]; path: string }
  | {
      taskId: number;
      field: 'leader' | 'deadline';
      before: string | null;
      after: string | null;
      path: string;
    }
  | { taskId: number; field: 'state'; before: TaskState; after: TaskState; path: string }
  | {
      taskId: number;
      field: 'progress';
      /** The period key ("2022-03"). */
      period: string;
      before: number | null;
      after: number | null;
      path: string;
    };

export interface LedgerImportResult {
  changes: LedgerChange[];
  handDowns: LedgerHandDown[];
  /** Edits that are not imported (read-only columns), and other notes; never block. */
  warnings: ErrorDetail[];
  /** How many task rows were read. */
  rows: number;
  /** The hidden _luoshi sheet's key/value pairs (the export's plan, periods, task versions). */
  meta: Record<string, string>;
}

const REQUIRED = [
  LEDGER_COLUMNS.text,
  LEDGER_COLUMNS.lead,
  LEDGER_COLUMNS.co,
  LEDGER_COLUMNS.leader,
  LEDGER_COLUMNS.deadline,
  LEDGER_COLUMNS.state,
] as const;

const normalise = (s: string) => s.replace(/\s+/g, '');

/** The 分解表's other name for the lead column. */
const RESPONSIBLE = '责任单位';

/**
 * Parses an edited ledger and lists its changes. Throws AppError UNSUPPORTED_FORMAT for a
 * file that is not .xlsx (a CSV, a .docx), UNPROCESSABLE for a damaged one, and BAD_INPUT
 * with one detail per problem otherwise.
 */
export async function importLedger(
  bytes: Uint8Array,
  ctx: LedgerImportContext,
  fileName = 'ledger.xlsx',
): Promise<LedgerImportResult> {
  const wb = await loadWorkbook(bytes, fileName);
  const problems = new ProblemList();
  const warnings: ErrorDetail[] = [];
  const meta = readMeta(wb);

  let sheets: Worksheet[];
  let exportedPeriods: ReportingPeriod[] = [];
  if (meta) {
    try {
      const parsed: unknown = JSON.parse(meta.periods ?? '[]');
      if (Array.isArray(parsed)) {
        exportedPeriods = parsed.filter(
          (p): p is ReportingPeriod =>
            typeof p === 'object' &&
            p !== null &&
            typeof (p as ReportingPeriod).key === 'string' &&
            typeof (p as ReportingPeriod).label === 'string',
        );
      }
    } catch {
      exportedPeriods = [];
    }
    if (meta.format !== LEDGER_FORMAT) {
      throw new AppError('BAD_INPUT', otherWorkbook(fileName, '任务台账'), [
        { path: '_luoshi!B1', message: '不是系统导出的任务台账' },
      ]);
    }
    if (Number(meta.planId) !== ctx.planId) {
      throw new AppError('BAD_INPUT', `${fileName}是从另一份计划导出的台账：请导出本计划的台账填写后上传`, [
        { path: '_luoshi!B3', message: '不是本计划的台账' },
      ]);
    }
    let expected: string[] = [];
    try {
      const parsed: unknown = JSON.parse(meta.sheets ?? '');
      if (Array.isArray(parsed)) expected = parsed.map(String);
    } catch {
      expected = [];
    }
    if (expected.length === 0) {
      throw new AppError('BAD_INPUT', `${fileName}的隐藏说明页已损坏：请重新导出台账填写后上传`, [
        { path: '_luoshi!B5', message: '隐藏说明页中没有工作表清单' },
      ]);
    }
    const present = wb.worksheets
      .filter((ws) => ws.state === 'visible' || ws.state === 'hidden')
      .map((ws) => ws.name);
    sheets = [];
    for (const name of expected) {
      const ws = wb.getWorksheet(name);
      if (ws) sheets.push(ws);
      else problems.add(`${name}!A1`, missingSheet(name, present));
    }
  } else {
    sheets = wb.worksheets.filter((ws) => ws.state === 'visible' && findHeader(ws, LEDGER_COLUMNS.id));
    if (sheets.length === 0) {
      throw new AppError(
        'BAD_INPUT',
        `${fileName}中没有带“${LEDGER_COLUMNS.id}”列的工作表：请导出台账填写后上传`,
        [
          {
            path: `${wb.worksheets[0]?.name ?? 'Sheet1'}!A1`,
            message: noHeader(LEDGER_COLUMNS.id),
          },
        ],
      );
    }
  }

  const tasksById = new Map(ctx.tasks.map((t) => [t.id, t]));
  const unitsByName = new Map(ctx.units.map((u) => [normalise(u.name), u]));
  const unitName = new Map(ctx.units.map((u) => [u.id, u.name]));
  const seen = new Map<number, string>();
  const changes: LedgerChange[] = [];
  const handDowns: LedgerHandDown[] = [];
  let rowCount = 0;

  for (const ws of sheets) {
    const sheet = ws.name;
    const header = findHeader(ws, LEDGER_COLUMNS.id);
    if (!header) {
      problems.add(`${sheet}!A1`, noHeader(LEDGER_COLUMNS.id));
      continue;
    }
    const col = header.columns;
    // A 分解表 written by an office names the lead column 责任单位.
    const leadColumn = col.get(LEDGER_COLUMNS.lead) ?? col.get(RESPONSIBLE);
    if (leadColumn !== undefined) col.set(LEDGER_COLUMNS.lead, leadColumn);
    const missing = REQUIRED.filter((name) => !col.has(name));
    for (const name of missing) problems.add(`${sheet}!${header.row}:${header.row}`, missingColumn(name));
    if (missing.length > 0) continue;
    const periodCols = ctx.periods
      .map((p) => ({ period: p, col: col.get(normalise(progressHeader(p))) }))
      .filter((x): x is { period: ReportingPeriod; col: number } => x.col !== undefined);
    // Progress columns of the export that are not periods of the plan now (monthly became
    // quarterly): say that they are not imported rather than drop them silently.
    for (const p of exportedPeriods) {
      const c = col.get(normalise(progressHeader(p)));
      if (c !== undefined && !ctx.periods.some((q) => q.key === p.key)) {
        warnings.push({
          path: cellRef(sheet, header.row, c),
          message: `“${progressHeader(p)}”已不是本计划的报送期，该列未导入`,
        });
      }
    }

    for (const range of mergedRanges(ws)) {
      const r = decodeRange(range);
      if (r.bottom > header.row) problems.add(`${sheet}!${range}`, mergedCells(range));
    }

    const get = (row: number, name: string) => readCell(ws, row, col.get(name)!);
    const ref = (row: number, name: string) => cellRef(sheet, row, col.get(name)!);
    const editable = [
      LEDGER_COLUMNS.lead,
      LEDGER_COLUMNS.co,
      LEDGER_COLUMNS.leader,
      LEDGER_COLUMNS.deadline,
      LEDGER_COLUMNS.state,
    ];

    for (let r = header.row + 1; r <= ws.rowCount; r++) {
      const idCell = get(r, LEDGER_COLUMNS.id);
      const idRef = ref(r, LEDGER_COLUMNS.id);
      if (idCell.kind === 'empty') {
        const filled = [
          ...editable.filter((name) => get(r, name).kind !== 'empty'),
          ...periodCols
            .filter((p) => readCell(ws, r, p.col).kind !== 'empty')
            .map((p) => progressHeader(p.period)),
        ];
        if (filled.length > 0) {
          problems.add(
            idRef,
            `${rowWithoutKey(r, filled, LEDGER_COLUMNS.id)}：新增任务请在系统中添加，不能通过台账添加`,
          );
        }
        continue;
      }
      // A row with a bad, unknown or duplicate id still has its cells checked, so that one
      // upload lists every problem.
      const before = problems.size;
      const id = readInteger(idCell);
      let task: Task | undefined;
      if (id === undefined) {
        problems.add(idRef, `${LEDGER_COLUMNS.id}应为正整数（填的是“${describe(idCell)}”）`);
      } else if (seen.has(id)) {
        problems.add(idRef, duplicate(`${LEDGER_COLUMNS.id}${id}`, seen.get(id)!));
      } else {
        seen.set(id, idRef);
        task = tasksById.get(id);
        if (!task)
          problems.add(idRef, `本计划中没有${LEDGER_COLUMNS.id}为${id}的任务：请勿修改${LEDGER_COLUMNS.id}`);
        else rowCount++;
      }

      // 牵头单位
      const leadRead = get(r, LEDGER_COLUMNS.lead);
      let lead: number | null = null;
      const leadText = textOf(leadRead, ref(r, LEDGER_COLUMNS.lead), LEDGER_COLUMNS.lead, problems);
      let handDown: LedgerHandDown | undefined;
      if (leadText) {
        const unit = unitsByName.get(normalise(leadText));
        const below = unit || !ctx.lower ? undefined : parseHandDownCell(leadText, ctx.lower);
        if (unit) lead = unit.id;
        else if (below && below.ids.length > 0 && below.unknown.length === 0 && id !== undefined) {
          // The cell names jurisdictions below: the task goes down to them, its own lead stays.
          handDown = {
            taskId: id,
            jurisdictionIds: below.ids,
            path: ref(r, LEDGER_COLUMNS.lead),
            cell: leadText,
          };
        } else problems.add(ref(r, LEDGER_COLUMNS.lead), unknownUnit(LEDGER_COLUMNS.lead, leadText));
      }

      // 配合单位
      const coText = textOf(
        get(r, LEDGER_COLUMNS.co),
        ref(r, LEDGER_COLUMNS.co),
        LEDGER_COLUMNS.co,
        problems,
      );
      const co: number[] = [];
      for (const name of (coText ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
        const unit = unitsByName.get(normalise(name));
        if (!unit) problems.add(ref(r, LEDGER_COLUMNS.co), unknownUnit(LEDGER_COLUMNS.co, name));
        else if (!co.includes(unit.id)) co.push(unit.id);
      }

      // 责任领导
      const leader = textOf(
        get(r, LEDGER_COLUMNS.leader),
        ref(r, LEDGER_COLUMNS.leader),
        LEDGER_COLUMNS.leader,
        problems,
      );

      // 完成时限
      const deadline = readDate(get(r, LEDGER_COLUMNS.deadline), ref(r, LEDGER_COLUMNS.deadline), problems);

      // 状态
      const stateRead = get(r, LEDGER_COLUMNS.state);
      let state: TaskState | undefined;
      const stateText = textOf(stateRead, ref(r, LEDGER_COLUMNS.state), LEDGER_COLUMNS.state, problems);
      if (stateText === null) problems.add(ref(r, LEDGER_COLUMNS.state), emptyCell(LEDGER_COLUMNS.state));
      else if (stateText !== undefined) {
        state = parseTaskState(stateText);
        if (!state) {
          problems.add(
            ref(r, LEDGER_COLUMNS.state),
            `${LEDGER_COLUMNS.state}“${stateText}”不是可选的值：请填${oneOf(['未启动', '推进中', '已完成', '已销号'])}`,
          );
        }
      }

      // Progress per period
      const progress: { period: string; value: number | null; path: string }[] = [];
      for (const p of periodCols) {
        const path = cellRef(sheet, r, p.col);
        const value = readPercent(readCell(ws, r, p.col), path, progressHeader(p.period), problems);
        if (value !== undefined) progress.push({ period: p.period.key, value, path });
      }

      // Read-only columns
      const textRead = get(r, LEDGER_COLUMNS.text);
      if (task && textRead.kind !== 'empty' && normalise(cellText(textRead)) !== normalise(task.text)) {
        warnings.push({
          path: ref(r, LEDGER_COLUMNS.text),
          message: `${LEDGER_COLUMNS.text}是报告原文，不能在台账中修改，改动未导入`,
        });
      }

      if (!task || id === undefined || problems.size > before || state === undefined) continue;
      if (handDown) handDowns.push(handDown);
      // A lead unit that no longer exists was exported blank; blank is then not a change.
      const leadUnknown = task.leadUnitId !== null && !unitName.has(task.leadUnitId);
      if (!handDown && lead !== task.leadUnitId && !(lead === null && leadUnknown)) {
        changes.push({
          taskId: id,
          field: 'leadUnitId',
          before: task.leadUnitId,
          after: lead,
          path: ref(r, LEDGER_COLUMNS.lead),
        });
      }
      // Co-units compare as sets: reordering names is not a change, and names of units that
      // no longer exist cannot be typed back, so unknown ids are dropped from `before`.
      const coBefore = task.coUnitIds.filter((u) => unitName.has(u));
      if (coBefore.length !== co.length || coBefore.some((u) => !co.includes(u))) {
        changes.push({
          taskId: id,
          field: 'coUnitIds',
          before: task.coUnitIds,
          after: co,
          path: ref(r, LEDGER_COLUMNS.co),
        });
      }
      if ((leader ?? null) !== task.leader) {
        changes.push({
          taskId: id,
          field: 'leader',
          before: task.leader,
          after: leader ?? null,
          path: ref(r, LEDGER_COLUMNS.leader),
        });
      }
      if ((deadline ?? null) !== task.deadline) {
        changes.push({
          taskId: id,
          field: 'deadline',
          before: task.deadline,
          after: deadline ?? null,
          path: ref(r, LEDGER_COLUMNS.deadline),
        });
      }
      if (state !== task.state) {
        changes.push({
          taskId: id,
          field: 'state',
          before: task.state,
          after: state,
          path: ref(r, LEDGER_COLUMNS.state),
        });
      }
      const current = ctx.progress?.[id] ?? {};
      for (const p of progress) {
        const was = current[p.period] ?? null;
        if (was !== p.value) {
          changes.push({
            taskId: id,
            field: 'progress',
            period: p.period,
            before: was,
            after: p.value,
            path: p.path,
          });
        }
      }
    }
  }
  problems.throwIfAny('BAD_INPUT', `${fileName}未导入`);
  return { changes, handDowns, warnings, rows: rowCount, meta: meta ?? {} };
}

function describe(read: CellRead): string {
  return read.kind === 'uncalculated' ? '没有计算结果的公式' : cellText(read);
}

function readInteger(read: CellRead): number | undefined {
  if (read.kind === 'number' && Number.isInteger(read.value) && read.value > 0) return read.value;
  if (read.kind === 'string' && /^\s*\d+\s*$/.test(read.value)) return Number(read.value);
  return undefined;
}

/**
 * A text field: trimmed string (numbers are written as text), null when empty; undefined after
 * recording a problem (an error value, an uncalculated formula, a date or boolean).
 */
function textOf(
  read: CellRead,
  path: string,
  column: string,
  problems: ProblemList,
): string | null | undefined {
  switch (read.kind) {
    case 'empty':
      return null;
    case 'string':
      return read.value.trim();
    case 'number':
      return String(read.value);
    case 'uncalculated':
      problems.add(path, uncomputedFormula(column, '内容'));
      return undefined;
    case 'error':
      problems.add(path, cellError(column, read.value));
      return undefined;
    default:
      problems.add(path, `${column}应填文字（填的是“${cellText(read)}”）`);
      return undefined;
  }
}

function readDate(read: CellRead, path: string, problems: ProblemList): string | null | undefined {
  switch (read.kind) {
    case 'empty':
      return null;
    case 'date':
      return isoDate(read.value);
    case 'string': {
      const iso = parseDeadline(read.value);
      if (!iso)
        problems.add(
          path,
          `${LEDGER_COLUMNS.deadline}“${read.value.trim()}”不是日期：请写作2022-06-30或2022年6月底`,
        );
      return iso;
    }
    case 'uncalculated':
      problems.add(path, uncomputedFormula(LEDGER_COLUMNS.deadline, '日期'));
      return undefined;
    case 'error':
      problems.add(path, cellError(LEDGER_COLUMNS.deadline, read.value));
      return undefined;
    default:
      problems.add(path, `${LEDGER_COLUMNS.deadline}应填日期（填的是“${cellText(read)}”）`);
      return undefined;
  }
}

/** 0–100; a %-formatted cell (0.5 → 50) or "50%" text counts as percent. */
function readPercent(
  read: CellRead,
  path: string,
  column: string,
  problems: ProblemList,
): number | null | undefined {
  let value: number | undefined;
  switch (read.kind) {
    case 'empty':
      return null;
    case 'number':
      value = read.percent ? Math.round(read.value * 100 * 1e6) / 1e6 : read.value;
      break;
    case 'string': {
      const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(read.value);
      if (m) value = Number(m[1]);
      else {
        problems.add(path, `${column}应填0到100之间的数字（填的是“${read.value.trim()}”）`);
        return undefined;
      }
      break;
    }
    case 'uncalculated':
      problems.add(path, uncomputedFormula(column));
      return undefined;
    case 'error':
      problems.add(path, cellError(column, read.value));
      return undefined;
    default:
      problems.add(path, `${column}应填0到100之间的数字（填的是“${cellText(read)}”）`);
      return undefined;
  }
  if (!(value >= 0 && value <= 100)) {
    problems.add(path, `${column}应在0到100之间（填的是${value}）`);
    return undefined;
  }
  return value;
}

/**
 * A change in words for the import report: the column as the ledger names it and the values as
 * a person typed them ("区规划自然资源分局" → "区科委", "推进中" → "已完成").
 */
export function describeLedgerChange(
  change: LedgerChange,
  units: Unit[],
  periods: ReportingPeriod[] = [],
): { column: string; before: string; after: string } {
  const name = new Map(units.map((u) => [u.id, u.name]));
  const unit = (id: number | null) => (id === null ? '' : (name.get(id) ?? `#${id}`));
  switch (change.field) {
    case 'leadUnitId':
      return { column: LEDGER_COLUMNS.lead, before: unit(change.before), after: unit(change.after) };
    case 'coUnitIds':
      return {
        column: LEDGER_COLUMNS.co,
        before: change.before.map(unit).join('、'),
        after: change.after.map(unit).join('、'),
      };
    case 'leader':
      return { column: LEDGER_COLUMNS.leader, before: change.before ?? '', after: change.after ?? '' };
    case 'deadline':
      return { column: LEDGER_COLUMNS.deadline, before: change.before ?? '', after: change.after ?? '' };
    case 'state':
      return {
        column: LEDGER_COLUMNS.state,
        before: TASK_STATE_LABELS[change.before],
        after: TASK_STATE_LABELS[change.after],
      };
    case 'progress': {
      const period = periods.find((p) => p.key === change.period);
      return {
        column: period ? progressHeader(period) : `${change.period}进度(%)`,
        before: change.before === null ? '' : String(change.before),
        after: change.after === null ? '' : String(change.after),
      };
    }
  }
}
