import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { extractDocxText } from './docx.js';
import { listLines, loadExampleReport, makeDocx, makeZip } from './test-fixtures.js';
import { DOCX_ZIP_CAPS } from './limits.js';
import { listZipNames } from './zip.js';

let lines: string[] = [];
let docx: Uint8Array = new Uint8Array();
beforeAll(async () => {
  lines = listLines(await loadExampleReport());
  docx = await makeDocx(lines);
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
}

describe('listZipNames', () => {
  it('lists the parts of a .docx from its central directory', async () => {
    const names = await listZipNames(docx, DOCX_ZIP_CAPS);
    expect(names).toContain('word/document.xml');
    expect(names).toContain('[Content_Types].xml');
  });

  it('throws UNPROCESSABLE for a zip cut short', async () => {
    const cut = docx.subarray(0, Math.floor(docx.length * 0.7));
    await expect(listZipNames(cut, DOCX_ZIP_CAPS)).rejects.toThrowError(/damaged or truncated/);
    expect(await codeOf(listZipNames(cut, DOCX_ZIP_CAPS))).toBe('UNPROCESSABLE');
  });
});

describe('extractDocxText', () => {
  it('gives one line per paragraph, in order', async () => {
    const { text, warnings } = await extractDocxText(docx);
    expect(text).toBe(lines.join('\n'));
    expect(warnings).toEqual([]);
  });

  it('throws UNPROCESSABLE for a truncated .docx', async () => {
    expect(await codeOf(extractDocxText(docx.subarray(0, docx.length - 100)))).toBe('UNPROCESSABLE');
    expect(await codeOf(extractDocxText(docx.subarray(0, 2000)))).toBe('UNPROCESSABLE');
  });

  it('throws UNSUPPORTED_FORMAT naming an Excel workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('任务分解表').addRow(['任务', '牵头单位']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expect(extractDocxText(xlsx)).rejects.toThrowError(/Excel/);
    expect(await codeOf(extractDocxText(xlsx))).toBe('UNSUPPORTED_FORMAT');
  });

  it('names OFD documents, OpenDocument files and plain zips', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' }, /an OFD document/],
      [{ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office/>' }, /OpenDocument/],
      [{ 'notes.txt': '一、回顾' }, /a zip archive, not a \.docx/],
      [{}, /an empty zip archive/],
    ];
    for (const [files, message] of cases) {
      const zip = makeZip(files);
      await expect(extractDocxText(zip)).rejects.toThrowError(message);
      expect(await codeOf(extractDocxText(zip))).toBe('UNSUPPORTED_FORMAT');
    }
  });

  it('throws UNPROCESSABLE for a .docx without text', async () => {
    await expect(extractDocxText(await makeDocx(['', ' ']))).rejects.toThrowError(/no text/);
  });
});
