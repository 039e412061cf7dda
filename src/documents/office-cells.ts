/**
 * Cell readers for the 项目库 and 服务包 ledgers, on top of the data-call form's (`readText`,
 * `readNumber`): dates as offices write them, amounts in 亿元 or 万元, points, whole ids and
 * words from a closed list. Each returns the value, null for a blank cell, or undefined after
 * recording its problem with the cell ("项目库台账!H7").
 */
import { readNumber, readText } from './form-cells.js';
import { oneOf } from './sheet-problems.js';
import { parseDeadline } from './dates.js';
import type { CellRead, ProblemList } from './xlsx.js';
import { isoDate } from './xlsx.js';

/** A date cell, or text as offices write it (2022-06-30, 2022年6月底, 2022年底). */
export function readDateCell(
  read: CellRead,
  path: string,
  column: string,
  problems: ProblemList,
): string | null | undefined {
  if (read.kind === 'date') return isoDate(read.value);
  if (read.kind === 'number') {
    problems.add(path, `${column}应填日期（填的是数字${read.value}）`);
    return undefined;
  }
  const text = readText(read, path, column, problems);
  if (text === null || text === undefined) return text;
  const iso = parseDeadline(text);
  if (!iso) problems.add(path, `${column}“${text}”不是日期：请写作2022-06-30或2022年6月底`);
  return iso;
}

/** An amount ≥ 0: a number, or text with a thousands comma and the column's unit after it ("1.5亿元"). */
export function readAmountCell(
  read: CellRead,
  path: string,
  column: string,
  unit: '亿元' | '万元',
  problems: ProblemList,
): number | null | undefined {
  const bare: CellRead =
    read.kind === 'string'
      ? { ...read, value: read.value.trim().replace(new RegExp(`(${unit}|${unit[0]})$`), '') }
      : read;
  const value = readNumber(bare, path, column, problems, false);
  if (value === null || value === undefined) return value;
  if (value < 0) {
    problems.add(path, `${column}不能为负数（填的是${value}）`);
    return undefined;
  }
  return value;
}

/** "116.234567, 40.123456" (longitude, latitude; comma, ideographic comma or spaces between). */
export function readPointCell(
  read: CellRead,
  path: string,
  column: string,
  problems: ProblemList,
): { lng: number; lat: number } | null | undefined {
  const text = readText(read, path, column, problems);
  if (text === null || text === undefined) return text;
  const m = /^(-?\d+(?:\.\d+)?)\s*[,，、\s]\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  const point = m ? { lng: Number(m[1]), lat: Number(m[2]) } : undefined;
  if (!point || Math.abs(point.lng) > 180 || Math.abs(point.lat) > 90) {
    problems.add(path, `${column}“${text}”无法识别：请按“经度, 纬度”填写，如116.23, 40.22`);
    return undefined;
  }
  return point;
}

/** A whole number > 0 (an id column). */
export function readWholeCell(
  read: CellRead,
  path: string,
  column: string,
  problems: ProblemList,
): number | null | undefined {
  const value = readNumber(read, path, column, problems, false);
  if (value === null || value === undefined) return value;
  if (!Number.isInteger(value) || value <= 0) {
    problems.add(path, `${column}应为正整数（填的是${value}）`);
    return undefined;
  }
  return value;
}

/** One of the words a column allows (spaces ignored); the message lists `say` (default: every word). */
export function readChoiceCell<T>(
  read: CellRead,
  path: string,
  column: string,
  choices: ReadonlyMap<string, T>,
  problems: ProblemList,
  say: readonly string[] = [...choices.keys()],
): T | null | undefined {
  const text = readText(read, path, column, problems);
  if (text === null || text === undefined) return text;
  const found = choices.get(text.replace(/\s+/g, ''));
  if (found === undefined) problems.add(path, `${column}“${text}”不是可选的值：请填${oneOf(say)}`);
  return found;
}
