/**
 * The pieces of an office form to fill offline (a data-call form, the monthly investment form):
 * a sheet whose editable cells are yellow and unlocked, each with its data validation, and the
 * sheet protected without a password so that only those cells are typed into.
 */
import type { Workbook, Worksheet } from './xlsx.js';
import { addTable } from './xlsx.js';

type Cell = ReturnType<Worksheet['getCell']>;

const FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF2CC' } };

/**
 * One sheet of the form: the table, its `editable` columns (1-based) yellow and unlocked in
 * every data row, each with its data validation if given, and the sheet protected without a
 * password so that only those cells are typed into.
 */
export async function addFormSheet(
  wb: Workbook,
  name: string,
  table: Parameters<typeof addTable>[1],
  editable: { column: number; validation?: Cell['dataValidation'] }[],
): Promise<void> {
  const ws = wb.addWorksheet(name);
  const layout = addTable(ws, table);
  for (let r = layout.firstRow; r <= layout.lastRow; r++) {
    for (const { column, validation } of editable) {
      const cell = ws.getCell(r, column);
      cell.style = { ...cell.style, fill: FILL, protection: { locked: false } };
      if (validation) cell.dataValidation = validation;
    }
  }
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
}
