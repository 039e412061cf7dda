/**
 * Every workbook and document Luoshi writes, opened by LibreOffice headless (one run for all,
 * since each start is slow) and read back from the PDF. Fails — never skips — without soffice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDataCall, parseDataCallWorkbook } from './data-call.js';
import { exportLedger } from './ledger.js';
import { importLedger } from './ledger-import.js';
import { deriveReview } from './review.js';
import { writeReviewDocx } from './review-docx.js';
import { writeReviewXlsx } from './review-xlsx.js';
import { achievementsTable, auditTable, projectsTable, tablesToXlsx, targetsTable } from './tables.js';
import * as fx from './testing/fixtures.js';
import { dataCallInput, reviewInput } from './testing/fixtures.js';
import type { PdfPage } from './testing/office.js';
import {
  assertSofficeInstalled,
  convertToPdf,
  convertWithLibreOffice,
  pdfPages,
  squash,
} from './testing/office.js';
import { monthlyPeriods } from './types.js';

const pages: Record<string, PdfPage[]> = {};
/** Workbooks as LibreOffice saves them again (shared strings, its own styles and dates). */
let resaved: Record<string, Buffer> = {};
const periods = monthlyPeriods(2022);
const progress = { 101: { '2022-01': 10, '2022-02': 20 } };
const text = (name: string) => squash((pages[name] ?? []).map((p) => p.text).join('\n'));

beforeAll(async () => {
  const ledgerInput = {
    plan: fx.plan,
    outline: fx.outline,
    tasks: fx.tasks,
    units: fx.units,
    periods,
    progress,
    health: { 101: 'on_track' as const },
    asOf: '2022年2月28日',
  };
  const review = deriveReview(reviewInput);
  const files: Record<string, Uint8Array> = {
    'ledger.xlsx': await exportLedger(ledgerInput),
    'ledger-chapters.xlsx': await exportLedger(ledgerInput, { layout: 'by-chapter' }),
    'data-call.xlsx': await exportDataCall(dataCallInput),
    'tables.xlsx': await tablesToXlsx(fx.plan, [
      targetsTable(fx.targets, fx.units),
      achievementsTable(fx.achievements),
      projectsTable(fx.projects, fx.projectLists),
      auditTable(fx.auditEvents, { userName: (id) => fx.userNames[id] }),
    ]),
    'review.docx': await writeReviewDocx(review),
    'review.xlsx': await writeReviewXlsx(review),
  };
  const pdfs = await convertToPdf(files);
  for (const [name, pdf] of Object.entries(pdfs)) pages[name] = await pdfPages(pdf);
  resaved = await convertWithLibreOffice(
    {
      'ledger.xlsx': files['ledger.xlsx']!,
      'ledger-chapters.xlsx': files['ledger-chapters.xlsx']!,
      'data-call.xlsx': files['data-call.xlsx']!,
    },
    'xlsx:Calc MS Excel 2007 XML',
    'xlsx',
  );
}, 300_000);

describe('documents opened by LibreOffice', () => {
  it('the ledger prints on A4 landscape, with its Chinese text', () => {
    const p = pages['ledger.xlsx']!;
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]!.width).toBe(842);
    expect(p[0]!.height).toBe(595);
    const t = text('ledger.xlsx');
    for (const s of [
      '重点任务分解表',
      '牵头单位',
      '区市场监管局',
      '区发展改革委、回龙观街道',
      '12月进度(%)',
      '推进中',
      '正常',
      '推动2022年供应产业用地2500亩以上',
    ]) {
      expect(t).toContain(s);
    }
    expect(text('ledger-chapters.xlsx')).toContain('（2022年重点任务）');
  });

  it('the data-call form shows both sheets with the carried-forward values', () => {
    const t = text('data-call.xlsx');
    for (const s of [
      '重点任务进展填报表',
      '填报单位：区发展改革委',
      '已完成项目库梳理',
      '主要指标数据填报表',
      '6.5%左右',
    ]) {
      expect(t).toContain(s);
    }
  });

  it('the list exports show every sheet', () => {
    const t = text('tables.xlsx');
    for (const s of [
      '主要指标',
      '地区生产总值增长',
      '主要成绩',
      '森林覆盖率',
      '重点项目',
      '科兴生物疫苗质量研究中心',
      '修改记录',
      '王芳',
      '按区政府常务会要求提前',
    ]) {
      expect(t).toContain(s);
    }
  });

  it('the Word review is an A4 document with numbered headings, tables and page numbers', () => {
    const p = pages['review.docx']!;
    expect(p[0]!.width).toBe(595);
    expect(p[0]!.height).toBe(842);
    const t = text('review.docx');
    for (const s of [
      '2022年北京市昌平区政府工作报告落实情况报告',
      '一、总体情况',
      '二、主要指标完成情况',
      '地区生产总值增长预期6.5%左右，实际6.3%，达到预期。',
      '三、重点任务推进情况',
      '（一）2022年重点任务',
      '四、重点项目推进情况',
      '五、结转下一年度任务',
      '—1—',
    ]) {
      expect(t).toContain(s);
    }
    // One page number per page.
    p.forEach((page, i) => expect(squash(page.text)).toContain(`—${i + 1}—`));
  });

  it('the Excel review has the 对照表, counts, lists, carry-over and sourced text', () => {
    const t = text('review.xlsx');
    for (const s of [
      '主要指标对照表',
      '左右：|6.3−6.5|≤0.325',
      '任务总数6项',
      '重点项目清单完成情况',
      '结转下一年度任务',
      '指标201',
    ]) {
      expect(t).toContain(s);
    }
  });
});

describe('workbooks saved again by LibreOffice', () => {
  it('the ledger still imports with no change, in both layouts', async () => {
    const ctx = { planId: 7, tasks: fx.tasks, units: fx.units, periods, progress };
    for (const name of ['ledger.xlsx', 'ledger-chapters.xlsx']) {
      const result = await importLedger(resaved[name]!, ctx, name);
      expect(result).toEqual({ changes: [], handDowns: [], warnings: [], rows: 6, meta: expect.any(Object) });
      // The hidden sheet survives the re-save: the plan and periods of the export come back.
      expect(result.meta).toMatchObject({ format: 'luoshi-ledger', planId: '7' });
    }
  });

  it("the data-call form still parses to last period's values", async () => {
    const submission = await parseDataCallWorkbook(resaved['data-call.xlsx']!, {
      planId: 7,
      unitId: 1,
      periodKey: '2022-06',
    });
    expect(submission.tasks.map((t) => [t.taskId, t.progress, t.state, t.note])).toEqual([
      [104, 20, 'in_progress', '已完成项目库梳理'],
      [101, 60, 'in_progress', ''],
    ]);
    expect(submission.targets.map((t) => [t.targetId, t.value])).toEqual([
      [201, 6.1],
      [202, null],
    ]);
  });
});

describe('assertSofficeInstalled', () => {
  it('fails with a clear message, never skips, when LibreOffice is missing', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => assertSofficeInstalled()).toThrow(/LibreOffice is not installed .*apt-get install/);
    } finally {
      process.env.PATH = path;
    }
    expect(assertSofficeInstalled()).toMatch(/(soffice|libreoffice)$/);
  });
});
