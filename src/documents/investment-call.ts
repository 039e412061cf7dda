/**
 * The monthly investment data call (项目投资月报): what one unit owes for one month on the projects
 * it leads — investment completed in the month (万元), 形象进度 and 入统 — to fill offline and
 * upload, built and read with the forms' own pieces (form-sheet.ts, form-cells.ts): yellow
 * unlocked cells, a protected sheet, the month on every row, the year's total to date as a
 * formula, the hidden `_luoshi` sheet naming the unit, month and projects owed. The parser checks
 * shape only; the domain applies the return (src/projects `applyInvestmentReturn`).
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Unit } from '../plan/types.js';
import { completedBetween, findAnnualPlan } from '../projects/investment.js';
import { monthEnd, owesInvestmentMonth } from '../projects/investment-return.js';
import type { InvestmentReturnLine } from '../projects/investment-return.js';
import { stageAt } from '../projects/stages.js';
import type { LibraryProject, StageModel } from '../projects/types.js';
import { parseDeadline } from './dates.js';
import { readId, readNumber, readText } from './form-cells.js';
import { mergedCells, missingColumn } from './sheet-problems.js';
import { addFormSheet } from './form-sheet.js';
import type { CellRead } from './xlsx.js';
import {
  ProblemList,
  WORKBOOK_LIMITS,
  cellRef,
  cellText,
  decodeRange,
  findHeader,
  isoDate,
  loadWorkbook,
  mergedRanges,
  newWorkbook,
  readCell,
  readMeta,
  workbookBuffer,
  writeMeta,
} from './xlsx.js';

export const INVESTMENT_CALL_FORMAT = 'luoshi-investment-call';
export const INVESTMENT_CALL_SHEET = '项目投资';

const COLUMNS = {
  seq: '序号',
  name: '项目名称',
  stage: '阶段',
  month: '月份',
  planned: '年度计划投资(万元)',
  amount: '本月完成投资(万元)',
  total: '本年累计完成(万元)',
  progress: '形象进度',
  stats: '入统',
  id: '项目ID',
} as const;

/** The 入统 cell's words (a day typed in the cell counts as 是 on that day). */
const STATS_WORDS = { yes: '是', no: '否' } as const;

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
  /** The latest 形象进度 by the month's end, carried forward so nothing is typed twice. */
  progress: string | null;
  /** The 入统 day when registered by the month's end, else null. */
  statsRegisteredOn: string | null;
}

export interface InvestmentCallInput {
  /** Shown in the title ("重大项目库"). */
  title: string;
  unit: Pick<Unit, 'id' | 'name'>;
  /** YYYY-MM */
  month: string;
  dueOn?: string;
  lines: InvestmentCallLine[];
}

/**
 * What a unit owes for a month (owesInvestmentMonth) on the projects it leads, by id; each with
 * the year's plan, the year's completed figure before the month, the month's figure if one is
 * recorded, the latest 形象进度 and the 入统 day by the month's end.
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
  const end = monthEnd(month);
  const previous =
    Number(month.slice(5, 7)) > 1
      ? `${year}-${String(Number(month.slice(5, 7)) - 1).padStart(2, '0')}`
      : null;
  const names = new Map(model.stages.map((s) => [s.id, s.name]));
  const lines: InvestmentCallLine[] = [];
  for (const p of args.projects) {
    if (p.leadUnitId !== args.unit.id || !owesInvestmentMonth(p, month, model)) continue;
    const stage = stageAt(p, end)!;
    const registered = p.statsRegisteredOn;
    lines.push({
      projectId: p.id,
      name: p.name,
      stage: names.get(stage) ?? stage,
      planned: findAnnualPlan(p, year)?.planned ?? null,
      completedBefore: previous ? completedBetween(p, `${year}-01`, previous) : 0,
      amount: p.investments.find((m) => m.month === month)?.amount ?? null,
      progress: p.progress.filter((r) => r.date <= end).at(-1)?.note ?? null,
      statsRegisteredOn: registered !== null && registered <= end ? registered : null,
    });
  }
  lines.sort((a, b) => a.projectId - b.projectId);
  return { title: args.title, unit: args.unit, month, ...(args.dueOn ? { dueOn: args.dueOn } : {}), lines };
}

function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/**
 * Writes the unit's form for the month: yellow cells for the month's figure, 形象进度 and 入统;
 * 本年累计完成 a formula over the month's cell (its value computed as written).
 */
export async function exportInvestmentCall(input: InvestmentCallInput): Promise<Buffer> {
  const wb = newWorkbook();
  const gap = '\u3000';
  const label = monthLabel(input.month);
  const firstRow = 4;
  await addFormSheet(
    wb,
    INVESTMENT_CALL_SHEET,
    {
      title: `${input.title}投资完成情况月报表（${label}）`,
      subtitle: `填报单位：${input.unit.name}${gap}报送期：${label}${input.dueOn ? `${gap}报送截止：${input.dueOn}` : ''}${gap}黄色单元格为填报内容；金额单位：万元`,
      columns: [
        { header: COLUMNS.seq, width: 6, center: true },
        { header: COLUMNS.name, width: 30 },
        { header: COLUMNS.stage, width: 10, center: true },
        { header: COLUMNS.month, width: 10, center: true },
        { header: COLUMNS.planned, width: 14, numFmt: '0.00' },
        { header: COLUMNS.amount, width: 16, numFmt: '0.00' },
        { header: COLUMNS.total, width: 16, numFmt: '0.00' },
        { header: COLUMNS.progress, width: 36 },
        { header: COLUMNS.stats, width: 12, center: true },
        { header: COLUMNS.id, width: 8, center: true },
      ],
      rows: input.lines.map((l, i) => [
        i + 1,
        l.name,
        l.stage,
        input.month,
        l.planned,
        l.amount,
        null,
        l.progress,
        l.statsRegisteredOn === null ? null : STATS_WORDS.yes,
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
      { column: 8 },
      {
        column: 9,
        validation: {
          type: 'list',
          allowBlank: true,
          formulae: [`"${STATS_WORDS.yes},${STATS_WORDS.no}"`],
        },
      },
    ],
  );
  const ws = wb.getWorksheet(INVESTMENT_CALL_SHEET)!;
  input.lines.forEach((l, i) => {
    const r = firstRow + i;
    ws.getCell(r, 7).value = {
      formula: `${Math.round(l.completedBefore * 100) / 100}+N(F${r})`,
      result: l.completedBefore + (l.amount ?? 0),
    };
  });
  writeMeta(wb, {
    format: INVESTMENT_CALL_FORMAT,
    version: '2',
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
  lines: (InvestmentReturnLine & {
    cells: { projectId: string; amount: string; progress: string; stats: string };
  })[];
}

/** The row's month: a date cell, or "2022-09", "2022年9月", "2022.9", "2022/09"; null when blank. */
function readMonth(read: CellRead, path: string, problems: ProblemList): string | null | undefined {
  if (read.kind === 'date') return isoDate(read.value).slice(0, 7);
  const text = readText(read, path, COLUMNS.month, problems);
  if (text === null || text === undefined) return text;
  const m = /^(\d{4})\s*(?:-|年|\.|\/)\s*(\d{1,2})\s*月?$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    problems.add(path, `${COLUMNS.month}“${text}”无法识别：请写作2022-09或2022年9月`);
    return undefined;
  }
  return `${m[1]}-${m[2]!.padStart(2, '0')}`;
}

/** The 入统 cell: 是 / 否 / a day (registered on it); null when blank. */
function readStats(
  read: CellRead,
  path: string,
  problems: ProblemList,
): InvestmentReturnLine['stats'] | undefined {
  if (read.kind === 'date') return { registered: true, on: isoDate(read.value) };
  const text = readText(read, path, COLUMNS.stats, problems);
  if (text === undefined || text === null || text === '') return text === '' ? null : text;
  const word = text.replace(/\s+/g, '');
  if (word === STATS_WORDS.yes) return { registered: true, on: null };
  if (word === STATS_WORDS.no) return { registered: false };
  const on = parseDeadline(word);
  if (on) return { registered: true, on };
  problems.add(path, `${COLUMNS.stats}“${text}”无法识别：请填“是”“否”或入统日期（如2022-09-15）`);
  return undefined;
}

/**
 * Reads a filled form. Throws AppError UNSUPPORTED_FORMAT for a non-.xlsx, BAD_INPUT when it is
 * for another unit or month or not such a form, or with one detail per bad cell (a missing sheet
 * or column, merged cells, a project not owed or repeated, a row of another month, an amount that
 * is not a number ≥ 0, an 入统 that is not 是, 否 or a day).
 */
export async function parseInvestmentCallWorkbook(
  bytes: Uint8Array,
  expected: { unitId: number; month: string },
  fileName = 'investment-call.xlsx',
): Promise<InvestmentCallSubmission> {
  const wb = await loadWorkbook(bytes, fileName, WORKBOOK_LIMITS.dataCall);
  const meta = readMeta(wb);
  const wrong = (message: string, detail: ErrorDetail) =>
    new AppError('BAD_INPUT', `${fileName}${message}`, [detail]);
  if (!meta || meta.format !== INVESTMENT_CALL_FORMAT)
    throw wrong('不是系统下载的项目投资月报表：请下载本单位本月的报表填写后上传', {
      path: '_luoshi!A1',
      message: '不是系统下载的项目投资月报表',
    });
  if (Number(meta.unitId) !== expected.unitId)
    throw wrong(`是${meta.unitName ?? '其他单位'}的报表，不是本单位的：请下载本单位的报表`, {
      path: '_luoshi!B3',
      message: '不是本单位的报表',
    });
  if (meta.month !== expected.month)
    throw wrong(
      `是${meta.month ?? '其他月份'}的报表，不是本次调度（${expected.month}）的：请下载本月的报表`,
      {
        path: `${INVESTMENT_CALL_SHEET}!A2`,
        message: `报表月份${meta.month ?? '不明'}与本次调度的${expected.month}不符`,
      },
    );
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
      `缺少工作表“${INVESTMENT_CALL_SHEET}”或其中没有“${COLUMNS.id}”列：请使用系统下载的报表，不要改动工作表和表头`,
    );
    problems.throwIfAny('BAD_INPUT', `${fileName}未能接收`);
  }
  const sheet = ws!;
  const columns = header!.columns;
  for (const c of [COLUMNS.month, COLUMNS.amount, COLUMNS.progress, COLUMNS.stats])
    if (!columns.has(c)) problems.add(`${sheet.name}!${header!.row}:${header!.row}`, missingColumn(c));
  for (const range of mergedRanges(sheet))
    if (decodeRange(range).bottom > header!.row) problems.add(`${sheet.name}!${range}`, mergedCells(range));
  problems.throwIfAny('BAD_INPUT', `${fileName}未能接收`);

  const col = (name: string) => columns.get(name)!;
  const seen = new Map<number, string>();
  const lines: InvestmentCallSubmission['lines'] = [];
  for (let r = header!.row + 1; r <= sheet.rowCount; r++) {
    const at = (name: string) => cellRef(sheet.name, r, col(name));
    const cell = (name: string) => readCell(sheet, r, col(name));
    const typed = [COLUMNS.amount, COLUMNS.progress, COLUMNS.stats];
    const id = readId(sheet, r, col(COLUMNS.id), at(COLUMNS.id), owed, seen, COLUMNS.id, problems, () =>
      typed.some((c) => cell(c).kind !== 'empty'),
    );
    if (id === undefined) continue;
    const month = readMonth(cell(COLUMNS.month), at(COLUMNS.month), problems);
    if (month === null)
      problems.add(at(COLUMNS.month), `${COLUMNS.month}不能为空：本次调度的是${expected.month}`);
    else if (month !== undefined && month !== expected.month)
      problems.add(
        at(COLUMNS.month),
        `${COLUMNS.month}“${cellText(cell(COLUMNS.month))}”不是本次调度的月份（${expected.month}）`,
      );
    const amount = readNumber(cell(COLUMNS.amount), at(COLUMNS.amount), COLUMNS.amount, problems, false);
    if (amount !== null && amount !== undefined && amount < 0)
      problems.add(at(COLUMNS.amount), `${COLUMNS.amount}不能为负数（填的是${amount}）`);
    const progress = readText(cell(COLUMNS.progress), at(COLUMNS.progress), COLUMNS.progress, problems);
    const stats = readStats(cell(COLUMNS.stats), at(COLUMNS.stats), problems);
    if (id === null || amount === undefined || progress === undefined || stats === undefined) continue;
    lines.push({
      projectId: id,
      amount,
      progress,
      stats,
      cells: {
        projectId: at(COLUMNS.id),
        amount: at(COLUMNS.amount),
        progress: at(COLUMNS.progress),
        stats: at(COLUMNS.stats),
      },
    });
  }
  problems.throwIfAny('BAD_INPUT', `${fileName}未能接收`);
  return { unitId: expected.unitId, month: expected.month, lines };
}
