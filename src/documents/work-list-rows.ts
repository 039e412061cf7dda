/**
 * A table of cells (from any sheet or Word table) read as a list of work (清单): the header
 * row found by the names offices give their columns (任务内容, 责任单位, 完成时限…), then one
 * row per item, headings and blank rows skipped, every unreadable cell named.
 */
import type { ErrorDetail } from '../errors.js';
import type { CellText, ListRowDraft } from '../sources/list.js';
import { parseDeadline } from './dates.js';

/** One table: its name for messages, and rows of cells, each with its reference. */
export interface CellGrid {
  /** The sheet's name, or `表2` for a Word document's second table. */
  name: string;
  rows: { cells: CellText[]; label: string }[];
}

export type ListField = 'reference' | 'title' | 'leadUnit' | 'coUnits' | 'dueOn' | 'requirement';

/** Column names as offices write them, per field; the first found wins. */
export const LIST_HEADERS: Readonly<Record<ListField, readonly string[]>> = Object.freeze({
  reference: ['序号', '编号', '文号', '任务编号', '事项编号'],
  title: [
    '任务内容',
    '工作任务',
    '任务名称',
    '事项名称',
    '事项内容',
    '议定事项',
    '工作内容',
    '具体任务',
    '重点任务',
    '任务',
    '事项',
    '内容',
  ],
  leadUnit: ['牵头单位', '责任单位', '主办单位', '承办单位', '牵头部门', '责任部门', '主责单位'],
  coUnits: ['配合单位', '协办单位', '会办单位', '配合部门', '参与单位'],
  dueOn: ['完成时限', '办理时限', '完成时间', '办结时限', '截止时间', '时限要求', '时限'],
  requirement: ['工作要求', '具体要求', '目标要求', '工作目标', '完成标准'],
});

/** A header as compared: no spaces, no marks (*, ：), no notes in brackets. */
function headerKey(text: string): string {
  return text.replace(/[\s\u3000*＊:：]/g, '').replace(/[（(][^）)]*[）)]/g, '');
}

/** Columns of a header row by field, when it has a title column and a unit or a deadline. */
export function matchHeader(cells: readonly CellText[]): Partial<Record<ListField, number>> | undefined {
  const keys = cells.map((c) => headerKey(c.text));
  const found: Partial<Record<ListField, number>> = {};
  for (const field of Object.keys(LIST_HEADERS) as ListField[]) {
    for (const name of LIST_HEADERS[field]) {
      const col = keys.indexOf(name);
      if (col >= 0 && !Object.values(found).includes(col)) {
        found[field] = col;
        break;
      }
    }
  }
  return found.title !== undefined && (found.leadUnit !== undefined || found.dueOn !== undefined)
    ? found
    : undefined;
}

const HEADING = /^([一二三四五六七八九十百]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)/;
const UNIT_SPLIT = /[、，,；;／/\s\u3000]+/;

/**
 * The list rows of one grid, or undefined when it has no header in its first 10 rows.
 * Problems (a row without its item, a deadline that is not a date) are added to `problems`.
 */
export function readListGrid(grid: CellGrid, problems: ErrorDetail[]): ListRowDraft[] | undefined {
  let headerAt = -1;
  let columns: Partial<Record<ListField, number>> | undefined;
  for (let r = 0; r < Math.min(10, grid.rows.length); r++) {
    columns = matchHeader(grid.rows[r]!.cells);
    if (columns) {
      headerAt = r;
      break;
    }
  }
  if (!columns) return undefined;
  const at = (cells: CellText[], field: ListField): CellText | undefined => {
    const col = columns![field];
    return col === undefined ? undefined : cells[col];
  };
  const rows: ListRowDraft[] = [];
  for (const row of grid.rows.slice(headerAt + 1)) {
    const filled = row.cells.filter((c) => c.text.trim() !== '');
    if (filled.length === 0) continue;
    // A heading row (一、民生保障), a merged row repeating one text across, a note without an
    // item: nothing to chase, no unit and no deadline — not an item, not a problem.
    const distinct = new Set(filled.map((c) => c.text.trim()));
    const title = at(row.cells, 'title');
    const lead = at(row.cells, 'leadUnit');
    const due = at(row.cells, 'dueOn');
    const hasWork = Boolean(lead?.text.trim() || due?.text.trim());
    const titleText = title?.text.trim() ?? '';
    if (filled.length > 1 && distinct.size === 1) continue;
    if (!hasWork && (titleText === '' || HEADING.test(titleText))) continue;
    if (!title || title.text.trim() === '') {
      problems.push({ path: title?.cell ?? row.label, message: '这一行没有事项：任务内容不能为空' });
      continue;
    }
    let dueOn: ListRowDraft['dueOn'] = null;
    if (due && due.text.trim() !== '') {
      const date = parseDeadline(due.text);
      if (date) dueOn = { date, cell: due.cell };
      else
        problems.push({
          path: due.cell,
          message: `“${due.text.trim()}”不是日期：请写作2024-06-30或2024年6月底`,
        });
    }
    const co = at(row.cells, 'coUnits');
    const coUnits = co
      ? co.text
          .split(UNIT_SPLIT)
          .filter((t) => t !== '')
          .map((text, i, all) => ({ text, cell: all.length > 1 ? `${co.cell}(${i + 1})` : co.cell }))
      : [];
    rows.push({
      origin: row.label,
      reference: at(row.cells, 'reference')?.text.trim() || null,
      title: { text: title.text.trim(), cell: title.cell },
      leadUnit: lead && lead.text.trim() !== '' ? { text: lead.text.trim(), cell: lead.cell } : null,
      coUnits,
      dueOn,
      requirement: at(row.cells, 'requirement')?.text.trim() || null,
    });
  }
  return rows;
}
