/**
 * The files of a jurisdiction's folder as bytes (test helper), and the same tables written as
 * an .xlsx workbook, to read one definition through both kinds of file.
 */
import ExcelJS from 'exceljs';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../csv.js';

/** Every file of `dir` by name. */
export function readFolder(dir: string): Record<string, Uint8Array> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]),
  );
}

/** An .xlsx with one sheet per CSV file, named by the file without `.csv`. */
export async function csvToWorkbook(files: Record<string, Uint8Array>, names: string[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const name of names) {
    const ws = wb.addWorksheet(name.replace(/\.csv$/, ''));
    const text = new TextDecoder().decode(files[name]).replace(/^\uFEFF/, '');
    for (const record of parseCsv(text).records) {
      ws.addRow(record.fields.map((f) => (/^-?\d+(\.\d+)?$/.test(f.value) ? Number(f.value) : f.value)));
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** `text` as UTF-8 bytes. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
