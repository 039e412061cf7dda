/**
 * The cell readers of a filled form (data-call.ts, investment-call.ts) and of the office ledgers
 * (office-cells.ts): a row's id against what the form owes, text and numbers as offices type
 * them. Each returns the value, null for a blank cell, or undefined after recording its problem
 * with the cell ("任务进展!F5").
 */
import type { CellRead, ProblemList, Worksheet } from './xlsx.js';
import { cellError, duplicate, uncomputedFormula } from './sheet-problems.js';
import { cellText, readCell } from './xlsx.js';

/**
 * The row's id: undefined to skip the row (blank, or a blank row with nothing typed), null
 * after recording a problem.
 */
export function readId(
  ws: Worksheet,
  row: number,
  col: number,
  path: string,
  owed: Set<number>,
  seen: Map<number, string>,
  label: string,
  problems: ProblemList,
  hasData: () => boolean,
): number | null | undefined {
  const read = readCell(ws, row, col);
  if (read.kind === 'empty') {
    if (hasData())
      problems.add(path, `第${row}行填了内容但没有${label}：新增事项请在系统中添加，不要在表中添加`);
    return undefined;
  }
  const id =
    read.kind === 'number'
      ? read.value
      : read.kind === 'string' && /^\s*\d+\s*$/.test(read.value)
        ? Number(read.value)
        : NaN;
  if (!Number.isInteger(id) || id <= 0) {
    problems.add(path, `${label}应为正整数（填的是“${cellText(read)}”）`);
    return null;
  }
  if (!owed.has(id)) {
    problems.add(path, `${label}${id}不在本次报送范围内，请核对`);
    return null;
  }
  const first = seen.get(id);
  if (first) {
    problems.add(path, duplicate(`${label}${id}`, first));
    return null;
  }
  seen.set(id, path);
  return id;
}

export function readText(
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
    case 'date':
    case 'boolean':
      return cellText(read);
    case 'uncalculated':
      problems.add(path, uncomputedFormula(column, '内容'));
      return undefined;
    case 'error':
      problems.add(path, cellError(column, read.value));
      return undefined;
  }
}

/** A number as typed: 2680, "2,680", "50%" (percent columns), a %-formatted cell; null when blank. */
export function readNumber(
  read: CellRead,
  path: string,
  column: string,
  problems: ProblemList,
  percent: boolean,
): number | null | undefined {
  switch (read.kind) {
    case 'empty':
      return null;
    case 'number':
      return percent && read.percent ? Math.round(read.value * 100 * 1e6) / 1e6 : read.value;
    case 'string': {
      const s = read.value.trim().replace(/,/g, '');
      const m = percent ? /^(-?\d+(?:\.\d+)?)\s*%?$/.exec(s) : /^(-?\d+(?:\.\d+)?)$/.exec(s);
      if (m) return Number(m[1]);
      problems.add(path, `${column}应填数字（填的是“${read.value.trim()}”）`);
      return undefined;
    }
    case 'uncalculated':
      problems.add(path, uncomputedFormula(column));
      return undefined;
    case 'error':
      problems.add(path, cellError(column, read.value));
      return undefined;
    default:
      problems.add(path, `${column}应填数字（填的是“${cellText(read)}”）`);
      return undefined;
  }
}
