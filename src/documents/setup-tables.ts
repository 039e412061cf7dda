/**
 * The tables of a jurisdiction's setup files (区域, 单位, 派单目录) read the same way from an
 * .xlsx sheet or a .csv file: a header row found by its columns, then each data row with its
 * row number and the text of each known column, so every problem can name its cell
 * (`单位!C7`, `单位.csv!C7`). Whether a file is a workbook or CSV is told from its bytes.
 */
import { AppError } from '../errors.js';
import { decodeText } from '../ingest/text.js';
import { parseCsv } from './csv.js';
import { sniffUpload } from './sniff.js';
import type { WorkbookLimits } from './xlsx.js';
import { cellText, columnLetter, loadWorkbook, mergedRanges, readCell } from './xlsx.js';
import type { ProblemList, Workbook } from './xlsx.js';

const MB = 1024 * 1024;

/**
 * Setup workbooks are small: a district's units and areas are a few hundred rows (about 30 KB
 * packed, 200 KB of XML). The caps leave room for a province's hundreds of streets and towns.
 */
export const SETUP_WORKBOOK_LIMITS: WorkbookLimits = {
  maxBytes: 10 * MB,
  zip: { maxEntries: 200, maxEntryBytes: 16 * MB, maxTotalBytes: 32 * MB, maxRatio: 200 },
};

/** One column of a table: its name in messages and the headers offices write for it. */
export interface ColumnSpec {
  key: string;
  headers: readonly string[];
  required?: boolean;
}

/** A data row: its 1-based row number in the file and the text of each column found. */
export interface TableRow {
  row: number;
  values: Map<string, string>;
}

/** A table read from a sheet or a CSV file, with what it takes to name a cell. */
export interface SetupTable {
  /** 单位 for a sheet, 单位.csv for a file: the part before `!` in a cell reference. */
  label: string;
  columns: Map<string, number>;
  rows: TableRow[];
  /** `单位!C7` for a column key and row number. */
  ref(key: string, row: number): string;
}

/** A setup file opened: a workbook's sheets, or one CSV file's lines. */
export type OpenedFile =
  | { kind: 'xlsx'; name: string; workbook: Workbook }
  | { kind: 'csv'; name: string; lines: { row: number; cells: string[] }[] };

/**
 * Opens a setup file from its bytes: an .xlsx within SETUP_WORKBOOK_LIMITS, or CSV text in
 * UTF-8, GBK/GB18030 or UTF-16. Throws AppError (the file named in its details) for anything
 * else: UNSUPPORTED_FORMAT, TOO_LARGE, UNPROCESSABLE; BAD_INPUT for a CSV syntax error.
 */
export async function openSetupFile(name: string, bytes: Uint8Array): Promise<OpenedFile> {
  const sniff = sniffUpload(bytes);
  if (sniff.kind === 'xlsx')
    return { kind: 'xlsx', name, workbook: await loadWorkbook(bytes, name, SETUP_WORKBOOK_LIMITS) };
  if (sniff.kind !== 'text') {
    const what =
      sniff.kind === 'ole'
        ? '旧版 Excel（.xls）或 Word 文件，请另存为 .xlsx'
        : sniff.kind === 'empty'
          ? '空文件'
          : `${sniff.kind} 文件`;
    throw new AppError('UNSUPPORTED_FORMAT', `${name} 不是 .xlsx 或 .csv 表格：${what}`, [
      { path: name, message: what },
    ]);
  }
  if (bytes.byteLength > SETUP_WORKBOOK_LIMITS.maxBytes) {
    throw new AppError('TOO_LARGE', `${name} 超过 ${SETUP_WORKBOOK_LIMITS.maxBytes / MB} MB`, [
      { path: name, message: `文件超过 ${SETUP_WORKBOOK_LIMITS.maxBytes / MB} MB` },
    ]);
  }
  const { records, errors } = parseCsv(decodeText(bytes).text);
  const syntax = errors[0];
  if (syntax) {
    throw new AppError('BAD_INPUT', `${name} 第 ${syntax.line} 行格式有误`, [
      { path: `${name}!${columnLetter(syntax.column)}${syntax.line}`, message: syntax.message },
    ]);
  }
  return {
    kind: 'csv',
    name,
    lines: records.map((r) => ({ row: r.line, cells: r.fields.map((f) => f.value) })),
  };
}

const normalise = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * Reads one table: the sheet `sheet` of a workbook (or its only sheet when `sheet` is absent),
 * or the CSV file. The header is the first of the top 10 rows holding every required column;
 * rows after it with nothing in any known column are skipped. Problems (a missing sheet or
 * column, merged cells, a formula without a value, an error value) go to `problems`;
 * undefined when the table cannot be read at all.
 */
export function readSetupTable(
  file: OpenedFile,
  sheet: string | undefined,
  columns: readonly ColumnSpec[],
  problems: ProblemList,
  /** Name the workbook with the sheet (`单位和区域.xlsx#单位!C7`) where several files are read. */
  withFileName = false,
): SetupTable | undefined {
  let label: string;
  let lines: { row: number; cells: (string | { problem: string })[] }[];
  if (file.kind === 'csv') {
    label = file.name;
    lines = file.lines;
  } else {
    const ws =
      sheet === undefined
        ? file.workbook.worksheets.find((w) => w.state === 'visible')
        : file.workbook.getWorksheet(sheet);
    if (!ws) {
      const names = file.workbook.worksheets.map((w) => w.name).join('、');
      problems.add(
        file.name,
        sheet === undefined ? '工作簿中没有工作表' : `工作簿中没有名为「${sheet}」的工作表（现有：${names}）`,
      );
      return undefined;
    }
    label = withFileName ? `${file.name}#${ws.name}` : ws.name;
    for (const range of mergedRanges(ws))
      problems.add(`${label}!${range}`, '有合并单元格：请取消合并，每行填写完整');
    lines = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const cells: (string | { problem: string })[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const read = readCell(ws, r, c);
        if (read.kind === 'uncalculated') cells.push({ problem: '公式没有计算结果：请直接填写数值' });
        else if (read.kind === 'error') cells.push({ problem: `单元格是错误值 ${read.value}` });
        else cells.push(cellText(read));
      }
      lines.push({ row: r, cells });
    }
  }
  const text = (cell: string | { problem: string } | undefined) =>
    typeof cell === 'string' ? cell.trim() : '';
  const required = columns.filter((c) => c.required);
  let header: { index: number; columns: Map<string, number> } | undefined;
  for (let i = 0; i < Math.min(10, lines.length) && !header; i++) {
    const found = new Map<string, number>();
    lines[i]!.cells.forEach((cell, c) => {
      const spec = columns.find((s) => s.headers.some((h) => normalise(h) === normalise(text(cell))));
      if (spec && !found.has(spec.key)) found.set(spec.key, c + 1);
    });
    if (required.every((c) => found.has(c.key))) header = { index: i, columns: found };
  }
  if (!header) {
    problems.add(
      `${label}!A1`,
      `前 10 行中没有表头：应有 ${required.map((c) => `「${c.headers[0]}」`).join('、')} 列`,
    );
    return undefined;
  }
  const ref = (key: string, row: number) => `${label}!${columnLetter(header.columns.get(key) ?? 1)}${row}`;
  const rows: TableRow[] = [];
  for (const line of lines.slice(header.index + 1)) {
    const values = new Map<string, string>();
    for (const [key, col] of header.columns) {
      const cell = line.cells[col - 1];
      if (typeof cell === 'object') problems.add(ref(key, line.row), cell.problem);
      const value = text(cell);
      if (value) values.set(key, value);
    }
    if (values.size > 0) rows.push({ row: line.row, values });
  }
  return { label, columns: header.columns, rows, ref };
}

/**
 * Splits a cell listing several names: 、，,；; and line breaks separate them.
 * @example splitNames('甲社区、乙社区；丙村') // ['甲社区', '乙社区', '丙村']
 */
export function splitNames(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[、，,；;\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
