/**
 * The monthly investment data call (项目投资月报): what one unit owes for one month on the projects
 * it leads — investment completed in the month (万元), 形象进度 and problems — to fill offline and
 * upload, built and read with the data-call form's own pieces (`addFormSheet`, `readId`,
 * `readText`, `readNumber` in data-call.ts): yellow unlocked cells, a protected sheet, the hidden
 * `_luoshi` sheet naming the unit, month and projects owed. The parser checks shape only; the
 * domain records the figures (src/projects `recordInvestment`, `addProgressReport`).
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { daysInMonth, isoDate } from '../plan/dates.js';
import type { Unit } from '../plan/types.js';
import { completedBetween, findAnnualPlan } from '../projects/investment.js';
import { roleIndex, stageAt, stageIndex } from '../projects/stages.js';
import type { LibraryProject, StageModel } from '../projects/types.js';
import { readId, readNumber, readText } from './form-cells.js';
import { addFormSheet } from './form-sheet.js';
import {
  ProblemList,
  WORKBOOK_LIMITS,
  cellRef,
  decodeRange,
  findHeader,
  loadWorkbook,
  mergedRanges,
  newWorkbook,
  readCell,
  readMeta,
  workbookBuffer,
  writeMeta,
} from './xlsx.js';

export const INVESTMENT_CALL_FORMAT = 'luoshi-investment-call';
export const INVESTMENT_CALL_SHEET = '项目投资进度';

const COLUMNS = {
  seq: '序号',
  name: '项目名称',
  stage: '阶段',
  planned: '年度计划投资(万元)',
  before: '截至上月累计完成(万元)',
  amount: '本月完成投资(万元)',
  progress: '形象进度',
  issues: '存在问题',
  id: '项目ID',
} as const;

export interface InvestmentCallLine {
  projectId: number;
  name: string;
  stage: string;
  /** The year's plan, 万元; null without one. */
  planned: number | null;
  /** Completed in the year before the month, 万元. */
  completedBefore: number;
  /** What is already recorded for the month (a form downloaded again), carried into the cells. */
  amount: number | null;
  /** The latest 形象进度, carried forward so nothing is typed twice. */
  progress: string | null;
}

export interface InvestmentCallInput {
  /** Shown in the title ("示例区重点项目"). */
  title: string;
  unit: Pick<Unit, 'id' | 'name'>;
  /** YYYY-MM */
  month: string;
  dueOn?: string;
  lines: InvestmentCallLine[];
}

/**
 * What a unit owes for a month: the projects it leads that are in the library that month and
 * either under construction (from the `started` role's stage to before `completed`'s) or have a
 * plan for the year, by id; each with the year's plan, the year's completed figure before the
 * month, the month's figure if one is recorded and the latest 形象进度.
 */
export function deriveInvestmentCallInput(args: {
  title: string;
  unit: Pick<Unit, 'id' | 'name'>;
  month: string;
  dueOn?: string;
  projects: Iterable<LibraryProject>;
  model: StageModel;
}): InvestmentCallInput {
  const { month, model } = args;
  const year = Number(month.slice(0, 4));
  const first = `${month}-01`;
  const monthEnd = isoDate(year, Number(month.slice(5, 7)), daysInMonth(year, Number(month.slice(5, 7))));
  const started = roleIndex(model, 'started');
  const completed = roleIndex(model, 'completed');
  const previous =
    Number(month.slice(5, 7)) > 1
      ? `${year}-${String(Number(month.slice(5, 7)) - 1).padStart(2, '0')}`
      : null;
  const names = new Map(model.stages.map((s) => [s.id, s.name]));
  const lines: InvestmentCallLine[] = [];
  for (const p of args.projects) {
    if (p.leadUnitId !== args.unit.id || (p.exited && p.exited.date < first)) continue;
    // Its stage at the month's end: a project started during the month owes the month.
    const stage = stageAt(p, monthEnd);
    const at = stage === undefined ? -1 : stageIndex(model, stage);
    const plan = findAnnualPlan(p, year);
    if (at < 0 || (!(at >= started && at < completed) && !plan)) continue;
    const recorded = p.investments.find((m) => m.month === month);
    lines.push({
      projectId: p.id,
      name: p.name,
      stage: names.get(stage!) ?? stage!,
      planned: plan?.planned ?? null,
      completedBefore: previous ? completedBetween(p, `${year}-01`, previous) : 0,
      amount: recorded?.amount ?? null,
      progress: p.progress.at(-1)?.note ?? null,
    });
  }
  lines.sort((a, b) => a.projectId - b.projectId);
  return { title: args.title, unit: args.unit, month, ...(args.dueOn ? { dueOn: args.dueOn } : {}), lines };
}

function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** Writes the unit's form for the month: yellow cells for the month's figure, 形象进度 and problems. */
export async function exportInvestmentCall(input: InvestmentCallInput): Promise<Buffer> {
  const wb = newWorkbook();
  const gap = '\u3000';
  const label = monthLabel(input.month);
  await addFormSheet(
    wb,
    INVESTMENT_CALL_SHEET,
    {
      title: `${input.title}投资完成情况填报表（${label}）`,
      subtitle: `填报单位：${input.unit.name}${gap}报送期：${label}${input.dueOn ? `${gap}报送截止：${input.dueOn}` : ''}${gap}黄色单元格为填报内容；金额单位：万元`,
      columns: [
        { header: COLUMNS.seq, width: 6, center: true },
        { header: COLUMNS.name, width: 30 },
        { header: COLUMNS.stage, width: 10, center: true },
        { header: COLUMNS.planned, width: 14, numFmt: '0.00' },
        { header: COLUMNS.before, width: 16, numFmt: '0.00' },
        { header: COLUMNS.amount, width: 16, numFmt: '0.00' },
        { header: COLUMNS.progress, width: 36 },
        { header: COLUMNS.issues, width: 30 },
        { header: COLUMNS.id, width: 8, center: true },
      ],
      rows: input.lines.map((l, i) => [
        i + 1,
        l.name,
        l.stage,
        l.planned,
        l.completedBefore,
        l.amount,
        l.progress,
        null,
        l.projectId,
      ]),
    },
    [
      {
        column: 6,
        validation: {
          type: 'decimal',
          operator: 'greaterThanOrEqual',
          allowBlank: true,
          formulae: [0],
          showErrorMessage: true,
          errorTitle: '本月完成投资',
          error: '请填写不小于0的金额（万元）',
        },
      },
      { column: 7 },
      { column: 8 },
    ],
  );
  writeMeta(wb, {
    format: INVESTMENT_CALL_FORMAT,
    version: '1',
    unitId: String(input.unit.id),
    unitName: input.unit.name,
    month: input.month,
    projects: JSON.stringify(input.lines.map((l) => l.projectId)),
  });
  return workbookBuffer(wb);
}

export interface InvestmentCallSubmission {
  unitId: number;
  month: string;
  lines: {
    projectId: number;
    /** 万元; null when left blank (the domain decides whether the report is complete). */
    amount: number | null;
    progress: string | null;
    issues: string | null;
    cells: { amount: string; progress: string; issues: string };
  }[];
}

/**
 * Reads a filled form. Throws AppError UNSUPPORTED_FORMAT for a non-.xlsx, BAD_INPUT when it is
 * for another unit or month or not such a form, or with one detail per bad cell (a missing sheet
 * or column, merged cells, a project not owed or repeated, an amount that is not a number ≥ 0).
 */
export async function parseInvestmentCallWorkbook(
  bytes: Uint8Array,
  expected: { unitId: number; month: string },
  fileName = 'investment-call.xlsx',
): Promise<InvestmentCallSubmission> {
  const wb = await loadWorkbook(bytes, fileName, WORKBOOK_LIMITS.dataCall);
  const meta = readMeta(wb);
  const wrong = (message: string, detail: ErrorDetail) =>
    new AppError('BAD_INPUT', `${fileName}: ${message}`, [detail]);
  if (!meta || meta.format !== INVESTMENT_CALL_FORMAT)
    throw wrong('not a Luoshi investment form: download the form for your unit and month', {
      path: '_luoshi!A1',
      message: meta ? `format ${meta.format}` : 'no _luoshi sheet',
    });
  if (Number(meta.unitId) !== expected.unitId)
    throw wrong(`the form is for ${meta.unitName ?? `unit ${meta.unitId}`}, not unit ${expected.unitId}`, {
      path: '_luoshi!B3',
      message: 'unit mismatch',
    });
  if (meta.month !== expected.month)
    throw wrong(`the form is for ${meta.month}, not ${expected.month}`, {
      path: '_luoshi!B5',
      message: 'month mismatch',
    });
  let owed: Set<number>;
  try {
    const ids: unknown = JSON.parse(meta.projects ?? '[]');
    owed = new Set(Array.isArray(ids) ? ids.map(Number) : []);
  } catch {
    owed = new Set();
  }
  const problems = new ProblemList();
  const ws = wb.getWorksheet(INVESTMENT_CALL_SHEET);
  const header = ws ? findHeader(ws, COLUMNS.id) : undefined;
  if (!ws || !header) {
    problems.add(
      `${INVESTMENT_CALL_SHEET}!A1`,
      `sheet "${INVESTMENT_CALL_SHEET}" is missing, renamed or has no ${COLUMNS.id} column`,
    );
    problems.throwIfAny('BAD_INPUT', `${fileName} was not accepted`);
  }
  const sheet = ws!;
  const columns = header!.columns;
  for (const c of [COLUMNS.amount, COLUMNS.progress, COLUMNS.issues])
    if (!columns.has(c))
      problems.add(`${sheet.name}!${header!.row}:${header!.row}`, `missing required column ${c}`);
  for (const range of mergedRanges(sheet))
    if (decodeRange(range).bottom > header!.row)
      problems.add(`${sheet.name}!${range}`, `merged cells in the data rows (${range})`);
  problems.throwIfAny('BAD_INPUT', `${fileName} was not accepted`);

  const col = (name: string) => columns.get(name)!;
  const seen = new Map<number, string>();
  const lines: InvestmentCallSubmission['lines'] = [];
  for (let r = header!.row + 1; r <= sheet.rowCount; r++) {
    const at = (name: string) => cellRef(sheet.name, r, col(name));
    const typed = [COLUMNS.amount, COLUMNS.progress, COLUMNS.issues];
    const id = readId(sheet, r, col(COLUMNS.id), at(COLUMNS.id), owed, seen, COLUMNS.id, problems, () =>
      typed.some((c) => readCell(sheet, r, col(c)).kind !== 'empty'),
    );
    if (id === undefined) continue;
    const amount = readNumber(
      readCell(sheet, r, col(COLUMNS.amount)),
      at(COLUMNS.amount),
      COLUMNS.amount,
      problems,
      false,
    );
    if (amount !== null && amount !== undefined && amount < 0)
      problems.add(at(COLUMNS.amount), `${COLUMNS.amount} must not be negative, got ${amount}`);
    const progress = readText(
      readCell(sheet, r, col(COLUMNS.progress)),
      at(COLUMNS.progress),
      COLUMNS.progress,
      problems,
    );
    const issues = readText(
      readCell(sheet, r, col(COLUMNS.issues)),
      at(COLUMNS.issues),
      COLUMNS.issues,
      problems,
    );
    if (id === null || amount === undefined || progress === undefined || issues === undefined) continue;
    lines.push({
      projectId: id,
      amount,
      progress,
      issues,
      cells: { amount: at(COLUMNS.amount), progress: at(COLUMNS.progress), issues: at(COLUMNS.issues) },
    });
  }
  problems.throwIfAny('BAD_INPUT', `${fileName} was not accepted`);
  return { unitId: expected.unitId, month: expected.month, lines };
}
