import { Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { extractDocxText } from './docx.js';
import { listLines, loadExampleReport, makeDocx, makeZip } from './test-fixtures.js';
import { DOCX_ZIP_CAPS } from './limits.js';
import { deflatedZeros, measurePeakRss, withBomb } from './test-zips.js';
import { inflateZip, listZipNames } from './zip.js';

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
    await expect(listZipNames(cut, DOCX_ZIP_CAPS)).rejects.toThrowError(/^Word文件已损坏或不完整/);
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
      [
        { 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' },
        /^这是OFD版式文件：请另存为\.pdf或\.docx$/,
      ],
      [
        { mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office/>' },
        /^这是OpenDocument文件：请另存为\.docx$/,
      ],
      [{ 'notes.txt': '一、回顾' }, /^这是压缩包，不是Word文档（\.docx）$/],
      [{}, /^这是空的压缩包/],
    ];
    for (const [files, message] of cases) {
      const zip = makeZip(files);
      await expect(extractDocxText(zip)).rejects.toThrowError(message);
      expect(await codeOf(extractDocxText(zip))).toBe('UNSUPPORTED_FORMAT');
    }
  });

  it('refuses a .docx whose text part inflates to 2 GB, within a few megabytes of memory', async () => {
    const parts = (await inflateZip(docx, DOCX_ZIP_CAPS)).entries;
    const zeros = deflatedZeros(2 * 1024 * 1024 * 1024);
    for (const declaredSize of [2 ** 31, 1633]) {
      const bomb = withBomb(parts, { name: 'word/document.xml', body: zeros, declaredSize });
      const { error, peakRise } = await measurePeakRss(() => extractDocxText(bomb));
      expect(isAppError(error)).toBe(true);
      expect((error as Error).message).toMatch(
        declaredSize === 1633 ? /解压后比声明的1,633字节更大/ : /^Word文件解压后超过16 MB，已拒收$/,
      );
      expect(peakRise).toBeLessThan(100 * 1024 * 1024);
    }
  });

  it('reads the text of a .docx with a picture without inflating the picture', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f3d6e60000000049454e44ae426082',
      'hex',
    );
    const image = new ImageRun({ type: 'png', data: png, transformation: { width: 10, height: 10 } });
    const pictured = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ children: [new TextRun('一、回顾'), image] }),
              new Paragraph('二、任务'),
            ],
          },
        ],
      }),
    );
    const parts = (await inflateZip(pictured, { ...DOCX_ZIP_CAPS, maxRatio: 1e9 })).entries;
    const media = [...parts.keys()].find((name) => name.startsWith('word/media/'))!;
    // The picture the text points at would inflate to 2 GB: only the XML parts are ever inflated.
    const bomb = withBomb(parts, {
      name: media,
      body: deflatedZeros(2 * 1024 * 1024 * 1024),
      declaredSize: 2 ** 31,
    });
    expect(await extractDocxText(bomb)).toEqual({ text: '一、回顾\n二、任务', warnings: [] });
  });

  it('throws UNPROCESSABLE for a .docx without text', async () => {
    await expect(extractDocxText(await makeDocx(['', ' ']))).rejects.toThrowError(/^Word文件中没有文字$/);
  });
});
