import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deriveReportingPeriods } from '../plan/periods.js';
import { deriveProgressByPeriod, exportLedger, indexOutline, sortTasks } from './ledger.js';
import type { LedgerImportContext } from './ledger-import.js';
import { describeLedgerChange, importLedger } from './ledger-import.js';
import { deflatedZeros, withBomb } from '../ingest/test-zips.js';
import { inflateZip } from '../ingest/zip.js';
import { WORKBOOK_LIMITS } from './xlsx.js';
import * as fx from './testing/fixtures.js';
import { quarterlyPeriods } from './types.js';

const periods = quarterlyPeriods(2022);
const progress = { 101: { '2022-Q1': 20, '2022-Q2': 45 }, 103: { '2022-Q1': 10 } };
const input = {
  plan: fx.plan,
  outline: fx.outline,
  tasks: fx.tasks,
  units: fx.units,
  periods,
  progress,
  health: { 101: 'on_track' as const, 104: 'behind' as const },
  asOf: '2022年6月30日',
};
const ctx: LedgerImportContext = { planId: 7, tasks: fx.tasks, units: fx.units, periods, progress };

async function load(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Finds the data row of a task id in a sheet (the 任务ID is the last column). */
function rowOf(ws: ExcelJS.Worksheet, taskId: number): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(ws.columnCount).value === taskId) return r;
  throw new Error(`task ${taskId} not in ${ws.name}`);
}

async function expectProblems(bytes: Uint8Array): Promise<AppError> {
  const error = await importLedger(bytes, ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('exportLedger', () => {
  it('writes one titled sheet with the office columns, frozen header and an A4 landscape page fitted to width', async () => {
    const wb = await load(await exportLedger(input));
    const ws = wb.getWorksheet('任务分解表')!;
    expect(ws.getCell('A1').value).toBe('2022年北京市昌平区政府工作报告重点任务分解表');
    expect(ws.getCell('A2').value).toBe('截至2022年6月30日');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual([
      '序号',
      '任务内容',
      '牵头单位',
      '配合单位',
      '责任领导',
      '完成时限',
      '一季度进度(%)',
      '二季度进度(%)',
      '三季度进度(%)',
      '四季度进度(%)',
      '状态',
      '健康度',
      '任务ID',
    ]);
    expect(ws.getCell('A3').font.bold).toBe(true);
    expect(ws.getCell('B3').border?.top?.style).toBe('thin');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(ws.pageSetup.printArea).toMatch(/^A1:M\d+$/);
    const r = rowOf(ws, 103);
    expect(ws.getCell(r, 3).value).toBe('区市场监管局');
    expect(ws.getCell(r, 4).value).toBe('区发展改革委、回龙观街道');
    expect(ws.getCell(r, 7).value).toBe(10);
    expect(ws.getCell(r, 11).value).toBe('推进中');
    expect(ws.getCell(r, 2).alignment.wrapText).toBe(true);
    expect(ws.getCell(rowOf(ws, 104), 12).value).toBe('滞后');
    // Chapter and section heading rows, numbered as in the report.
    const col2 = Array.from({ length: ws.rowCount }, (_, i) => ws.getCell(i + 1, 2).value);
    expect(col2).toContain('二、2022年重点任务');
    expect(col2).toContain('（二）以“两区”建设为引领，实现更高水平改革开放');
    expect(wb.getWorksheet('_luoshi')?.state).toBe('veryHidden');
  });

  it('writes one sheet per chapter when asked, and can hide the id column', async () => {
    const wb = await load(await exportLedger(input, { layout: 'by-chapter', idColumn: 'hidden' }));
    const names = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(names).toEqual(['二、2022年重点任务']);
    const ws = wb.getWorksheet('二、2022年重点任务')!;
    expect(ws.getColumn(13).hidden).toBe(true);
    expect(ws.getCell('A1').value).toBe('2022年北京市昌平区政府工作报告重点任务分解表（2022年重点任务）');
  });

  it("fills the progress columns from the domain's approved figures", () => {
    const quarters = deriveReportingPeriods(2022, { frequency: 'quarterly' });
    const figures = new Map([
      [
        101,
        [
          { progress: 20, state: 'in_progress' as const, asOf: '2022-03-31' },
          { progress: 45, state: 'in_progress' as const, asOf: '2022-06-30' },
        ],
      ],
    ]);
    expect(deriveProgressByPeriod(figures, quarters)).toEqual({ 101: { '2022-Q1': 20, '2022-Q2': 45 } });
    expect(quarters.map((q) => q.key)).toEqual(periods.map((p) => p.key));
  });

  it('orders tasks as the report does', () => {
    const index = indexOutline(fx.outline);
    const shuffled = [...fx.tasks].reverse();
    expect(sortTasks(shuffled, index).map((t) => t.id)).toEqual([101, 102, 103, 104, 105, 106]);
    expect(index.label.get(4)).toBe('（二）');
  });
});

describe('importLedger', () => {
  it('finds no change in an untouched export, in both layouts', async () => {
    for (const layout of ['single', 'by-chapter'] as const) {
      const result = await importLedger(await exportLedger(input, { layout }), ctx);
      expect(result.changes).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.rows).toBe(6);
    }
  });

  it('does not report a change for a lead unit that no longer exists (exported blank)', async () => {
    const gone = { ...ctx, units: fx.units.filter((u) => u.id !== 5) }; // 区投资促进中心 removed
    const bytes = await exportLedger({ ...input, units: gone.units });
    const result = await importLedger(bytes, gone);
    expect(result.changes).toEqual([]);
  });

  it('round-trips: cells edited with exceljs come back as exactly those changes', async () => {
    const wb = await load(await exportLedger(input));
    const ws = wb.getWorksheet('任务分解表')!;
    const r101 = rowOf(ws, 101);
    const r103 = rowOf(ws, 103);
    const r104 = rowOf(ws, 104);
    ws.getCell(r101, 3).value = '区科委'; // 牵头单位
    ws.getCell(r101, 8).value = 50; // 二季度 45 → 50
    ws.getCell(r103, 4).value = '回龙观街道，区发展改革委'; // same set, other order: no change
    ws.getCell(r103, 5).value = '王副区长';
    ws.getCell(r103, 6).value = new Date(Date.UTC(2022, 9, 31)); // a real date cell, as Excel types it
    ws.getCell(r103, 6).style = { ...ws.getCell(r103, 6).style, numFmt: 'yyyy/m/d' };
    ws.getCell(r104, 6).value = '2022年11月底';
    ws.getCell(r104, 11).value = '推进中';
    ws.getCell(r104, 7).value = { formula: 'SUM(5,10)', result: 15 }; // formula: cached result used
    ws.getCell(r104, 8).value = 0.3;
    // Typed as 30% in Excel. Loaded cells share style objects in exceljs: give this one its own.
    ws.getCell(r104, 8).style = { ...ws.getCell(r104, 8).style, numFmt: '0%' };
    const result = await importLedger(await save(wb), ctx);
    expect(result.changes).toEqual([
      { taskId: 101, field: 'leadUnitId', before: 3, after: 2, path: `任务分解表!C${r101}` },
      {
        taskId: 101,
        field: 'progress',
        period: '2022-Q2',
        before: 45,
        after: 50,
        path: `任务分解表!H${r101}`,
      },
      { taskId: 103, field: 'leader', before: '李副区长', after: '王副区长', path: `任务分解表!E${r103}` },
      {
        taskId: 103,
        field: 'deadline',
        before: '2022-12-31',
        after: '2022-10-31',
        path: `任务分解表!F${r103}`,
      },
      {
        taskId: 104,
        field: 'deadline',
        before: '2022-12-31',
        after: '2022-11-30',
        path: `任务分解表!F${r104}`,
      },
      {
        taskId: 104,
        field: 'state',
        before: 'not_started',
        after: 'in_progress',
        path: `任务分解表!K${r104}`,
      },
      {
        taskId: 104,
        field: 'progress',
        period: '2022-Q1',
        before: null,
        after: 15,
        path: `任务分解表!G${r104}`,
      },
      {
        taskId: 104,
        field: 'progress',
        period: '2022-Q2',
        before: null,
        after: 30,
        path: `任务分解表!H${r104}`,
      },
    ]);
  });

  it('finds columns by name: an inserted 备注 column and moved columns still import', async () => {
    const wb = await load(await exportLedger(input));
    const ws = wb.getWorksheet('任务分解表')!;
    ws.spliceColumns(3, 0, ['备注']); // header row is 3: the new column C gets values from row 1
    ws.getCell('C1').value = null;
    ws.getCell('C3').value = '备注';
    const r = rowOf(ws, 102);
    ws.getCell(r, 3).value = '已提前完成';
    ws.getCell(r, 5).value = '区科委、区统计局'; // 配合单位 is now column E
    const result = await importLedger(await save(wb), ctx);
    expect(result.changes).toEqual([
      { taskId: 102, field: 'coUnitIds', before: [], after: [2, 7], path: `任务分解表!E${r}` },
    ]);
  });

  it('still imports the table pasted into a new workbook (no hidden sheet), by its 任务ID header', async () => {
    const source = (await load(await exportLedger(input))).getWorksheet('任务分解表')!;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    source.eachRow((row, r) => (ws.getRow(r).values = row.values as ExcelJS.CellValue[]));
    ws.getCell(rowOf(ws, 106), 5).value = '赵副区长';
    const result = await importLedger(await save(wb), ctx);
    expect(result.changes).toEqual([
      { taskId: 106, field: 'leader', before: null, after: '赵副区长', path: `Sheet1!E${rowOf(ws, 106)}` },
    ]);
  });

  it('offers the four states as a drop-down', async () => {
    const ws = (await load(await exportLedger(input))).getWorksheet('任务分解表')!;
    expect(ws.getCell(rowOf(ws, 101), 11).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"未启动,推进中,已完成,已销号"'],
    });
  });

  it('describes changes in the words of the ledger', () => {
    const units = fx.units;
    expect(
      describeLedgerChange({ taskId: 101, field: 'leadUnitId', before: 3, after: 2, path: 'x' }, units),
    ).toEqual({
      column: '牵头单位',
      before: '区规划自然资源分局',
      after: '区科委',
    });
    expect(
      describeLedgerChange(
        { taskId: 1, field: 'state', before: 'in_progress', after: 'done', path: 'x' },
        units,
      ),
    ).toEqual({
      column: '状态',
      before: '推进中',
      after: '已完成',
    });
    expect(
      describeLedgerChange(
        { taskId: 1, field: 'progress', period: '2022-Q2', before: 45, after: null, path: 'x' },
        units,
        periods,
      ),
    ).toEqual({ column: '二季度进度(%)', before: '45', after: '' });
  });

  it('says when a progress column is no longer a period of the plan', async () => {
    const result = await importLedger(await exportLedger(input), { ...ctx, periods: periods.slice(0, 2) });
    expect(result.changes).toEqual([]);
    expect(result.warnings.map((w) => w.path)).toEqual(['任务分解表!I3', '任务分解表!J3']);
    expect(result.warnings[0]!.message).toContain('“三季度进度(%)”已不是本计划的报送期，该列未导入');
  });

  it('warns about edits to read-only columns and skips empty and heading rows', async () => {
    const wb = await load(await exportLedger(input));
    const ws = wb.getWorksheet('任务分解表')!;
    const r = rowOf(ws, 102);
    ws.getCell(r, 2).value = '改写的任务内容';
    ws.getCell(r, 12).value = '正常';
    ws.addRow([]);
    ws.addRow([null, '填表说明：请勿修改任务ID']);
    const result = await importLedger(await save(wb), ctx);
    expect(result.changes).toEqual([]);
    expect(result.warnings).toEqual([
      { path: `任务分解表!B${r}`, message: expect.stringContaining('是报告原文，不能在台账中修改') },
    ]);
  });

  it('rejects the whole file and lists every problem with its cell', async () => {
    const wb = await load(await exportLedger(input));
    const ws = wb.getWorksheet('任务分解表')!;
    const r101 = rowOf(ws, 101);
    const r102 = rowOf(ws, 102);
    const r103 = rowOf(ws, 103);
    const r105 = rowOf(ws, 105);
    const r106 = rowOf(ws, 106);
    ws.getCell(r101, 3).value = '区交通委'; // unknown unit
    ws.getCell(r102, 6).value = '2022年13月'; // bad date
    ws.getCell(r102, 7).value = '过半'; // wrong type
    ws.getCell(r103, 13).value = 999; // unknown id
    ws.getCell(r105, 13).value = 106; // duplicate id (106 comes later)
    ws.getCell(r106, 11).value = '进行中'; // unknown state
    ws.getCell(r106, 8).value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue; // no cached result
    ws.addRow([null, '新增任务', '区科委']); // data without an id
    const error = await expectProblems(await save(wb));
    expect(error.code).toBe('BAD_INPUT');
    const last = ws.rowCount;
    expect(error.details.map((d) => d.path)).toEqual([
      `任务分解表!C${r101}`,
      `任务分解表!F${r102}`,
      `任务分解表!G${r102}`,
      `任务分解表!M${r103}`,
      `任务分解表!M${r106}`,
      `任务分解表!K${r106}`,
      `任务分解表!H${r106}`,
      `任务分解表!M${last}`,
    ]);
    expect(error.details[0]!.message).toBe('牵头单位“区交通委”不在本辖区单位名单中，请填写单位全称');
    expect(error.details[1]!.message).toContain('完成时限“2022年13月”不是日期');
    expect(error.details[3]!.message).toBe('本计划中没有任务ID为999的任务：请勿修改任务ID');
    expect(error.details[4]!.message).toBe(`任务ID106重复（任务分解表!M${r105}已填）`);
    expect(error.details[5]!.message).toContain('状态“进行中”不是可选的值');
    expect(error.details[6]!.message).toContain('是没有计算结果的公式：请直接填写');
    expect(error.details[7]!.message).toBe(
      `第${last}行填了牵头单位，但没有任务ID：新增任务请在系统中添加，不能通过台账添加`,
    );
  });

  it('rejects merged cells in the data, a missing required column and a renamed sheet', async () => {
    const wb = await load(await exportLedger(input, { layout: 'by-chapter' }));
    const ws = wb.getWorksheet('二、2022年重点任务')!;
    ws.mergeCells(`C${rowOf(ws, 101)}:D${rowOf(ws, 101)}`);
    let error = await expectProblems(await save(wb));
    expect(error.details).toEqual([
      {
        path: `二、2022年重点任务!C${rowOf(ws, 101)}:D${rowOf(ws, 101)}`,
        message: expect.stringContaining('数据行中有合并单元格'),
      },
    ]);

    const wb2 = await load(await exportLedger(input));
    const ws2 = wb2.getWorksheet('任务分解表')!;
    ws2.spliceColumns(5, 1); // drop 责任领导
    error = await expectProblems(await save(wb2));
    expect(error.details).toEqual([
      { path: '任务分解表!3:3', message: '缺少必填列“责任领导”：请不要删除或改名' },
    ]);

    const wb3 = await load(await exportLedger(input));
    wb3.getWorksheet('任务分解表')!.name = '分解表';
    error = await expectProblems(await save(wb3));
    expect(error.details).toEqual([
      {
        path: '任务分解表!A1',
        message: expect.stringContaining('缺少工作表“任务分解表”，可能被删除或改名（文件中的工作表：分解表'),
      },
    ]);
  });

  it('answers a GBK CSV, a .docx and another plan with clear errors', async () => {
    const csv = iconv.encode(
      '序号,任务内容,牵头单位\r\n1,推动2022年供应产业用地2500亩以上,区规划自然资源分局\r\n',
      'gbk',
    );
    let error = await expectProblems(csv);
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.message).toMatch(/是文本（CSV）文件，编码(GB18030|GBK)，不是Excel工作簿/);

    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('任务分解表')] }] }),
    );
    error = await expectProblems(docx);
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.message).toContain('是Word文档（.docx），不是Excel工作簿');

    const big = Buffer.concat([await exportLedger(input), Buffer.alloc(21 * 1024 * 1024)]);
    error = await expectProblems(big);
    expect(error.code).toBe('TOO_LARGE');

    // A workbook whose sheet declares its honest size but would inflate to 2 GB: refused at the cap.
    const parts = (await inflateZip(await exportLedger(input), { ...WORKBOOK_LIMITS.ledger.zip, what: 'x' }))
      .entries;
    const bomb = withBomb(parts, {
      name: 'xl/worksheets/sheet1.xml',
      body: deflatedZeros(2 * 1024 * 1024 * 1024),
      declaredSize: 2 ** 31,
    });
    error = await expectProblems(bomb);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('工作簿ledger.xlsx解压后超过24 MB，已拒收');

    const other = await importLedger(await exportLedger(input), { ...ctx, planId: 8 }).catch(
      (e: unknown) => e,
    );
    expect(other).toBeInstanceOf(AppError);
    expect((other as AppError).message).toContain('是从另一份计划导出的台账');
  });
});
