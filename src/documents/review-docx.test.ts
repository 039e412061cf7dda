import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { deriveReview } from './review.js';
import { writeReviewDocx } from './review-docx.js';
import { formatRefs, writeReviewXlsx } from './review-xlsx.js';
import { reviewInput } from './testing/fixtures.js';
import { readZipEntry } from './testing/zip.js';

const review = deriveReview(reviewInput);

describe('writeReviewDocx', () => {
  it('sets the government fonts, A4 with the GB/T 9704 margins, bordered tables and a page-number footer', async () => {
    const docx = await writeReviewDocx(review);
    const xml = (await readZipEntry(docx, 'word/document.xml'))!;
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098"[^>]*w:bottom="1985"[^>]*w:left="1588"/);
    expect(xml).toMatch(/<w:tblBorders>.*<w:insideH w:val="single"/);
    expect(xml).toContain('一、总体情况');
    expect(xml).toContain('（一）2022年重点任务');
    const footer = (await readZipEntry(docx, 'word/footer1.xml'))!;
    expect(footer).toContain('PAGE');
  });

  it('lets an office use other font names', async () => {
    const xml = (await readZipEntry(
      await writeReviewDocx(review, { fonts: { body: '仿宋' }, title: '落实情况' }),
      'word/document.xml',
    ))!;
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).not.toContain('仿宋_GB2312');
    expect(xml).toContain('落实情况');
  });
});

describe('writeReviewXlsx', () => {
  it('writes the 对照表 and a text sheet that names the source of every sentence', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeReviewXlsx(review)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '指标对照表',
      '任务进度',
      '项目清单',
      '结转任务',
      '文字稿',
    ]);
    const table = wb.getWorksheet('指标对照表')!;
    expect(table.getRow(4).values).toEqual([
      undefined,
      1,
      '地区生产总值增长',
      '6.5%左右',
      undefined,
      '6.3%',
      '达到',
      '左右：|6.3−6.5| ≤ 0.325',
      '区发展改革委',
      201,
    ]);
    const text = wb.getWorksheet('文字稿')!;
    const rows = Array.from({ length: text.rowCount - 3 }, (_, i) => text.getRow(i + 4).values as unknown[]);
    const sentences = [...review.summary, ...review.chapters.flatMap((c) => c.paragraph)];
    expect(rows.map((r) => [r[2], r[3]])).toEqual(sentences.map((s) => [s.text, formatRefs(s.refs)]));
    expect(
      formatRefs([
        { kind: 'target', id: 201 },
        { kind: 'projectList', id: 401 },
      ]),
    ).toBe('指标201、项目清单401');
  });
});
