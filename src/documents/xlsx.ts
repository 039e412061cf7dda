/**
 * exceljs helpers shared by every workbook Luoshi writes or reads: the office look (title row,
 * bold bordered header, A4 landscape fitted to width) and a strict cell reader that says what
 * a cell holds, where, and whether it came from a formula.
 */
import ExcelJS from 'exceljs';
import type { ErrorDetail } from '../errors.js';
import { AppError } from '../errors.js';
import { inflateZip, storeZip } from '../ingest/zip.js';
import type { ZipCaps } from '../ingest/zip.js';
import { assertXlsx } from './sniff.js';

export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export const BODY_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10 };
export const HEADER_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 10, bold: true };
export const TITLE_FONT: Partial<ExcelJS.Font> = { name: '方正小标宋简体', size: 16, bold: true };

export function newWorkbook(): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Luoshi 落实';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  return wb;
}

/** Column spec for `addTable`: a header, a width in characters, and optional hidden/number format. */
export interface SheetColumn {
  header: string;
  width: number;
  hidden?: boolean;
  numFmt?: string;
  /** Centre short values (序号, dates, states). */
  center?: boolean;
}

export interface TableLayout {
  /** Row number of the header (after the title rows). */
  headerRow: number;
  /** First and last data rows (lastRow < firstRow when there is no data). */
  firstRow: number;
  lastRow: number;
}

/**
 * Writes a titled, bordered table into `ws`: row 1 the title (merged across), row 2 an
 * optional subtitle, then the header and the rows; freezes the header, wraps text, and sets
 * an A4 landscape page fitted to one page wide with the header repeated on every page.
 * Data cells of a column share one style object (exceljs writes faster): to restyle a single
 * cell afterwards, assign it a new `cell.style`, never `cell.fill =` (that changes the column).
 */
export function addTable(
  ws: Worksheet,
  spec: {
    title: string;
    subtitle?: string;
    columns: SheetColumn[];
    rows: (string | number | Date | null | undefined)[][];
    /** Row indexes (0-based into rows) to show as group rows: bold, filled. */
    groupRows?: Set<number>;
    portrait?: boolean;
  },
): TableLayout {
  const n = spec.columns.length;
  ws.columns = spec.columns.map((c) => ({ width: c.width, hidden: c.hidden ?? false }));
  ws.getCell(1, 1).value = spec.title;
  ws.mergeCells(1, 1, 1, n);
  const titleCell = ws.getCell(1, 1);
  titleCell.font = TITLE_FONT;
  titleCell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 32;
  let headerRow = 2;
  if (spec.subtitle !== undefined) {
    ws.getCell(2, 1).value = spec.subtitle;
    ws.mergeCells(2, 1, 2, n);
    ws.getCell(2, 1).font = { ...BODY_FONT, italic: false };
    ws.getCell(2, 1).alignment = { horizontal: 'right' };
    headerRow = 3;
  }
  const header = ws.getRow(headerRow);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = HEADER_FONT;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  header.height = 30;
  // One style object per column and row kind, shared by its cells: exceljs then writes the
  // workbook several times faster than with a fresh object per cell.
  const styleOf = (c: SheetColumn, group: boolean): Partial<ExcelJS.Style> => ({
    border: THIN,
    font: group ? { ...BODY_FONT, bold: true } : BODY_FONT,
    alignment: { vertical: 'middle', wrapText: true, horizontal: c.center ? 'center' : 'left' },
    ...(c.numFmt ? { numFmt: c.numFmt } : {}),
    ...(group ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } } : {}),
  });
  const bodyStyles = spec.columns.map((c) => styleOf(c, false));
  const groupStyles = spec.columns.map((c) => styleOf(c, true));
  spec.rows.forEach((values, r) => {
    const row = ws.getRow(headerRow + 1 + r);
    const styles = spec.groupRows?.has(r) ? groupStyles : bodyStyles;
    spec.columns.forEach((_, i) => {
      const cell = row.getCell(i + 1);
      const v = values[i];
      cell.value = v === undefined ? null : v;
      cell.style = styles[i]!;
    });
  });
  const lastRow = headerRow + spec.rows.length;
  ws.views = [
    { state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: 'A1' },
  ];
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: spec.portrait ? 'portrait' : 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printArea: `A1:${columnLetter(n)}${Math.max(lastRow, headerRow)}`,
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
  return { headerRow, firstRow: headerRow + 1, lastRow };
}

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let c = col;
  while (c > 0) {
    const m = (c - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    c = Math.floor((c - 1) / 26);
  }
  return s;
}

/** Sheet names: at most 31 characters, none of `[]:*?/\`, unique within the workbook. */
export function safeSheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 28)}(${i})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** The hidden sheet that carries what a round-trip needs (plan id, layout, sheet names). */
export const META_SHEET = '_luoshi';

export function writeMeta(wb: Workbook, meta: Record<string, string>): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  for (const [k, v] of Object.entries(meta)) ws.addRow([k, v]);
}

/** The meta sheet's key/value pairs, or undefined when the workbook has none. */
export function readMeta(wb: Workbook): Record<string, string> | undefined {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) return undefined;
  const meta: Record<string, string> = {};
  // Read through readCell: LibreOffice re-saves mixed-script strings as rich text.
  for (let r = 1; r <= ws.rowCount; r++) {
    const k = cellText(readCell(ws, r, 1));
    if (k) meta[k] = cellText(readCell(ws, r, 2));
  }
  return meta;
}

/** Uploads above this are refused before parsing (a ledger of 10,000 tasks is about 0.6 MB). */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

/** What one kind of workbook may weigh: its file, and its zip once inflated (see ZipCaps). */
export interface WorkbookLimits {
  maxBytes: number;
  zip: Omit<ZipCaps, 'what'>;
}

const MB = 1024 * 1024;

/**
 * Limits per kind of workbook, counted on the real inflated bytes while streaming. Measured
 * with exceljs's own exports: a 任务分解表 of 10,000 tasks is 0.55 MB packed and 8 MB of XML
 * (exceljs then needs about 65 MB of heap); a unit's data-call form is about 10 KB packed and
 * 27 KB of XML, 210 KB for 500 lines. Decision 28 (docs/DECISIONS.md).
 */
export const WORKBOOK_LIMITS = {
  ledger: {
    maxBytes: MAX_WORKBOOK_BYTES,
    zip: { maxEntries: 1000, maxEntryBytes: 24 * MB, maxTotalBytes: 24 * MB, maxRatio: 200 },
  },
  dataCall: {
    maxBytes: MAX_WORKBOOK_BYTES,
    zip: { maxEntries: 200, maxEntryBytes: 4 * MB, maxTotalBytes: 8 * MB, maxRatio: 200 },
  },
} as const satisfies Record<string, WorkbookLimits>;

/**
 * Reads .xlsx bytes within `limits` (default: a ledger's). The zip is inflated first with
 * hard caps while streaming (inflateZip), and exceljs reads only what was inflated, stored,
 * so it never inflates anything itself. CSV, .docx and anything else give AppError
 * UNSUPPORTED_FORMAT; a file over `maxBytes`, or inflating beyond the caps, TOO_LARGE; a
 * damaged zip UNPROCESSABLE.
 */
export async function loadWorkbook(
  bytes: Uint8Array,
  fileName?: string,
  limits: WorkbookLimits = WORKBOOK_LIMITS.ledger,
): Promise<Workbook> {
  const name = fileName ?? '上传的文件';
  if (bytes.byteLength > limits.maxBytes) {
    throw new AppError('TOO_LARGE', `${name}超过${megabytes(limits.maxBytes)}，不能上传`, [
      {
        path: name,
        message: `文件大小${megabytes(bytes.byteLength)}，超过上限${megabytes(limits.maxBytes)}`,
      },
    ]);
  }
  assertXlsx(bytes, fileName);
  const zip = await inflateZip(bytes, { ...limits.zip, what: `工作簿${name}` }).catch((error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, error.message, [{ path: name, message: error.message }]);
  });
  if (!zip.entries.has('xl/workbook.xml')) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${name}不是Excel工作簿（.xlsx）：请上传从系统下载、用Excel或WPS填写后保存的.xlsx文件`,
      [{ path: name, message: '文件中没有工作簿内容，不是.xlsx文件' }],
    );
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(storeZip(zip.entries) as unknown as ArrayBuffer);
  } catch {
    throw new AppError(
      'UNPROCESSABLE',
      `${name}已损坏，无法读取：请用Excel或WPS打开后重新保存为.xlsx再上传`,
      [{ path: name, message: '文件已损坏，无法按.xlsx读取' }],
    );
  }
  return wb;
}

/** A size as offices write it: "8 MB", "0.5 MB". */
function megabytes(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
}

export async function workbookBuffer(wb: Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What a cell holds, typed; formulas give their cached result (`formula: true`). */
export type CellRead =
  | { kind: 'empty'; formula: boolean }
  | { kind: 'string'; value: string; formula: boolean }
  | { kind: 'number'; value: number; formula: boolean; percent: boolean }
  | { kind: 'date'; value: Date; formula: boolean }
  | { kind: 'boolean'; value: boolean; formula: boolean }
  | { kind: 'error'; value: string; formula: boolean }
  /** A formula with no stored result (written by a tool that does not calculate). */
  | { kind: 'uncalculated'; formula: true };

/**
 * Reads one cell. Decision (docs in ledger-import): a formula counts as the value Excel last
 * computed for it, because offices do use =SUM and =DATE; a formula without a stored result
 * is refused rather than guessed.
 */
export function readCell(ws: Worksheet, row: number, col: number): CellRead {
  const cell = ws.getCell(row, col);
  // A percent format scales the stored value (0.5 shows as 50%); a quoted "%" does not.
  const percent = typeof cell.numFmt === 'string' && cell.numFmt.replace(/"[^"]*"|\\./g, '').includes('%');
  return classify(cell.value, false, percent);
}

function classify(v: ExcelJS.CellValue | undefined, formula: boolean, percent: boolean): CellRead {
  if (v === null || v === undefined) return { kind: 'empty', formula };
  if (typeof v === 'string')
    return v.trim() === '' ? { kind: 'empty', formula } : { kind: 'string', value: v, formula };
  if (typeof v === 'number') return { kind: 'number', value: v, formula, percent };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v, formula };
  if (v instanceof Date) return { kind: 'date', value: v, formula };
  if (typeof v === 'object') {
    if ('richText' in v) {
      const text = v.richText.map((r) => r.text).join('');
      return text.trim() === '' ? { kind: 'empty', formula } : { kind: 'string', value: text, formula };
    }
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result;
      if (result === undefined) return { kind: 'uncalculated', formula: true };
      return classify(result, true, percent);
    }
    if ('error' in v) return { kind: 'error', value: String(v.error), formula };
    if ('hyperlink' in v) {
      const text = typeof v.text === 'string' ? v.text : '';
      return text.trim() === '' ? { kind: 'empty', formula } : { kind: 'string', value: text, formula };
    }
  }
  return { kind: 'string', value: String(v as unknown), formula };
}

/** Cell text for messages and string fields: numbers and dates as written. */
export function cellText(read: CellRead): string {
  switch (read.kind) {
    case 'string':
      return read.value.trim();
    case 'number':
      return String(read.value);
    case 'date':
      return isoDate(read.value);
    case 'boolean':
      return read.value ? 'TRUE' : 'FALSE';
    case 'error':
      return read.value;
    default:
      return '';
  }
}

/** exceljs reads dates as UTC midnight of the serial's day. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `Sheet!C7`, the path used in every error detail. */
export function cellRef(sheet: string, row: number, col: number): string {
  return `${sheet}!${columnLetter(col)}${row}`;
}

/** Merged ranges of a worksheet ("A1:D1"). */
export function mergedRanges(ws: Worksheet): string[] {
  return ((ws.model as { merges?: string[] }).merges ?? []).slice();
}

/** Decodes "B3:D4" → numbers. */
export function decodeRange(range: string): { top: number; left: number; bottom: number; right: number } {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range.replaceAll('$', ''));
  if (!m) return { top: 0, left: 0, bottom: 0, right: 0 };
  const col = (s: string) => [...s].reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0);
  const top = Number(m[2]);
  const left = col(m[1]!);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? col(m[3]) : left };
}

/**
 * Finds the header row: the first of the top `scan` rows that holds `anchor`; returns the
 * map header text → column. Undefined when no row has it.
 */
export function findHeader(
  ws: Worksheet,
  anchor: string,
  scan = 10,
): { row: number; columns: Map<string, number> } | undefined {
  for (let r = 1; r <= Math.min(scan, Math.max(ws.rowCount, 1)); r++) {
    const columns = new Map<string, number>();
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) {
      const text = cellText(readCell(ws, r, c)).replace(/\s+/g, '');
      if (text && !columns.has(text)) columns.set(text, c);
    }
    if (columns.has(anchor)) return { row: r, columns };
  }
  return undefined;
}

/** Collects problems and throws them all at once as one AppError. */
export class ProblemList {
  readonly items: ErrorDetail[] = [];
  add(path: string, message: string): void {
    this.items.push({ path, message });
  }
  get size(): number {
    return this.items.length;
  }
  /** `what` says what was refused ("台账.xlsx未导入"); the count follows it. */
  throwIfAny(code: 'BAD_INPUT' | 'UNPROCESSABLE', what: string): void {
    if (this.items.length === 0) return;
    throw new AppError(code, `${what}：共${this.items.length}处问题，请修改后重新上传`, this.items);
  }
}
