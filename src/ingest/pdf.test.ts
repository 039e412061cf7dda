import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { extractPdfText } from './pdf.js';
import {
  convertDocxToPdf,
  listLines,
  loadExampleReport,
  makeDocx,
  makePdfWithoutText,
} from './test-fixtures.js';

const squeeze = (s: string) => s.replace(/\s+/g, '');

let lines: string[] = [];
let pdf: Uint8Array = new Uint8Array();
beforeAll(async () => {
  lines = listLines(await loadExampleReport());
  // Needs LibreOffice: fails (does not skip) when soffice is missing.
  pdf = await convertDocxToPdf(await makeDocx(lines));
}, 180_000);

describe('extractPdfText', () => {
  it('gives back every sentence of the report, in order', async () => {
    const { text } = await extractPdfText(pdf);
    const got = squeeze(text);
    const sentences = lines
      .flatMap((l) => l.split(/(?<=[。；！？])/))
      .map(squeeze)
      .filter((s) => s.length > 0);
    let from = 0;
    const missing = sentences.filter((s) => {
      const at = got.indexOf(s, from);
      if (at < 0) return true;
      from = at + s.length;
      return false;
    });
    expect(missing).toEqual([]);
  });

  it('puts each chapter heading on a line of its own', async () => {
    const { text } = await extractPdfText(pdf);
    const got = new Set(text.split('\n'));
    const chapters = lines.filter((l) => /^[一二三四五六七八九十]+、/.test(l) && l.length < 30);
    expect(chapters.length).toBeGreaterThan(2);
    for (const heading of chapters) expect(got).toContain(heading);
  });

  it('joins the printed lines of a paragraph into one line', async () => {
    const { text } = await extractPdfText(pdf);
    const paragraphs = text.split('\n');
    // Most source lines are paragraphs of several printed lines; allow a few page-layout misses.
    expect(paragraphs.length).toBeGreaterThanOrEqual(lines.length * 0.85);
    expect(paragraphs.length).toBeLessThanOrEqual(lines.length * 1.15);
  });

  it('reads only the first pages of a long PDF, with a warning', async () => {
    const { text, warnings } = await extractPdfText(pdf, { maxPages: 2 });
    const all = await extractPdfText(pdf);
    expect(all.text.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(all.text.length / 2);
    expect(warnings.map((w) => w.code)).toEqual(['PDF_PAGES_SKIPPED']);
  });

  it('gives up with UNPROCESSABLE when reading takes longer than the time limit', async () => {
    await expect(extractPdfText(pdf, { timeLimitMs: 1 })).rejects.toThrowError(/^读取PDF超过0.001秒，已停止/);
  });

  it('throws UNPROCESSABLE "no text layer" for a PDF that only draws', async () => {
    await expect(extractPdfText(makePdfWithoutText())).rejects.toThrowError(
      '这份PDF没有文字层（可能是扫描件）：请上传Word版或文本版',
    );
  });

  it('throws UNPROCESSABLE for a damaged PDF', async () => {
    const error = await extractPdfText(new TextEncoder().encode('%PDF-1.7\n garbage garbage')).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error, 'UNPROCESSABLE')).toBe(true);
  });
});
