/**
 * The words of the problems every workbook import reports, written as an office writes them
 * (what is wrong, then what to do); the cell stays in the problem's path ("任务进展!F5").
 * One place, so that the ledger, the forms and the office ledgers say the same thing alike.
 */

/** Words a cell may hold, as an office lists them: “未启动”、“推进中”或“已完成”. */
export function oneOf(words: readonly string[]): string {
  const quoted = words.map((w) => `“${w}”`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join('、')}或${quoted.at(-1)!}`;
}

/** A sheet deleted or renamed; `present` lists the sheets the file has, when known. */
export function missingSheet(name: string, present?: readonly string[]): string {
  const listed =
    present === undefined ? '' : `（文件中的工作表：${present.length > 0 ? present.join('、') : '无'}）`;
  return `缺少工作表“${name}”，可能被删除或改名${listed}：请使用系统下载的表格，不要改动工作表`;
}

/** No header row holding `anchor` near the top of a sheet. */
export const noHeader = (anchor: string): string => `前10行中没有“${anchor}”表头：请不要删除或改动表头`;

export const missingColumn = (name: string): string => `缺少必填列“${name}”：请不要删除或改名`;

/** Merged cells below the header. */
export const mergedCells = (range: string): string =>
  `数据行中有合并单元格（${range}）：请取消合并，每行填写完整`;

export const emptyCell = (column: string): string => `${column}不能为空`;

/** A data row with values but without the column that says which item it is. */
export const rowWithoutKey = (row: number, filled: readonly string[], key: string): string =>
  `第${row}行填了${filled.join('、')}，但没有${key}`;

/** A unit name not on the jurisdiction's list (an abbreviation, a typo, another place's unit). */
export const unknownUnit = (column: string, name: string): string =>
  `${column}“${name}”不在本辖区单位名单中，请填写单位全称`;

/** A formula Excel never computed (a tool that does not calculate wrote it). */
export const uncomputedFormula = (column: string, what = '数值'): string =>
  `${column}是没有计算结果的公式：请直接填写${what}`;

/** A cell showing an Excel error (#DIV/0!, #REF!). */
export const cellError = (column: string, value: string): string =>
  `${column}显示错误值${value}：请改正后重新上传`;

/** The same key twice in one file. */
export const duplicate = (what: string, first: string): string => `${what}重复（${first}已填）`;

/** A workbook Luoshi exported for another purpose (`format` is its _luoshi marker). */
export const otherWorkbook = (fileName: string, expected: string): string =>
  `${fileName}不是${expected}：请上传从系统下载的${expected}`;
