/**
 * The public copy of an evidence file (issue 19.4) on tiny generated files: who made it is gone
 * from the bytes, the file still opens, the text is read with its place, and the types that
 * cannot be stripped are refused.
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { inflateZip } from '../ingest/zip.js';
import { findEvidencePersonalData } from '../verdicts/public-evidence.js';
import { makePublicEvidenceCopy } from './public-evidence.js';
import { DOCX_TYPE, docxBy, PDF_TYPE, pdfBy, pdfHex, XLSX_TYPE, xlsxBy } from './testing/evidence-files.js';

const caps = {
  what: 'a test',
  maxEntries: 100,
  maxEntryBytes: 1 << 24,
  maxTotalBytes: 1 << 24,
  maxRatio: 1000,
};
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const utf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('makePublicEvidenceCopy', () => {
  it('clears a PDF’s Info dictionary and XMP; the copy opens and its page is read', async () => {
    const pdf = await pdfBy('Wang Jianguo', 'Progress report page one');
    expect(latin1(pdf)).toContain(pdfHex('Wang Jianguo'));
    expect(latin1(pdf)).toContain('<dc:creator>Wang Jianguo');
    const copy = await makePublicEvidenceCopy({ name: '验收.pdf', mimeType: PDF_TYPE, bytes: pdf });
    const text = latin1(copy.bytes);
    expect(text).not.toContain(pdfHex('Wang Jianguo'));
    expect(text).not.toContain('Wang Jianguo');
    expect(text).not.toContain('xmpmeta');
    expect(text).not.toMatch(/\/Author|\/Creator|\/Producer/);
    const reopened = await PDFDocument.load(copy.bytes, { updateMetadata: false });
    expect(reopened.getPageCount()).toBe(1);
    expect(copy.texts).toEqual([{ where: '第1页', text: expect.stringContaining('Progress report') }]);
  });

  it('rewrites a .docx’s properties and drops its comments; the body is read by paragraph', async () => {
    const docx = await docxBy('王建国', '道路工程已完工，联系电话13812345678');
    const before = await inflateZip(docx, caps);
    expect(utf8(before.entries.get('docProps/core.xml')!)).toContain('王建国');
    expect(before.entries.has('word/comments.xml')).toBe(true);
    const copy = await makePublicEvidenceCopy({ name: '说明.docx', mimeType: DOCX_TYPE, bytes: docx });
    const after = await inflateZip(copy.bytes, caps);
    for (const [name, data] of after.entries) expect(utf8(data), name).not.toContain('王建国');
    expect([...after.entries.keys()].filter((n) => /comment/i.test(n))).toEqual([]);
    expect(utf8(after.entries.get('[Content_Types].xml')!)).not.toMatch(/comments/);
    expect(utf8(after.entries.get('word/_rels/document.xml.rels')!)).not.toMatch(/comments/);
    expect(utf8(after.entries.get('word/document.xml')!)).not.toMatch(/commentReference|commentRange/);
    expect(copy.texts).toContainEqual({ where: '正文第1段', text: '道路工程已完工，联系电话13812345678' });
    expect(findEvidencePersonalData(copy.texts)).toEqual([{ kind: 'mobile', where: '正文第1段' }]);
  });

  it('rewrites an .xlsx’s properties and drops its comments; cells are read with their sheet', async () => {
    const xlsx = await xlsxBy('王建国', '某某科技有限公司', '110101199003078515');
    const copy = await makePublicEvidenceCopy({ name: '台账.xlsx', mimeType: XLSX_TYPE, bytes: xlsx });
    const after = await inflateZip(copy.bytes, caps);
    for (const [name, data] of after.entries) {
      expect(utf8(data), name).not.toContain('王建国');
      expect(utf8(data), name).not.toContain('某某科技');
    }
    expect(findEvidencePersonalData(copy.texts)).toEqual([{ kind: 'idCard', where: '工作表“汇总”A1单元格' }]);
  });

  it('refuses a type whose metadata it cannot strip, and a zip that is not what it says', async () => {
    await expect(
      makePublicEvidenceCopy({ name: '旧.doc', mimeType: 'application/msword', bytes: Buffer.from('x') }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('不能公开') });
    const xlsx = await xlsxBy('a', 'b', 1);
    await expect(
      makePublicEvidenceCopy({ name: '假.docx', mimeType: DOCX_TYPE, bytes: xlsx }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    await expect(
      makePublicEvidenceCopy({ name: '坏.pdf', mimeType: PDF_TYPE, bytes: Buffer.from('%PDF-1.7 nothing') }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });
});
