/**
 * Lists of work (清单) imported from any .xlsx or .docx an office already has: every visible
 * sheet and every Word table with a recognisable header row becomes rows of items, each cell
 * keeping its reference (`任务清单!C7`, `表1第7行第3列`) so that every problem is named where it
 * is. Both formats are inflated by the capped zip reader (src/ingest/zip.ts) first; exceljs and
 * mammoth read only the stored copy of what it inflated.
 */
import mammoth from 'mammoth';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { DOCX_ZIP_CAPS } from '../ingest/limits.js';
import { inflateZip, storeZip } from '../ingest/zip.js';
import type { ListRowDraft } from '../sources/list.js';
import { sniffUpload } from './sniff.js';
import { readListGrid } from './work-list-rows.js';
import type { CellGrid } from './work-list-rows.js';
import { cellRef, cellText, loadWorkbook, readCell } from './xlsx.js';
import type { WorkbookLimits } from './xlsx.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const MB = 1024 * 1024;
/** A list of a few thousand rows is well under 1 MB packed and a few MB of XML. */
export const WORK_LIST_LIMITS: WorkbookLimits = {
  maxBytes: 20 * MB,
  zip: { maxEntries: 500, maxEntryBytes: 16 * MB, maxTotalBytes: 24 * MB, maxRatio: 200 },
};
/** Rows read per sheet or table at most: a list is not a database. */
export const MAX_LIST_ROWS = 5000;

export interface WorkListRead {
  rows: ListRowDraft[];
  /** The sheets or tables the rows came from, and the ones without a list header. */
  tables: { name: string; rows: number }[];
  skipped: string[];
}

/** The grids of a workbook's visible sheets. */
async function workbookGrids(bytes: Uint8Array, fileName: string): Promise<CellGrid[]> {
  const wb = await loadWorkbook(bytes, fileName, WORK_LIST_LIMITS);
  const grids: CellGrid[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    const rows: CellGrid['rows'] = [];
    const last = Math.min(ws.rowCount, MAX_LIST_ROWS + 10);
    for (let r = 1; r <= last; r++) {
      const cells = [];
      for (let c = 1; c <= Math.min(ws.columnCount, 50); c++) {
        cells.push({ text: cellText(readCell(ws, r, c)), cell: cellRef(ws.name, r, c) });
      }
      rows.push({ cells, label: `${ws.name}!${r}` });
    }
    grids.push({ name: ws.name, rows });
  }
  return grids;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!('childNodes' in node)) return '';
  const parts = node.childNodes.map(textOf);
  // Paragraphs inside a cell are joined by a line break, as Word shows them.
  return node.nodeName === 'p' ? `${parts.join('')}\n` : parts.join('');
}

function elements(node: Node, name: string, out: Element[] = [], stopAt?: string): Element[] {
  if (!('childNodes' in node)) return out;
  for (const child of node.childNodes) {
    if (child.nodeName === name) out.push(child as Element);
    else if (child.nodeName !== stopAt) elements(child, name, out, stopAt);
  }
  return out;
}

const span = (el: Element, name: string) =>
  Math.max(1, Number(el.attrs.find((a) => a.name === name)?.value ?? 1) || 1);

/** The grids of a Word document's top-level tables, merged cells spread over their span. */
async function documentGrids(bytes: Uint8Array): Promise<CellGrid[]> {
  const { entries } = await inflateZip(
    bytes,
    { ...DOCX_ZIP_CAPS, what: '清单Word文件' },
    { keep: (n) => /\.(xml|rels)$/i.test(n) },
  );
  if (!entries.has('word/document.xml'))
    throw new AppError('UNSUPPORTED_FORMAT', '这不是Word文档（.docx）：文件中没有正文部分');
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: storeZip(entries) }));
  } catch {
    throw new AppError('UNPROCESSABLE', 'Word文件已损坏，无法读取：请用Word或WPS打开后重新保存');
  }
  const tables = elements(parse(html), 'table', [], 'table');
  return tables.map((table, t) => {
    const name = `表${t + 1}`;
    const grid: CellGrid['rows'] = [];
    const carried: (string | undefined)[][] = [];
    elements(table, 'tr', [], 'table')
      .slice(0, MAX_LIST_ROWS + 10)
      .forEach((tr, r) => {
        const cells: CellGrid['rows'][number]['cells'] = [];
        let col = 0;
        const place = (text: string) => {
          cells[col] = { text, cell: `${name}第${r + 1}行第${col + 1}列` };
          col++;
        };
        const tds = tr.childNodes.filter((n): n is Element => n.nodeName === 'td' || n.nodeName === 'th');
        for (const td of tds) {
          while (carried[r]?.[col] !== undefined) place(carried[r]![col]!);
          const text = textOf(td).trim();
          const rows = span(td, 'rowspan');
          const cols = span(td, 'colspan');
          for (let c = 0; c < cols; c++) {
            for (let k = 1; k < rows; k++) (carried[r + k] ??= [])[col + c] = text;
            place(text);
          }
        }
        while (carried[r]?.[col] !== undefined) place(carried[r]![col]!);
        grid.push({ cells, label: `${name}第${r + 1}行` });
      });
    return { name, rows: grid };
  });
}

/**
 * Reads a list from an .xlsx or .docx. Throws UNSUPPORTED_FORMAT for anything else (naming
 * what it is), TOO_LARGE / UNPROCESSABLE as the capped readers do, and BAD_INPUT listing every
 * bad cell — or, when no sheet or table has a list header, the headers it looks for.
 * @example
 * const { rows } = await readWorkList(bytes, '2024年民生实事清单.xlsx');
 * rows[0] // { origin: '清单!3', title: { text: '…', cell: '清单!B3' }, leadUnit: { text: '区水务局', cell: '清单!C3' }, … }
 */
export async function readWorkList(bytes: Uint8Array, fileName: string): Promise<WorkListRead> {
  const kind = sniffUpload(bytes).kind;
  let grids: CellGrid[];
  if (kind === 'xlsx') grids = await workbookGrids(bytes, fileName);
  else if (kind === 'docx') grids = await documentGrids(bytes);
  else {
    const what =
      kind === 'ole'
        ? '旧版Office文件（.xls/.doc），请另存为.xlsx或.docx'
        : kind === 'pdf'
          ? 'PDF文件'
          : kind === 'text'
            ? '文本（CSV）文件'
            : '无法识别类型的文件';
    throw new AppError('UNSUPPORTED_FORMAT', `${fileName}是${what}：清单请用.xlsx或.docx上传`);
  }
  const problems: ErrorDetail[] = [];
  const rows: ListRowDraft[] = [];
  const tables: WorkListRead['tables'] = [];
  const skipped: string[] = [];
  for (const grid of grids) {
    const read = readListGrid(grid, problems);
    if (!read) {
      skipped.push(grid.name);
      continue;
    }
    if (read.length > MAX_LIST_ROWS)
      problems.push({ path: grid.name, message: `超过${MAX_LIST_ROWS}行：请分成几份上传` });
    tables.push({ name: grid.name, rows: read.length });
    rows.push(...read);
  }
  if (tables.length === 0) {
    throw new AppError(
      'BAD_INPUT',
      `${fileName}中没有清单表格：表头应有事项列（任务内容、事项…），以及单位列（责任单位、牵头单位…）或时限列（完成时限…）`,
      (skipped.length ? skipped : [fileName]).map((name) => ({
        path: name,
        message: '前10行中没有清单表头',
      })),
    );
  }
  if (problems.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `${fileName}未导入：共${problems.length}处问题，请修改后重新上传`,
      problems,
    );
  }
  return { rows, tables, skipped };
}
