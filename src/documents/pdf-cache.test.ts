/**
 * The PDF cache (pdf-cache.ts): one conversion per document whatever the time it was packed, a
 * new one when the document says something else, concurrent asks waiting for one conversion,
 * a failed conversion not held, and the bound in bytes (least recently used first out).
 */
import { Paragraph } from 'docx';
import { describe, expect, it, vi } from 'vitest';
import { storeZip } from '../ingest/zip.js';
import { packOfficialPage } from './official-page.js';
import { cachePdfs, docxFingerprint } from './pdf-cache.js';
import type { PdfConverter } from './pdf.js';

const page = (text: string) =>
  packOfficialPage({
    title: '测试',
    font: { latin: 'Times New Roman', body: '仿宋_GB2312', size: 32 },
    children: [new Paragraph(text)],
  });

/** A converter that counts its calls and answers `size` bytes naming the call. */
function counting(size = 100, fail?: () => boolean) {
  const calls = { n: 0 };
  const converter: PdfConverter = {
    async docxToPdf() {
      calls.n++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail?.()) throw new Error('LibreOffice crashed');
      return Buffer.from(`%PDF ${calls.n}`.padEnd(size, ' '));
    },
  };
  return { calls, converter };
}

describe('cachePdfs', () => {
  it('fingerprints what a document says, not when it was packed', async () => {
    // Packed two seconds apart (core.xml holds whole seconds), on a clock moved, not waited for.
    vi.useFakeTimers({ toFake: ['Date'] });
    let a: Buffer;
    let b: Buffer;
    try {
      vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
      a = await page('一、稳增长');
      vi.setSystemTime(new Date('2026-01-01T00:00:02Z'));
      b = await page('一、稳增长');
    } finally {
      vi.useRealTimers();
    }
    expect(Buffer.compare(a, b)).not.toBe(0);
    expect(await docxFingerprint(a)).toBe(await docxFingerprint(b));
    expect(await docxFingerprint(await page('二、惠民生'))).not.toBe(await docxFingerprint(a));
    // Any part but the packing time counts, by name as well as content.
    const parts = (entries: [string, string][]) =>
      storeZip(new Map(entries.map(([n, v]) => [n, Buffer.from(v)])));
    expect(await docxFingerprint(parts([['word/document.xml', 'x']]))).not.toBe(
      await docxFingerprint(parts([['word/styles.xml', 'x']])),
    );
    expect(
      await docxFingerprint(
        parts([
          ['word/document.xml', 'x'],
          ['docProps/core.xml', '1'],
        ]),
      ),
    ).toBe(
      await docxFingerprint(
        parts([
          ['word/document.xml', 'x'],
          ['docProps/core.xml', '2'],
        ]),
      ),
    );
  }, 20_000);

  it('converts each document once, and a changed one again', async () => {
    const { calls, converter } = counting();
    const pdfs = cachePdfs(converter, 1024 * 1024);
    const first = await pdfs.docxToPdf(await page('一、稳增长'));
    expect(await pdfs.docxToPdf(await page('一、稳增长'))).toBe(first);
    expect(calls.n).toBe(1);
    const other = await pdfs.docxToPdf(await page('二、惠民生'));
    expect(other.toString()).toContain('%PDF 2');
    expect(pdfs.stats()).toMatchObject({ entries: 2, hits: 1, conversions: 2 });
  });

  it('lets concurrent asks for one document wait for one conversion', async () => {
    const { calls, converter } = counting();
    const pdfs = cachePdfs(converter, 1024 * 1024);
    const docx = await page('一、稳增长');
    const answers = await Promise.all([1, 2, 3].map(() => pdfs.docxToPdf(docx)));
    expect(calls.n).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('does not hold a failed conversion: the next ask converts again', async () => {
    let failing = true;
    const { calls, converter } = counting(100, () => failing);
    const pdfs = cachePdfs(converter, 1024 * 1024);
    const docx = await page('一、稳增长');
    await expect(pdfs.docxToPdf(docx)).rejects.toThrow('LibreOffice crashed');
    failing = false;
    expect((await pdfs.docxToPdf(docx)).toString()).toContain('%PDF 2');
    expect(calls.n).toBe(2);
  });

  it('holds at most its bound in bytes, the least recently used first out', async () => {
    const { calls, converter } = counting(400);
    const pdfs = cachePdfs(converter, 1000);
    const [a, b, c] = await Promise.all(['甲', '乙', '丙'].map((t) => page(t)));
    await pdfs.docxToPdf(a!);
    await pdfs.docxToPdf(b!);
    await pdfs.docxToPdf(a!); // a used last: b is the oldest
    await pdfs.docxToPdf(c!);
    expect(pdfs.stats()).toMatchObject({ entries: 2, bytes: 800, maxBytes: 1000 });
    expect(calls.n).toBe(3);
    await pdfs.docxToPdf(a!);
    expect(calls.n).toBe(3);
    await pdfs.docxToPdf(b!);
    expect(calls.n).toBe(4);
    // A PDF larger than the bound is given but not held; a bound of 0 holds nothing.
    const small = cachePdfs(counting(2000).converter, 1000);
    await small.docxToPdf(a!);
    expect(small.stats()).toMatchObject({ entries: 0, bytes: 0 });
    const none = counting();
    const off = cachePdfs(none.converter, 0);
    await off.docxToPdf(a!);
    await off.docxToPdf(a!);
    expect(none.calls.n).toBe(2);
  });
});
