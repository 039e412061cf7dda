import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { MAX_REPORT_BYTES } from './limits.js';
import { readReport } from './read-report.js';
import { encode, listLines, loadExampleReport, makeDocx, makeGovernmentPage } from './test-fixtures.js';

let report = '';
beforeAll(async () => {
  report = await loadExampleReport();
});

async function failure(bytes: Uint8Array, name?: string): Promise<AppError> {
  const error = await readReport(bytes, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('readReport', () => {
  it('reads text, .docx and .html by content whatever the file is called', async () => {
    const lines = listLines(report);
    const txt = await readReport(encode(report, 'gbk'), 'report.pdf');
    expect([txt.format, txt.encoding, txt.text]).toEqual(['txt', 'gb18030', report]);
    const docx = await readReport(await makeDocx(lines), 'report.txt');
    expect([docx.format, docx.text]).toEqual(['docx', lines.join('\n')]);
    const html = await readReport(makeGovernmentPage('报告', lines), 'report');
    expect([html.format, html.encoding, html.text]).toEqual([
      'html',
      'gb18030',
      ['报告', ...lines].join('\n'),
    ]);
  });

  it('warns when the name claims another format than the content', async () => {
    const out = await readReport(encode(report, 'utf-8', true), 'report.docx');
    expect(out.warnings).toEqual([
      { code: 'EXTENSION_MISMATCH', message: 'the file is named .docx but its content is txt' },
    ]);
    expect((await readReport(encode(report, 'utf-8'), 'report.txt')).warnings).toEqual([]);
  });

  it('reads a UTF-16 HTML page as HTML', async () => {
    const lines = listLines(report).slice(0, 6);
    const page = new TextDecoder('gbk').decode(makeGovernmentPage('报告', lines));
    const out = await readReport(encode(page, 'utf-16le', true));
    expect([out.format, out.encoding, out.text]).toEqual(['html', 'utf-16le', ['报告', ...lines].join('\n')]);
  });

  it('throws BAD_INPUT "the file is empty" for no bytes, naming the file', async () => {
    const error = await failure(new Uint8Array(), 'empty.txt');
    expect([error.code, error.message]).toEqual(['BAD_INPUT', '文件是空的']);
    expect(error.details).toEqual([{ path: 'empty.txt', message: '文件是空的' }]);
  });

  it('throws BAD_INPUT for a file of blanks or only a BOM', async () => {
    expect((await failure(encode(' \n\t\r\n', 'utf-8'))).code).toBe('BAD_INPUT');
    expect((await failure(encode('', 'utf-8', true))).code).toBe('BAD_INPUT');
  });

  it('throws TOO_LARGE above MAX_REPORT_BYTES and reads a file just at the limit', async () => {
    const over = new Uint8Array(MAX_REPORT_BYTES + 1).fill(0x41);
    expect((await failure(over, 'big.txt')).code).toBe('TOO_LARGE');
    const at = new Uint8Array(MAX_REPORT_BYTES).fill(0x41);
    expect((await readReport(at)).text.length).toBe(MAX_REPORT_BYTES);
  });

  it('throws UNSUPPORTED_FORMAT "binary file" for random bytes named .txt', async () => {
    const error = await failure(new Uint8Array(randomBytes(10_000)), 'report.txt');
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.message).toMatch(/^无法识别的文件：请上传文本、Word/);
  });

  it('names well-known binary formats', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(100)]);
    expect((await failure(png)).message).toBe('这是PNG图片');
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(100)]);
    expect((await failure(doc)).message).toMatch(/旧版Word\/Excel文件（\.doc\/\.xls）：请另存为\.docx/);
  });

  it('names a saved web archive (.mht) instead of reading its MIME parts as text', async () => {
    const mht =
      'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html"\r\n\r\n=E6=94=BF';
    const error = await failure(encode(mht, 'utf-8'), 'report.mht');
    expect([error.code, error.message]).toEqual([
      'UNSUPPORTED_FORMAT',
      '这是网页存档文件（.mht）：请将网页另存为.html',
    ]);
  });

  it('throws UNPROCESSABLE for a truncated .docx', async () => {
    const docx = await makeDocx(listLines(report));
    const error = await failure(docx.subarray(0, docx.length >> 1), 'cut.docx');
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.message).toMatch(/^Word文件已损坏或不完整/);
  });
});
